// The create-key wizard's state, carried from step to step in the form itself (hidden fields for
// the steps not shown), read back from each post and checked step by step: 1 key type, usage and
// spec; 2 alias, description, tags; 3 key administrators; 4 key users; 5 review.
import { usageWords } from "../views/format.ts";

export type KeyType = "symmetric" | "asymmetric";

export interface WizardTag {
  key: string;
  value: string;
}

export interface WizardState {
  keyType: KeyType;
  keyUsage: string;
  keySpec: string;
  /** Without the "alias/" prefix, as the console's field takes it. */
  alias: string;
  description: string;
  tags: WizardTag[];
  admins: string[];
  adminsMayDelete: boolean;
  users: string[];
}

export const STEPS = ["Configure key", "Add labels", "Define key administrative permissions", "Define key usage permissions", "Review"] as const;
export const LAST_STEP = STEPS.length;

export const USAGES: Readonly<Record<KeyType, readonly string[]>> = {
  symmetric: ["ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC"],
  asymmetric: ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "KEY_AGREEMENT", "ENCAPSULATE_DECAPSULATE"],
};

const ECC_SIGNING = ["ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "ECC_NIST_EDWARDS25519"];
const RSA = ["RSA_2048", "RSA_3072", "RSA_4096"];
const ML_DSA = ["ML_DSA_44", "ML_DSA_65", "ML_DSA_87"];
const ML_KEM = ["ML_KEM_512", "ML_KEM_768", "ML_KEM_1024"];

/** The key specs for a key type and usage, as the console offers them. */
export function specsFor(type: KeyType, usage: string): string[] {
  if (type === "symmetric") return usage === "GENERATE_VERIFY_MAC" ? ["HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512"] : usage === "ENCRYPT_DECRYPT" ? ["SYMMETRIC_DEFAULT"] : [];
  if (usage === "ENCRYPT_DECRYPT") return RSA;
  if (usage === "SIGN_VERIFY") return [...RSA, ...ECC_SIGNING, ...ML_DSA];
  if (usage === "KEY_AGREEMENT") return ["ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521"];
  if (usage === "ENCAPSULATE_DECAPSULATE") return ML_KEM;
  return [];
}

export const ALL_SPECS = ["SYMMETRIC_DEFAULT", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512", ...RSA, ...ECC_SIGNING, ...ML_DSA, ...ML_KEM];

/** A form field's values: one string, several (repeated names), or none. */
export function fieldValues(body: unknown, name: string): string[] {
  if (!body || typeof body !== "object") return [];
  const value = (body as Record<string, unknown>)[name];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

function one(body: unknown, name: string): string {
  return fieldValues(body, name)[0] ?? "";
}

/** The state a post carries; `from` is the step whose form was shown (its checkboxes speak for themselves). */
export function readWizard(body: unknown): { state: WizardState; from: number } {
  const from = Number(one(body, "from")) || 1;
  const keys = fieldValues(body, "tagKey");
  const values = fieldValues(body, "tagValue");
  const tags = keys.map((key, i) => ({ key: key.trim(), value: values[i] ?? "" })).filter((t) => t.key !== "" || t.value !== "");
  const mayDelete = fieldValues(body, "adminsMayDelete");
  return {
    from,
    state: {
      keyType: one(body, "keyType") === "asymmetric" ? "asymmetric" : "symmetric",
      keyUsage: one(body, "keyUsage") || "ENCRYPT_DECRYPT",
      keySpec: one(body, "keySpec") || "SYMMETRIC_DEFAULT",
      alias: one(body, "alias").trim().replace(/^alias\//, ""),
      description: one(body, "description"),
      tags,
      admins: [...new Set(fieldValues(body, "admin"))],
      // Ticked by default, as in AWS's console; on its own step an unticked box sends nothing.
      adminsMayDelete: from === 3 ? mayDelete.includes("true") : !mayDelete.includes("false"),
      users: [...new Set(fieldValues(body, "user"))],
    },
  };
}

export function initialWizard(): WizardState {
  return { keyType: "symmetric", keyUsage: "ENCRYPT_DECRYPT", keySpec: "SYMMETRIC_DEFAULT", alias: "", description: "", tags: [], admins: [], adminsMayDelete: true, users: [] };
}

export type StepErrors = Partial<Record<string, string>>;

export function checkStep1(s: WizardState): StepErrors {
  if (!USAGES[s.keyType].includes(s.keyUsage)) {
    return { keyUsage: `${s.keyType === "symmetric" ? "Symmetric" : "Asymmetric"} keys are for ${USAGES[s.keyType].map(usageWords).join(" or ").toLowerCase()}.` };
  }
  const specs = specsFor(s.keyType, s.keyUsage);
  if (!specs.includes(s.keySpec)) return { keySpec: `A ${s.keyType} key for ${usageWords(s.keyUsage).toLowerCase()} has one of these key specs: ${specs.join(", ")}.` };
  return {};
}

const ALIAS_NAME = /^[a-zA-Z0-9/_-]+$/;

/** Alias, description and tags, as KMS will take them (whether the alias is taken is asked of KMS). */
export function checkStep2(s: WizardState): StepErrors {
  const errors: StepErrors = {};
  if (s.alias === "") errors["alias"] = "Enter an alias: the name people will know the key by.";
  else if (!ALIAS_NAME.test(s.alias)) errors["alias"] = "An alias has letters, digits, slashes, underscores and hyphens only.";
  else if (s.alias.length > 250) errors["alias"] = "An alias has at most 250 characters after alias/.";
  else if (s.alias.startsWith("aws/")) errors["alias"] = "Aliases beginning with aws/ are reserved for AWS managed keys.";
  if (s.description.length > 8192) errors["description"] = "A description has at most 8192 characters.";
  const seen = new Set<string>();
  for (const t of s.tags) {
    if (t.key === "") errors["tags"] = "Every tag needs a key.";
    else if (t.key.length > 128) errors["tags"] = `The tag key ${t.key.slice(0, 20)}… is longer than 128 characters.`;
    else if (t.value.length > 256) errors["tags"] = `The value of the tag ${t.key} is longer than 256 characters.`;
    else if (t.key.toLowerCase().startsWith("aws:")) errors["tags"] = "Tag keys beginning with aws: are reserved.";
    else if (seen.has(t.key)) errors["tags"] = `The tag key ${t.key} is given twice.`;
    seen.add(t.key);
  }
  if (s.tags.length > 50) errors["tags"] = "A key has at most 50 tags.";
  return errors;
}

export function checkPrincipals(chosen: readonly string[], known: ReadonlySet<string>, field: string): StepErrors {
  const unknown = chosen.find((arn) => !known.has(arn));
  return unknown ? { [field]: `${unknown} is not a role or user of this account.` } : {};
}

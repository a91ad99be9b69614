// Policy documents checked as IAM checks them before it stores them: the policy engine's
// validation (MalformedPolicyDocument with IAM's reason), then IAM's size quotas. A trust policy
// may name only users, roles and identity providers that exist; the engine asks synchronously,
// so the ARNs a document names are looked up first.
import { exceedsPolicySize, isPolicyError, parsePolicy, POLICY_SIZE_LIMITS, type ParseOptions, type PolicyKind } from "../../policy/index.ts";
import { IamError } from "../errors.ts";

/** Whether the user or role ("AWS") or identity provider ("Federated") an ARN names exists. */
export type PrincipalLookup = (arn: string, type: "AWS" | "Federated") => Promise<boolean>;

function parseOrRefuse(document: string, kind: PolicyKind, options: ParseOptions): void {
  try {
    parsePolicy(document, kind, options);
  } catch (error) {
    if (isPolicyError(error)) throw new IamError("MalformedPolicyDocument", error.message);
    throw error;
  }
}

/** An identity-based policy: a role's inline policy, or a managed policy (Version 2012-10-17, alphanumeric Sids). */
export function checkPermissionsPolicy(document: string, options: { managed?: boolean } = {}): void {
  parseOrRefuse(document, "identity", { managed: options.managed === true });
  if (options.managed && exceedsPolicySize(document, "managed")) {
    throw new IamError("LimitExceeded", `Cannot exceed quota for PolicySize: ${POLICY_SIZE_LIMITS.managed}`);
  }
}

/** A role's trust policy (AssumeRolePolicyDocument). */
export async function checkTrustPolicy(document: string, exists: PrincipalLookup): Promise<void> {
  const found = new Set<string>();
  await Promise.all(
    principalArns(document).map(async ([type, arn]) => {
      if (await exists(arn, type)) found.add(`${type}\n${arn}`);
    }),
  );
  parseOrRefuse(document, "trust", { principalExists: (arn, type) => found.has(`${type}\n${arn}`) });
  if (exceedsPolicySize(document, "trust")) throw new IamError("LimitExceeded", `Cannot exceed quota for ACLSizePerRole: ${POLICY_SIZE_LIMITS.trust}`);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The ARNs of AWS and Federated principals a document names (nothing when it does not parse: validation says why). */
export function principalArns(document: string): ["AWS" | "Federated", string][] {
  let raw: unknown;
  try {
    raw = JSON.parse(document);
  } catch {
    return [];
  }
  if (!isObject(raw)) return [];
  const statements = Array.isArray(raw.Statement) ? raw.Statement : [raw.Statement];
  const out = new Map<string, ["AWS" | "Federated", string]>();
  for (const statement of statements) {
    if (!isObject(statement)) continue;
    for (const element of [statement.Principal, statement.NotPrincipal]) {
      if (!isObject(element)) continue;
      for (const type of ["AWS", "Federated"] as const) {
        const value = element[type];
        for (const id of Array.isArray(value) ? value : [value]) {
          if (typeof id === "string" && id.startsWith("arn:")) out.set(`${type}\n${id}`, [type, id]);
        }
      }
    }
  }
  return [...out.values()];
}

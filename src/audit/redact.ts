// The second net under the audit trail: operations already leave secrets out of their trail facts;
// this scrub removes, at any depth, every member whose name says it holds one (plaintext,
// passwords, SAML messages, secret and private keys, session tokens), and every binary value
// (CloudTrail never logs blobs). It copies: what it is given is left as it was.

/** Name fragments (lower case, without "_" and "-") that mark a member as secret. */
const SECRET_NAME_PARTS = [
  "plaintext",
  "password",
  "passphrase",
  "secretaccesskey",
  "secretkey",
  "sessiontoken",
  "securitytoken",
  "samlassertion",
  "samlresponse",
  "samlrequest",
  "privatekey",
  "sharedsecret",
  "clientsecret",
] as const;

const MAX_DEPTH = 32;

/**
 * Whether a member of this name may hold a secret (case-insensitive; "_" and "-" ignored). An
 * identifier of one (a name ending in "id", as CloudTrail's sAMLAssertionID) is not the secret.
 */
export function isSecretName(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[-_]/g, "");
  if (normalized.endsWith("id") || normalized.endsWith("ids")) return false;
  return SECRET_NAME_PARTS.some((part) => normalized.includes(part));
}

/** Why a member was taken out: its name, its being binary, or its depth (a cycle, or absurd nesting). */
export type RedactionReason = "secret-name" | "binary" | "too-deep";
export type OnRedacted = (path: string, reason: RedactionReason) => void;

/**
 * A copy of the value without secret-named members and binary values; Dates become ISO strings,
 * functions and symbols vanish. `removed` is told the path of each member taken out (never its value).
 */
export function redactSecrets<T>(value: T, removed?: OnRedacted): T {
  return scrub(value, "", 0, removed) as T;
}

function scrub(value: unknown, path: string, depth: number, removed: OnRedacted | undefined): unknown {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== "object") return undefined;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    removed?.(path || "(root)", "binary");
    return undefined;
  }
  if (depth >= MAX_DEPTH) {
    removed?.(path || "(root)", "too-deep");
    return undefined;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((item, i) => {
      const clean = scrub(item, `${path}[${i}]`, depth + 1, removed);
      if (clean !== undefined) out.push(clean);
    });
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    const memberPath = path ? `${path}.${key}` : key;
    if (isSecretName(key)) {
      removed?.(memberPath, "secret-name");
      continue;
    }
    const clean = scrub(member, memberPath, depth + 1, removed);
    if (clean === undefined) continue;
    // A member named "__proto__" (JSON.parse makes them) stays a member, not a prototype.
    if (key === "__proto__") Object.defineProperty(out, key, { value: clean, enumerable: true, writable: true, configurable: true });
    else out[key] = clean;
  }
  return out;
}

// Grants as KMS defines them: which grant operations a key of each type accepts, the encryption
// context constraints (keys compared without case, values exactly), what a grant that allows
// CreateGrant lets its grantee create (a subset of its operations, constraints as strict or
// stricter), the principals a grant may name, ListGrants' entries, and grant storage.
import type { GrantListEntry } from "@aws-sdk/client-kms";
import type { KmsGrantRow } from "../../store/index.ts";
import { kmsError } from "../errors.ts";
import type { GrantConstraints, GrantOperation, KmsGrant, KmsKey } from "../model/types.ts";
import type { KmsDeps } from "./context.ts";
import { principalExists } from "./key-policy.ts";

/** Every value of the GrantOperation enum, in the service model's order. */
export const GRANT_OPERATION_ENUM = [
  "Decrypt",
  "Encrypt",
  "GenerateDataKey",
  "GenerateDataKeyWithoutPlaintext",
  "ReEncryptFrom",
  "ReEncryptTo",
  "Sign",
  "Verify",
  "GetPublicKey",
  "CreateGrant",
  "RetireGrant",
  "DescribeKey",
  "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext",
  "GenerateMac",
  "VerifyMac",
  "DeriveSharedSecret",
  "Encapsulate",
  "Decapsulate",
] as const;

const MANAGEMENT: readonly GrantOperation[] = ["CreateGrant", "DescribeKey", "RetireGrant"];

/** The grant operations a key accepts ("Grant operations" in the KMS Developer Guide). */
export function grantOperationsFor(key: KmsKey): readonly GrantOperation[] {
  if (key.keySpec === "SYMMETRIC_DEFAULT") {
    return [
      "Decrypt",
      "Encrypt",
      "GenerateDataKey",
      "GenerateDataKeyPair",
      "GenerateDataKeyPairWithoutPlaintext",
      "GenerateDataKeyWithoutPlaintext",
      "ReEncryptFrom",
      "ReEncryptTo",
      ...MANAGEMENT,
    ];
  }
  switch (key.keyUsage) {
    case "ENCRYPT_DECRYPT":
      return ["Decrypt", "Encrypt", "ReEncryptFrom", "ReEncryptTo", "GetPublicKey", ...MANAGEMENT];
    case "SIGN_VERIFY":
      return ["Sign", "Verify", "GetPublicKey", ...MANAGEMENT];
    case "GENERATE_VERIFY_MAC":
      return ["GenerateMac", "VerifyMac", ...MANAGEMENT];
    case "KEY_AGREEMENT":
      return ["DeriveSharedSecret", "GetPublicKey", ...MANAGEMENT];
    case "ENCAPSULATE_DECAPSULATE":
      return ["Decapsulate", "Encapsulate", "GetPublicKey", ...MANAGEMENT];
  }
}

/** The operations that take an encryption context: the only ones grant constraints apply to. */
export const CONTEXT_OPERATIONS: ReadonlySet<string> = new Set([
  "Decrypt",
  "Encrypt",
  "GenerateDataKey",
  "GenerateDataKeyWithoutPlaintext",
  "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext",
  "ReEncryptFrom",
  "ReEncryptTo",
]);

/** The request's pairs by lower-cased key: a grant constraint's keys are not case sensitive, its values are. */
function byLowerKey(context: Readonly<Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(context)) out.set(k.toLowerCase(), v);
  return out;
}

function includesAll(given: Map<string, string>, want: Readonly<Record<string, string>>): boolean {
  return Object.entries(want).every(([k, v]) => given.get(k.toLowerCase()) === v);
}

/** Whether a request's encryption context satisfies a grant's constraints. */
export function constraintsSatisfied(constraints: GrantConstraints | undefined, context: Readonly<Record<string, string>> | undefined): boolean {
  if (!constraints) return true;
  const given = byLowerKey(context ?? {});
  const equals = constraints.EncryptionContextEquals;
  if (equals && (given.size !== byLowerKey(equals).size || !includesAll(given, equals))) return false;
  const subset = constraints.EncryptionContextSubset;
  if (subset && !includesAll(given, subset)) return false;
  return true;
}

/**
 * Whether a child grant's constraints are at least as strict as its parent's: a parent's Subset
 * pairs must all be in the child's Subset or Equals; a parent's Equals must be the child's Equals.
 */
export function atLeastAsStrict(parent: GrantConstraints | undefined, child: GrantConstraints | undefined): boolean {
  if (!parent) return true;
  const equals = parent.EncryptionContextEquals;
  if (equals) {
    const childEquals = child?.EncryptionContextEquals;
    if (!childEquals) return false;
    const a = byLowerKey(equals);
    const b = byLowerKey(childEquals);
    if (a.size !== b.size || ![...a].every(([k, v]) => b.get(k) === v)) return false;
  }
  const subset = parent.EncryptionContextSubset;
  if (subset) {
    const fromEquals = child?.EncryptionContextEquals && includesAll(byLowerKey(child.EncryptionContextEquals), subset);
    const fromSubset = child?.EncryptionContextSubset && includesAll(byLowerKey(child.EncryptionContextSubset), subset);
    if (!fromEquals && !fromSubset) return false;
  }
  return true;
}

/** What a CreateGrant request asks for, when a grant (not a policy) is to allow it. */
export interface ChildGrant {
  operations: readonly string[];
  constraints?: GrantConstraints;
}

/** Whether a parent grant that allows CreateGrant covers the child grant. */
export function coversChild(parent: KmsGrant, child: ChildGrant): boolean {
  const allowed = new Set<string>(parent.operations);
  return child.operations.every((op) => allowed.has(op)) && atLeastAsStrict(parent.constraints, child.constraints);
}

const ASSUMED_ROLE = /^arn:aws:sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/[\w+=,.@-]+$/;
const ACCOUNT_ROOT = /^arn:aws:iam::\d{12}:root$/;
const FEDERATED_USER = /^arn:aws:sts::\d{12}:federated-user\/[\w+=,.@-]+$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/;
const IAM_ENTITY = /^arn:aws:iam::\d{12}:(?:user|role)\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+$/;

/**
 * Checks a grant's GranteePrincipal or RetiringPrincipal as KMS does: an account, IAM user or
 * role that exists, an assumed-role session of an existing role, a federated user, or a service
 * principal; anything else is InvalidArnException.
 */
export async function checkGrantPrincipal(deps: KmsDeps, value: string): Promise<void> {
  let valid = false;
  if (ACCOUNT_ROOT.test(value) || FEDERATED_USER.test(value) || SERVICE_PRINCIPAL.test(value)) valid = true;
  else if (IAM_ENTITY.test(value)) valid = await principalExists(deps, value);
  else {
    const session = ASSUMED_ROLE.exec(value);
    if (session) valid = (await deps.iam.findRole(session[1]!, session[2]!)) !== undefined;
  }
  if (!valid) throw kmsError("InvalidArnException", `ARN does not refer to a valid principal: ${value}`);
}

/** ListGrants' and ListRetirableGrants' entry for a grant. */
export function grantEntry(grant: KmsGrant): GrantListEntry {
  const entry: GrantListEntry = {
    KeyId: grant.keyArn,
    GrantId: grant.grantId,
    Name: grant.name ?? "",
    CreationDate: new Date(grant.creationDate),
    GranteePrincipal: grant.granteePrincipal,
    IssuingAccount: grant.issuingAccount,
    Operations: [...grant.operations],
  };
  if (grant.retiringPrincipal !== undefined) entry.RetiringPrincipal = grant.retiringPrincipal;
  if (grant.constraints) entry.Constraints = grant.constraints;
  return entry;
}

export function grantRow(grant: KmsGrant): KmsGrantRow {
  return {
    grantId: grant.grantId,
    keyId: grant.keyId,
    name: grant.name,
    retiringPrincipal: grant.retiringPrincipal,
    createdAt: new Date(grant.creationDate),
    document: grant,
  };
}

/** Whether a principal named in a grant is the caller: its ARN, or for a session its role's ARN. */
export function namesCaller(principal: string | undefined, caller: { arn: string; session?: { roleArn: string } | undefined }): boolean {
  if (principal === undefined) return false;
  return principal === caller.arn || (caller.session !== undefined && principal === caller.session.roleArn);
}

/** Removes a grant and forgets the key's cached grants; false when it was not there. */
export async function deleteGrant(deps: KmsDeps, keyId: string, grantId: string): Promise<boolean> {
  const deleted = await deps.repo.deleteGrant(keyId, grantId);
  deps.caches.grants.delete(keyId);
  return deleted;
}

/** The nonce CreateGrant puts into a grant token: the key's id first, so a token finds its grant. */
export function tokenNonce(keyId: string, random: string): string {
  return `${keyId}.${random}`;
}

/** The key id a grant token of ours names (see tokenNonce), or undefined. */
export function keyIdOfToken(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const text = Buffer.from(token, "base64url").toString("utf8");
  const nonce = text.split(":")[2];
  const keyId = nonce?.split(".")[0];
  return keyId && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(keyId) ? keyId : undefined;
}

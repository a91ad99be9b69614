// What the key management operations (EnableKey, ScheduleKeyDeletion, TagResource, the alias
// operations…) share: they name a key of the caller's own account by key id or key ARN (no alias,
// no other account: AWS lists none of them as cross-account), they are authorized by the key
// policy (no grant gives them), each allows only some key states, and their change is read,
// checked and written in one transaction so that two concurrent calls cannot both apply.
import type { ContextValue } from "../../policy/index.ts";
import { kmsError } from "../errors.ts";
import { keyArn } from "../model/arn.ts";
import type { KeyState, KmsKey } from "../model/types.ts";
import { authorizeKey } from "./authorize.ts";
import type { KmsContext, KmsDeps } from "./context.ts";
import { keyRow } from "./keys.ts";
import { resolveKey } from "./resolve.ts";

const notFound = (key: Pick<KmsKey, "region" | "accountId" | "keyId">) =>
  kmsError("NotFoundException", `Key '${keyArn(key.region, key.accountId, key.keyId)}' does not exist`);

/**
 * The key a management operation names: a key id, or a key ARN of the caller's account. A key ARN
 * of another account is treated as a key that does not exist here (NotFoundException), since
 * these operations never reach across accounts.
 */
export async function resolveOwnKey(deps: KmsDeps, ctx: KmsContext, identifier: string): Promise<KmsKey> {
  const { key } = await resolveKey(deps, ctx, identifier, { allowAlias: false, crossAccount: false });
  if (key.accountId !== ctx.caller.accountId) throw notFound(key);
  return key;
}

/** Resolves the key and authorizes `action` on it by its key policy (and IAM when the policy delegates). */
export async function manageKey(deps: KmsDeps, ctx: KmsContext, identifier: string, action: string, conditions?: Readonly<Record<string, ContextValue>>): Promise<KmsKey> {
  const key = await resolveOwnKey(deps, ctx, identifier);
  await authorizeKey(deps, ctx, key, action, { grants: false, ...(conditions ? { conditions } : {}) });
  return key;
}

/** KMSInvalidStateException in AWS's words when the key's state is not one of `allowed`. */
export function requireState(key: KmsKey, allowed: readonly KeyState[]): void {
  if (allowed.includes(key.state)) return;
  switch (key.state) {
    case "PendingDeletion":
      throw kmsError("KMSInvalidStateException", `${key.arn} is pending deletion.`);
    case "PendingImport":
      throw kmsError("KMSInvalidStateException", `${key.arn} is pending import.`);
    default:
      throw kmsError("KMSInvalidStateException", `${key.arn} is ${key.state.toLowerCase()}.`);
  }
}

/**
 * Applies `change` to the stored key in one transaction: the key is read again there, so the
 * state checks inside `change` see what is stored, not what an earlier read saw. Returns the key
 * as written.
 */
export async function changeKey(deps: KmsDeps, key: KmsKey, change: (stored: KmsKey) => void): Promise<KmsKey> {
  return deps.repo.transaction(async (tx) => {
    const row = await tx.getKey(key.keyId);
    if (!row) throw notFound(key);
    const stored = structuredClone(row.document as KmsKey);
    change(stored);
    await tx.putKey(keyRow(stored));
    return stored;
  });
}

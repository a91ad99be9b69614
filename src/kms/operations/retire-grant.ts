// RetireGrant: deletes a grant named by its token, or by KeyId (key id or key ARN) and GrantId.
// The grant decides who may: its retiring principal, its grantee when the grant includes
// RetireGrant, and the account that issued it (its root, and IAM principals there that an IAM
// policy allows kms:RetireGrant); a retiring principal that is an account admits that account's
// root and its IAM principals alike. An explicit deny of kms:RetireGrant in IAM policies wins.
// Every key state allows it.
import { grantIdOfToken } from "../api/grant-tokens.ts";
import { readGrantId } from "../api/grant-input.ts";
import { optionalString } from "../api/params.ts";
import { kmsError } from "../errors.ts";
import { readDryRun, stopIfDryRun } from "../engine/dry-run.ts";
import { accessDenied, derivedKeyConditions, keyConditions } from "../engine/authorize.ts";
import type { KmsContext, KmsDeps } from "../engine/context.ts";
import { deleteGrant, keyIdOfToken, namesCaller } from "../engine/grants.ts";
import { loadKey } from "../engine/keys.ts";
import { resolveKey } from "../engine/resolve.ts";
import { settleKey } from "../engine/settle.ts";
import type { KmsGrant, KmsKey } from "../model/types.ts";
import type { KmsOperation } from "./operation.ts";
import { keyResourceOf, quietOutput, resourcesOf } from "./quiet-output.ts";

const invalidToken = () => kmsError("InvalidGrantTokenException", "The grant token is invalid.");
const invalidGrantId = () => kmsError("InvalidGrantIdException", "The grant ID is invalid.");

/** The key and grant a token names (the token's key may be in another account). */
async function byToken(deps: KmsDeps, ctx: KmsContext, token: string): Promise<{ key: KmsKey; grant: KmsGrant }> {
  const grantId = grantIdOfToken(token);
  const keyId = keyIdOfToken(token);
  if (grantId === undefined || keyId === undefined) throw invalidToken();
  const stored = await loadKey(deps.repo, keyId);
  const key = stored && (await settleKey(deps, stored, ctx.now));
  if (!key || key.region !== ctx.region) throw invalidToken();
  const row = await deps.repo.getGrant(key.keyId, grantId);
  if (!row) throw invalidToken();
  return { key, grant: row.document as KmsGrant };
}

/** Whether an account-level principal (`arn:aws:iam::<account>:root`) is the caller's account. */
function isCallersAccount(principal: string | undefined, accountId: string): boolean {
  return principal === `arn:aws:iam::${accountId}:root`;
}

export const retireGrant: KmsOperation = {
  readOnly: false,
  async run(deps, ctx): Promise<Record<string, never>> {
    const p = ctx.params;
    const token = optionalString(p, "GrantToken", { min: 1, max: 8192 });
    const keyIdParam = optionalString(p, "KeyId", { min: 1, max: 2048 });
    const grantIdParam = readGrantId(p);
    const dryRun = readDryRun(p);

    let key: KmsKey;
    let grant: KmsGrant;
    if (token !== undefined) {
      ({ key, grant } = await byToken(deps, ctx, token));
      if (grantIdParam !== undefined && grantIdParam !== grant.grantId) throw invalidGrantId();
      if (keyIdParam !== undefined) {
        const named = (await resolveKey(deps, ctx, keyIdParam, { allowAlias: false })).key;
        if (named.keyId !== key.keyId) throw kmsError("ValidationException", `Invalid KeyId=${keyIdParam} specified for grant ${grant.grantId}`);
      }
    } else if (keyIdParam !== undefined && grantIdParam !== undefined) {
      key = (await resolveKey(deps, ctx, keyIdParam, { allowAlias: false })).key;
      const row = await deps.repo.getGrant(key.keyId, grantIdParam);
      if (!row) throw invalidGrantId();
      grant = row.document as KmsGrant;
    } else {
      throw kmsError("ValidationException", "Grant token OR (grant ID, key ID) must be specified");
    }

    const caller = ctx.caller;
    const conditions = await keyConditions(deps, ctx, key, {});
    const decision = await deps.authorize(caller, "kms:RetireGrant", key.arn, conditions, undefined, { now: ctx.now, resourceAccount: caller.accountId, derived: derivedKeyConditions(key) });
    if (decision.effect === "ExplicitDeny") throw await accessDenied(deps, ctx, "kms:RetireGrant", key.arn, decision, conditions);
    const named = namesCaller(grant.retiringPrincipal, caller) || (namesCaller(grant.granteePrincipal, caller) && grant.operations.includes("RetireGrant"));
    const iamAllows = caller.principal.type === "root" || decision.effect === "Allow";
    const byAccount = iamAllows && (isCallersAccount(grant.issuingAccount, caller.accountId) || isCallersAccount(grant.retiringPrincipal, caller.accountId));
    if (!named && !byAccount) throw await accessDenied(deps, ctx, "kms:RetireGrant", key.arn, decision, conditions);
    stopIfDryRun(dryRun);
    await deleteGrant(deps, key.keyId, grant.grantId);
    return quietOutput([keyResourceOf(key)]);
  },
  // CloudTrail records no request parameters for RetireGrant (the token is a credential), and the key as resource.
  trail: (_params, output) => ({ requestParameters: null, responseElements: null, resources: resourcesOf(output) }),
};

// RevokeGrant: deletes a grant of a key (key id or key ARN, other accounts' keys included), in
// any key state; authorized by kms:RevokeGrant on the key (key policy, IAM when it delegates;
// no grant gives it).
import { readGrantId } from "../api/grant-input.ts";
import { readKeyId } from "../api/key-input.ts";
import { kmsError } from "../errors.ts";
import { readDryRun, stopIfDryRun } from "../engine/dry-run.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { deleteGrant } from "../engine/grants.ts";
import { resolveKey } from "../engine/resolve.ts";
import type { KmsOperation } from "./operation.ts";
import { keyResourceOf, quietOutput, resourcesOf } from "./quiet-output.ts";

export const revokeGrant: KmsOperation = {
  readOnly: false,
  async run(deps, ctx): Promise<Record<string, never>> {
    const p = ctx.params;
    const keyId = readKeyId(p);
    const grantId = readGrantId(p, true)!;
    const dryRun = readDryRun(p);
    const { key } = await resolveKey(deps, ctx, keyId, { allowAlias: false });
    await authorizeKey(deps, ctx, key, "kms:RevokeGrant", { grants: false, conditions: { "kms:GrantIsForAWSResource": false } });
    if (!(await deps.repo.getGrant(key.keyId, grantId))) throw kmsError("InvalidGrantIdException", "The grant ID is invalid.");
    stopIfDryRun(dryRun);
    if (!(await deleteGrant(deps, key.keyId, grantId))) throw kmsError("InvalidGrantIdException", "The grant ID is invalid.");
    return quietOutput([keyResourceOf(key)]);
  },
  trail: (params, output) => ({
    requestParameters: { keyId: params["KeyId"], grantId: params["GrantId"] },
    responseElements: null,
    resources: resourcesOf(output),
  }),
};

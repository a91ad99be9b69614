// DeleteAlias: removes an alias; its key is not affected. kms:DeleteAlias is needed on the alias
// (IAM policy) and on its key (key policy). Every key state allows it.
import { kmsError } from "../errors.ts";
import { aliasArnOf, authorizeAlias, forgetAliases, loadAlias, readAliasName } from "../engine/aliases.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { resolveOwnKey } from "../engine/manage.ts";
import type { KmsOperation } from "./operation.ts";
import { aliasResourceOf, keyResourceOf, quietOutput, resourcesOf } from "./quiet-output.ts";

export const deleteAlias: KmsOperation = {
  readOnly: false,
  async run(deps, ctx) {
    const name = readAliasName(ctx.params);
    const arn = aliasArnOf(ctx, name);
    const alias = await loadAlias(deps, ctx, name);
    const key = await resolveOwnKey(deps, ctx, alias.targetKeyId);
    await authorizeAlias(deps, ctx, "kms:DeleteAlias", arn);
    await authorizeKey(deps, ctx, key, "kms:DeleteAlias", { grants: false });
    const deleted = await deps.repo.deleteAlias(alias.accountId, alias.region, name);
    forgetAliases(deps, key.keyId);
    if (!deleted) throw kmsError("NotFoundException", `Alias ${arn} is not found.`);
    return quietOutput([aliasResourceOf(arn, key.accountId), keyResourceOf(key)]);
  },
  trail: (params, output) => ({ requestParameters: { aliasName: params["AliasName"] }, responseElements: null, resources: resourcesOf(output) }),
};

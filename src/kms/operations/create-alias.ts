// CreateAlias: a new alias name in the caller's account and Region for one of its keys, named by
// key id or key ARN (not by another alias). kms:CreateAlias is needed on the alias (IAM policy)
// and on the key (key policy). A key pending deletion is refused; an alias name already taken is
// AlreadyExistsException, named by its ARN as AWS writes it.
import { readKeyId } from "../api/key-input.ts";
import { kmsError } from "../errors.ts";
import { aliasArnOf, authorizeAlias, forgetAliases, namesAlias, readAliasName } from "../engine/aliases.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { requireState, resolveOwnKey } from "../engine/manage.ts";
import { requireCustomerManaged } from "../engine/states.ts";
import type { KmsKey } from "../model/types.ts";
import type { KmsOperation } from "./operation.ts";
import { aliasResourceOf, keyResourceOf, quietOutput, resourcesOf } from "./quiet-output.ts";

export const aliasesMustNameKeys = () => kmsError("ValidationException", "Aliases must refer to keys. Not aliases");

export const createAlias: KmsOperation = {
  readOnly: false,
  async run(deps, ctx) {
    const name = readAliasName(ctx.params);
    const target = readKeyId(ctx.params, "TargetKeyId");
    if (namesAlias(target)) throw aliasesMustNameKeys();
    const arn = aliasArnOf(ctx, name);
    const key = await resolveOwnKey(deps, ctx, target);
    await authorizeAlias(deps, ctx, "kms:CreateAlias", arn);
    await authorizeKey(deps, ctx, key, "kms:CreateAlias", { grants: false });
    requireCustomerManaged(key, "CreateAlias");
    const now = ctx.now;
    await deps.repo.transaction(async (tx) => {
      const row = await tx.getKey(key.keyId);
      if (!row) throw kmsError("NotFoundException", `Key '${key.arn}' does not exist`);
      requireState(row.document as KmsKey, ["Enabled", "Disabled", "PendingImport"]);
      const created = await tx.putAlias({ accountId: key.accountId, region: key.region, aliasName: name, targetKeyId: key.keyId, createdAt: now, updatedAt: now }, { ifAbsent: true });
      if (!created) throw kmsError("AlreadyExistsException", `An alias with the name ${arn} already exists`);
    });
    forgetAliases(deps, key.keyId);
    return quietOutput([aliasResourceOf(arn, key.accountId), keyResourceOf(key)]);
  },
  trail: (params, output) => ({
    requestParameters: { aliasName: params["AliasName"], targetKeyId: params["TargetKeyId"] },
    responseElements: null,
    resources: resourcesOf(output),
  }),
};

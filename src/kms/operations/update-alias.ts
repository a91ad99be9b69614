// UpdateAlias: points an existing alias at another key of the caller's account. kms:UpdateAlias
// is needed on the alias (IAM policy), on the key it points at now and on the new key (key
// policies). The new key may not be pending deletion (the current one may), and it must be of
// the same type (symmetric, asymmetric or HMAC) and key usage as the current one, as AWS requires.
import { readKeyId } from "../api/key-input.ts";
import { kmsError } from "../errors.ts";
import { aliasArnOf, authorizeAlias, forgetAliases, loadAlias, namesAlias, readAliasName } from "../engine/aliases.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { requireState, resolveOwnKey } from "../engine/manage.ts";
import { requireCustomerManaged } from "../engine/states.ts";
import type { KmsKey } from "../model/types.ts";
import { aliasesMustNameKeys } from "./create-alias.ts";
import type { KmsOperation } from "./operation.ts";
import { aliasResourceOf, keyResourceOf, quietOutput, resourcesOf } from "./quiet-output.ts";

function keyType(key: KmsKey): string {
  if (key.keySpec === "SYMMETRIC_DEFAULT") return "symmetric";
  if (key.keySpec.startsWith("HMAC_")) return "HMAC";
  return "asymmetric";
}

export const updateAlias: KmsOperation = {
  readOnly: false,
  async run(deps, ctx) {
    const name = readAliasName(ctx.params);
    const target = readKeyId(ctx.params, "TargetKeyId");
    if (namesAlias(target)) throw aliasesMustNameKeys();
    const arn = aliasArnOf(ctx, name);
    const alias = await loadAlias(deps, ctx, name);
    const current = await resolveOwnKey(deps, ctx, alias.targetKeyId);
    const next = await resolveOwnKey(deps, ctx, target);
    await authorizeAlias(deps, ctx, "kms:UpdateAlias", arn);
    await authorizeKey(deps, ctx, current, "kms:UpdateAlias", { grants: false });
    await authorizeKey(deps, ctx, next, "kms:UpdateAlias", { grants: false });
    requireCustomerManaged(next, "UpdateAlias");
    requireState(next, ["Enabled", "Disabled", "PendingImport"]);
    if (keyType(current) !== keyType(next) || current.keyUsage !== next.keyUsage) {
      throw kmsError(
        "ValidationException",
        `${name} cannot be changed from a ${keyType(current)} ${current.keyUsage} key to a ${keyType(next)} ${next.keyUsage} key: the new target key must have the same key type and key usage.`,
      );
    }
    const now = ctx.now;
    await deps.repo.transaction(async (tx) => {
      const row = await tx.getAlias(alias.accountId, alias.region, name);
      if (!row) throw kmsError("NotFoundException", `Alias ${arn} is not found.`);
      if (!(await tx.getKey(next.keyId))) throw kmsError("NotFoundException", `Key '${next.arn}' does not exist`);
      await tx.putAlias({ ...row, targetKeyId: next.keyId, updatedAt: now });
    });
    forgetAliases(deps, current.keyId, next.keyId);
    return quietOutput([aliasResourceOf(arn, next.accountId), keyResourceOf(current), keyResourceOf(next)]);
  },
  trail: (params, output) => ({
    requestParameters: { aliasName: params["AliasName"], targetKeyId: params["TargetKeyId"] },
    responseElements: null,
    resources: resourcesOf(output),
  }),
};

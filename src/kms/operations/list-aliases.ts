// ListAliases: the aliases of the caller's account and Region in alias name order, or only those
// of one key (KeyId: key id or key ARN); AliasName, AliasArn, TargetKeyId, CreationDate and
// LastUpdatedDate each; the predefined AWS managed aliases whose keys are not made yet have only
// AliasName and AliasArn, as AWS lists them. Limit 1–100 (50 by default), Marker, Truncated and NextMarker. An IAM
// permission (kms:ListAliases) on no particular key. Aliases of keys whose deletion window has
// ended went with their keys, and are not listed.
import type { AliasListEntry, ListAliasesResponse } from "@aws-sdk/client-kms";
import { pageOf, readLimit, readMarker } from "../api/list-page.ts";
import { optionalString } from "../api/params.ts";
import { aliasArnOf } from "../engine/aliases.ts";
import { PREDEFINED_ALIASES } from "../engine/aws-managed.ts";
import { authorizeAccount } from "../engine/authorize.ts";
import { sweepDeletions } from "../engine/deletion.ts";
import { resolveOwnKey } from "../engine/manage.ts";
import type { KmsOperation } from "./operation.ts";

const LIST = "aliases";

export const listAliases: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<ListAliasesResponse> {
    const keyIdParam = optionalString(ctx.params, "KeyId", { min: 1, max: 2048 });
    const limit = readLimit(ctx.params, 100) ?? 50;
    const marker = readMarker(ctx.params);
    await authorizeAccount(deps, ctx, "kms:ListAliases");
    await sweepDeletions(deps, ctx.now);
    const keyId = keyIdParam === undefined ? undefined : (await resolveOwnKey(deps, ctx, keyIdParam)).keyId;
    const rows = await deps.repo.listAliases(ctx.caller.accountId, ctx.region, keyId);
    const entries: AliasListEntry[] = rows.map((row) => ({
      AliasName: row.aliasName,
      AliasArn: aliasArnOf(ctx, row.aliasName),
      TargetKeyId: row.targetKeyId,
      CreationDate: row.createdAt,
      LastUpdatedDate: row.updatedAt,
    }));
    if (keyId === undefined) {
      const made = new Set(rows.map((row) => row.aliasName));
      for (const name of PREDEFINED_ALIASES) if (!made.has(name)) entries.push({ AliasName: name, AliasArn: aliasArnOf(ctx, name) });
      entries.sort((a, b) => (a.AliasName! < b.AliasName! ? -1 : a.AliasName! > b.AliasName! ? 1 : 0));
    }
    const listed = pageOf(entries, (entry) => entry.AliasName!, LIST, marker, limit);
    const out: ListAliasesResponse = {
      Aliases: listed.items,
      Truncated: listed.nextMarker !== undefined,
    };
    if (listed.nextMarker !== undefined) out.NextMarker = listed.nextMarker;
    return out;
  },
  trail: (params) => {
    const requestParameters: Record<string, unknown> = {};
    for (const name of ["KeyId", "Limit", "Marker"]) if (params[name] !== undefined) requestParameters[name.charAt(0).toLowerCase() + name.slice(1)] = params[name];
    return { requestParameters: Object.keys(requestParameters).length > 0 ? requestParameters : null, responseElements: null, resources: [] };
  },
};

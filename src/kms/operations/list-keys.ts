// ListKeys: the keys of the caller's account in the request's Region (customer managed and AWS
// managed alike), KeyId and KeyArn each, in key id order: Limit 1–1000 (100 by default), Marker,
// Truncated and NextMarker. An IAM permission (kms:ListKeys) on no particular key. Keys whose
// deletion window has ended are deleted first, so they are never listed.
import type { ListKeysResponse } from "@aws-sdk/client-kms";
import { decodeMarker, encodeMarker, readLimit, readMarker } from "../api/list-page.ts";
import { authorizeAccount } from "../engine/authorize.ts";
import { sweepDeletions } from "../engine/deletion.ts";
import type { KmsKey } from "../model/types.ts";
import type { KmsOperation } from "./operation.ts";

const LIST = "keys";

export const listKeys: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<ListKeysResponse> {
    const limit = readLimit(ctx.params, 1000) ?? 100;
    const marker = readMarker(ctx.params);
    const after = marker === undefined ? undefined : decodeMarker(LIST, marker).afterId;
    await authorizeAccount(deps, ctx, "kms:ListKeys");
    await sweepDeletions(deps, ctx.now);
    const rows = await deps.repo.listKeys(ctx.caller.accountId, ctx.region, after, limit + 1);
    const shown = rows.slice(0, limit).map((row) => row.document as KmsKey);
    const out: ListKeysResponse = { Keys: shown.map((key) => ({ KeyId: key.keyId, KeyArn: key.arn })), Truncated: rows.length > limit };
    // The store pages by key id, so the marker's key id alone says where the next page starts.
    if (out.Truncated) out.NextMarker = encodeMarker(LIST, 0, shown[shown.length - 1]!.keyId);
    return out;
  },
  trail: (params) => {
    const requestParameters: Record<string, unknown> = {};
    if (params["Limit"] !== undefined) requestParameters["limit"] = params["Limit"];
    if (params["Marker"] !== undefined) requestParameters["marker"] = params["Marker"];
    return { requestParameters: Object.keys(requestParameters).length > 0 ? requestParameters : null, responseElements: null, resources: [] };
  },
};

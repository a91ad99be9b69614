// ListResourceTags: a key's tags sorted by tag key, Limit 1–50 (50 by default), Marker, Truncated
// and NextMarker. Every key state allows it; kms:ListResourceTags in the key policy.
import type { ListResourceTagsResponse } from "@aws-sdk/client-kms";
import { readKeyId } from "../api/key-input.ts";
import { pageOf, readLimit, readMarker } from "../api/list-page.ts";
import { manageKey } from "../engine/manage.ts";
import type { KmsOperation } from "./operation.ts";
import { keyResourceOf, quietOutput, resourcesOf } from "./quiet-output.ts";

const LIST = "tags";
const byTagKey = (a: { TagKey: string }, b: { TagKey: string }) => (a.TagKey < b.TagKey ? -1 : a.TagKey > b.TagKey ? 1 : 0);

export const listResourceTags: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<ListResourceTagsResponse> {
    const keyId = readKeyId(ctx.params);
    const limit = readLimit(ctx.params, 50) ?? 50;
    const marker = readMarker(ctx.params);
    const key = await manageKey(deps, ctx, keyId, "kms:ListResourceTags");
    const listed = pageOf([...key.tags].sort(byTagKey), (t) => t.TagKey, LIST, marker, limit);
    const out: ListResourceTagsResponse = { Tags: listed.items.map((t) => ({ TagKey: t.TagKey, TagValue: t.TagValue })), Truncated: listed.nextMarker !== undefined };
    if (listed.nextMarker !== undefined) out.NextMarker = listed.nextMarker;
    return Object.assign(quietOutput([keyResourceOf(key)]), out);
  },
  trail: (params, output) => ({
    requestParameters: {
      keyId: params["KeyId"],
      ...(params["Limit"] !== undefined ? { limit: params["Limit"] } : {}),
      ...(params["Marker"] !== undefined ? { marker: params["Marker"] } : {}),
    },
    responseElements: null,
    resources: resourcesOf(output),
  }),
};

// TagResource: adds tags to a key, or replaces the value of a tag key it already has. Tags are
// read as api/tags.ts reads them (TagKey 1–128, TagValue 0–256, no "aws:" keys); a key has at
// most 50 tags. The aws:RequestTag/<key> and aws:TagKeys condition keys carry the request's
// tags. Refused while the key is pending deletion.
import { readKeyId } from "../api/key-input.ts";
import { MAX_TAGS, readTags, requestTagConditions } from "../api/tags.ts";
import { kmsError, validationError } from "../errors.ts";
import { changeKey, manageKey, requireState } from "../engine/manage.ts";
import { requireCustomerManaged } from "../engine/states.ts";
import type { KmsOperation } from "./operation.ts";
import { keyResourceOf, quietOutput, resourcesOf } from "./quiet-output.ts";

export const tagResource: KmsOperation = {
  readOnly: false,
  async run(deps, ctx) {
    const keyId = readKeyId(ctx.params);
    if (ctx.params["Tags"] === undefined || ctx.params["Tags"] === null) throw validationError("tags", null, "Member must not be null");
    const tags = readTags(ctx.params, "Tags");
    const conditions = requestTagConditions(tags);
    const key = await manageKey(deps, ctx, keyId, "kms:TagResource", conditions);
    requireCustomerManaged(key, "TagResource");
    await changeKey(deps, key, (stored) => {
      requireState(stored, ["Enabled", "Disabled", "PendingImport"]);
      const merged = new Map(stored.tags.map((t) => [t.TagKey, t.TagValue]));
      for (const tag of tags) merged.set(tag.TagKey, tag.TagValue);
      if (merged.size > MAX_TAGS) throw kmsError("LimitExceededException", `The request would exceed the limit of ${MAX_TAGS} tags per KMS key.`);
      stored.tags = [...merged].map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
    });
    return quietOutput([keyResourceOf(key)]);
  },
  trail: (params, output) => {
    const tags = Array.isArray(params["Tags"]) ? (params["Tags"] as { TagKey?: unknown; TagValue?: unknown }[]) : [];
    return {
      requestParameters: { keyId: params["KeyId"], tags: tags.map((t) => ({ tagKey: t?.TagKey, tagValue: t?.TagValue })) },
      responseElements: null,
      resources: resourcesOf(output),
    };
  },
};

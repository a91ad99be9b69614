// UntagResource: removes tags from a key by tag key (keys it does not have are ignored). TagKeys
// is required, each 1–128 characters; "aws:" keys are reserved (TagException). The aws:TagKeys
// condition key carries them. Refused while the key is pending deletion.
import { readKeyId } from "../api/key-input.ts";
import { optionalStringList } from "../api/params.ts";
import { kmsError, validationError } from "../errors.ts";
import { changeKey, manageKey, requireState } from "../engine/manage.ts";
import { requireCustomerManaged } from "../engine/states.ts";
import type { KmsOperation } from "./operation.ts";
import { keyResourceOf, quietOutput, resourcesOf } from "./quiet-output.ts";

export const untagResource: KmsOperation = {
  readOnly: false,
  async run(deps, ctx) {
    const keyId = readKeyId(ctx.params);
    const tagKeys = optionalStringList(ctx.params, "TagKeys", { itemMin: 1, itemMax: 128 });
    if (tagKeys === undefined) throw validationError("tagKeys", null, "Member must not be null");
    if (tagKeys.some((k) => k.toLowerCase().startsWith("aws:"))) throw kmsError("TagException", "Tags beginning with aws: are reserved");
    const key = await manageKey(deps, ctx, keyId, "kms:UntagResource", { "aws:TagKeys": tagKeys });
    requireCustomerManaged(key, "UntagResource");
    const removed = new Set(tagKeys);
    await changeKey(deps, key, (stored) => {
      requireState(stored, ["Enabled", "Disabled", "PendingImport"]);
      stored.tags = stored.tags.filter((t) => !removed.has(t.TagKey));
    });
    return quietOutput([keyResourceOf(key)]);
  },
  trail: (params, output) => ({
    requestParameters: { keyId: params["KeyId"], tagKeys: params["TagKeys"] },
    responseElements: null,
    resources: resourcesOf(output),
  }),
};

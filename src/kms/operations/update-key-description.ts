// UpdateKeyDescription: replaces the key's description (0–8192 characters). Refused while the
// key is pending deletion (KMSInvalidStateException), as AWS's key state table has it.
import { readKeyId } from "../api/key-input.ts";
import { requiredString } from "../api/params.ts";
import { changeKey, manageKey, requireState } from "../engine/manage.ts";
import { requireCustomerManaged } from "../engine/states.ts";
import type { KmsOperation } from "./operation.ts";
import { keyResourceOf, quietOutput, resourcesOf } from "./quiet-output.ts";

export const updateKeyDescription: KmsOperation = {
  readOnly: false,
  async run(deps, ctx) {
    const keyId = readKeyId(ctx.params);
    const description = requiredString(ctx.params, "Description", { min: 0, max: 8192 });
    const key = await manageKey(deps, ctx, keyId, "kms:UpdateKeyDescription");
    requireCustomerManaged(key, "UpdateKeyDescription");
    await changeKey(deps, key, (stored) => {
      requireState(stored, ["Enabled", "Disabled", "PendingImport"]);
      stored.description = description;
    });
    return quietOutput([keyResourceOf(key)]);
  },
  trail: (params, output) => ({
    requestParameters: { keyId: params["KeyId"], description: params["Description"] },
    responseElements: null,
    resources: resourcesOf(output),
  }),
};

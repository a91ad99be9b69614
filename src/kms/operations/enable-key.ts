// EnableKey: an Enabled or Disabled key becomes Enabled, so cryptographic operations may use it
// again. A key pending deletion or pending import is refused (KMSInvalidStateException): cancel
// the deletion, or import key material, first.
import { readKeyId } from "../api/key-input.ts";
import { changeKey, manageKey, requireState } from "../engine/manage.ts";
import { requireCustomerManaged } from "../engine/states.ts";
import type { KmsOperation } from "./operation.ts";
import { keyResourceOf, quietOutput, resourcesOf } from "./quiet-output.ts";

export const enableKey: KmsOperation = {
  readOnly: false,
  async run(deps, ctx) {
    const key = await manageKey(deps, ctx, readKeyId(ctx.params), "kms:EnableKey");
    requireCustomerManaged(key, "EnableKey");
    await changeKey(deps, key, (stored) => {
      requireState(stored, ["Enabled", "Disabled"]);
      stored.state = "Enabled";
    });
    return quietOutput([keyResourceOf(key)]);
  },
  trail: (params, output) => ({ requestParameters: { keyId: params["KeyId"] }, responseElements: null, resources: resourcesOf(output) }),
};

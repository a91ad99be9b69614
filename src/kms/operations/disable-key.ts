// DisableKey: an Enabled or Disabled key becomes Disabled; cryptographic operations then refuse
// it with DisabledException ("<arn> is disabled."). A key pending deletion or pending import is
// refused (KMSInvalidStateException).
import { readKeyId } from "../api/key-input.ts";
import { changeKey, manageKey, requireState } from "../engine/manage.ts";
import { requireCustomerManaged } from "../engine/states.ts";
import type { KmsOperation } from "./operation.ts";
import { keyResourceOf, quietOutput, resourcesOf } from "./quiet-output.ts";

export const disableKey: KmsOperation = {
  readOnly: false,
  async run(deps, ctx) {
    const key = await manageKey(deps, ctx, readKeyId(ctx.params), "kms:DisableKey");
    requireCustomerManaged(key, "DisableKey");
    await changeKey(deps, key, (stored) => {
      requireState(stored, ["Enabled", "Disabled"]);
      stored.state = "Disabled";
    });
    return quietOutput([keyResourceOf(key)]);
  },
  trail: (params, output) => ({ requestParameters: { keyId: params["KeyId"] }, responseElements: null, resources: resourcesOf(output) }),
};

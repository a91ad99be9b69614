// DisableKeyRotation: turns automatic rotation off (on-demand rotation stays possible). The same
// keys and states as EnableKeyRotation refuse it.
import { authorizeKey } from "../engine/authorize.ts";
import { disableRotation, requireRotatable } from "../engine/rotation.ts";
import { requireCustomerManaged, requireEnabled } from "../engine/states.ts";
import type { KmsOperation } from "./operation.ts";
import { keyTrail, requestKey, withKeyArn } from "./own-key.ts";

export const disableKeyRotation: KmsOperation = {
  readOnly: false,
  async run(deps, ctx): Promise<Record<string, never>> {
    const key = await requestKey(deps, ctx, false);
    requireCustomerManaged(key, "DisableKeyRotation");
    await authorizeKey(deps, ctx, key, "kms:DisableKeyRotation");
    requireRotatable(key);
    requireEnabled(key);
    await disableRotation(deps, key.keyId);
    return withKeyArn({}, key.arn);
  },
  trail: (params, output) => keyTrail(params, output, ["KeyId"]),
};

// EnableKeyRotation: automatic rotation of a symmetric encryption key of origin AWS_KMS, every
// RotationPeriodInDays (90–2560, 365 unless given) from now; called again, it changes the period.
// AWS managed keys (always rotated yearly), imported, asymmetric and HMAC keys refuse it; a disabled
// key is DisabledException, a key pending deletion KMSInvalidStateException.
import { optionalInteger } from "../api/params.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { enableRotation, MAX_ROTATION_DAYS, MIN_ROTATION_DAYS, requireRotatable } from "../engine/rotation.ts";
import { requireCustomerManaged, requireEnabled } from "../engine/states.ts";
import type { KmsOperation } from "./operation.ts";
import { keyTrail, requestKey, withKeyArn } from "./own-key.ts";

export const enableKeyRotation: KmsOperation = {
  readOnly: false,
  async run(deps, ctx): Promise<Record<string, never>> {
    const period = optionalInteger(ctx.params, "RotationPeriodInDays", { min: MIN_ROTATION_DAYS, max: MAX_ROTATION_DAYS });
    const key = await requestKey(deps, ctx, false);
    requireCustomerManaged(key, "EnableKeyRotation");
    await authorizeKey(deps, ctx, key, "kms:EnableKeyRotation", period === undefined ? {} : { conditions: { "kms:RotationPeriodInDays": period } });
    requireRotatable(key);
    requireEnabled(key);
    await enableRotation(deps, key.keyId, period, ctx.now);
    return withKeyArn({}, key.arn);
  },
  trail: (params, output) => keyTrail(params, output, ["KeyId", "RotationPeriodInDays"]),
};

// GetKeyRotationStatus: whether automatic rotation is on, with its period and next date. Always
// true for AWS managed keys (yearly); always false for asymmetric and HMAC keys, and while a key is
// pending deletion (its setting comes back if the deletion is cancelled). Keys with imported
// material are refused as AWS refuses them. Cross-account use: yes, by key ARN.
import type { GetKeyRotationStatusResponse } from "@aws-sdk/client-kms";
import { authorizeKey } from "../engine/authorize.ts";
import { isSymmetricEncryption, originNotValid } from "../engine/rotation.ts";
import type { KmsOperation } from "./operation.ts";
import { keyTrail, requestKey, withKeyArn } from "./own-key.ts";

export const getKeyRotationStatus: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<GetKeyRotationStatusResponse> {
    const key = await requestKey(deps, ctx, true);
    await authorizeKey(deps, ctx, key, "kms:GetKeyRotationStatus");
    if (key.origin === "EXTERNAL") throw originNotValid(key);
    const r = key.rotation;
    const enabled = isSymmetricEncryption(key) && r.enabled && key.state !== "PendingDeletion";
    const out: GetKeyRotationStatusResponse = { KeyRotationEnabled: enabled, KeyId: key.keyId };
    if (enabled) {
      out.RotationPeriodInDays = r.periodDays;
      if (r.nextRotationAt !== undefined) out.NextRotationDate = new Date(r.nextRotationAt);
    }
    return withKeyArn(out, key.arn);
  },
  trail: (params, output) => keyTrail(params, output, ["KeyId"]),
};

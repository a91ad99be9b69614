// RotateKeyOnDemand: a new backing key now, whatever the automatic schedule (which it leaves as it
// is), at most 25 times per key (LimitExceededException after). federa's rotation completes within
// the call, so GetKeyRotationStatus never shows one in progress (OnDemandRotationStartDate). A key
// of origin EXTERNAL rotates to the key material imported for it (PENDING_ROTATION).
import type { RotateKeyOnDemandResponse } from "@aws-sdk/client-kms";
import { authorizeKey } from "../engine/authorize.ts";
import { ON_DEMAND_ORIGINS, requireRotatable, rotateOnDemand } from "../engine/rotation.ts";
import { rotateToImportedMaterial } from "../engine/imported-rotation.ts";
import { requireCustomerManaged, requireEnabled } from "../engine/states.ts";
import type { KmsOperation } from "./operation.ts";
import { keyTrail, requestKey, withKeyArn } from "./own-key.ts";

export const rotateKeyOnDemand: KmsOperation = {
  readOnly: false,
  async run(deps, ctx): Promise<RotateKeyOnDemandResponse> {
    const key = await requestKey(deps, ctx, false);
    requireCustomerManaged(key, "RotateKeyOnDemand");
    await authorizeKey(deps, ctx, key, "kms:RotateKeyOnDemand");
    requireRotatable(key, ON_DEMAND_ORIGINS);
    requireEnabled(key);
    await (key.origin === "EXTERNAL" ? rotateToImportedMaterial : rotateOnDemand)(deps, key.keyId, ctx.now);
    return withKeyArn({ KeyId: key.keyId }, key.arn);
  },
  trail: (params, output) => keyTrail(params, output, ["KeyId"], output ? { keyId: (output as RotateKeyOnDemandResponse).KeyId } : null),
};

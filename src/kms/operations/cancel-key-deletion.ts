// CancelKeyDeletion: a key pending deletion is kept after all. As AWS does, it comes back
// Disabled (EnableKey makes it usable again), or PendingImport when it is a key for imported
// material that lacks some of its material. Any other state is refused (KMSInvalidStateException).
import type { CancelKeyDeletionResponse } from "@aws-sdk/client-kms";
import { associatedAllImported, materialsOf } from "../model/imported-materials.ts";
import { readKeyId } from "../api/key-input.ts";
import { changeKey, manageKey } from "../engine/manage.ts";
import { kmsError } from "../errors.ts";
import { requireCustomerManaged } from "../engine/states.ts";
import { keyResource, type KmsOperation } from "./operation.ts";

export const cancelKeyDeletion: KmsOperation = {
  readOnly: false,
  async run(deps, ctx): Promise<CancelKeyDeletionResponse> {
    const key = await manageKey(deps, ctx, readKeyId(ctx.params), "kms:CancelKeyDeletion");
    requireCustomerManaged(key, "CancelKeyDeletion");
    const stored = await changeKey(deps, key, (k) => {
      // Any other state, pending import included, in the key-state table's words.
      if (k.state !== "PendingDeletion") throw kmsError("KMSInvalidStateException", `${k.arn} is not pending deletion.`);
      // A key with imported material goes back to waiting for it when some is missing.
      k.state = k.origin === "EXTERNAL" && !associatedAllImported(materialsOf(k)) ? "PendingImport" : "Disabled";
      delete k.deletionDate;
    });
    return { KeyId: stored.arn };
  },
  trail: (params, output) => {
    const o = output as CancelKeyDeletionResponse | undefined;
    return { requestParameters: { keyId: params["KeyId"] }, responseElements: o ? { keyId: o.KeyId } : null, resources: keyResource(o?.KeyId) };
  },
};

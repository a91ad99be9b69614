// DeleteImportedKeyMaterial: the key's imported material is deleted at once (its backing keys go,
// cached material is forgotten); the key waits in PendingImport (a key pending deletion stays so)
// until the same material is imported again. Cross-account use: no.
import type { DeleteImportedKeyMaterialResponse } from "@aws-sdk/client-kms";
import { optionalString } from "../api/params.ts";
import { kmsError, validationError } from "../errors.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { deleteMaterial, importedMaterialOf } from "../engine/imported.ts";
import { originNotValid } from "../engine/rotation.ts";
import type { KmsOperation } from "./operation.ts";
import { keyTrail, requestKey, withKeyArn } from "./own-key.ts";
import { keyMaterialId } from "../model/key-material-id.ts";

export const deleteImportedKeyMaterial: KmsOperation = {
  readOnly: false,
  async run(deps, ctx): Promise<DeleteImportedKeyMaterialResponse> {
    const materialId = optionalString(ctx.params, "KeyMaterialId", { min: 1, max: 64 });
    if (materialId !== undefined && !/^[a-f0-9]+$/.test(materialId)) throw validationError("keyMaterialId", materialId, "Member must satisfy regular expression pattern: ^[a-f0-9]+$");
    const key = await requestKey(deps, ctx, false);
    await authorizeKey(deps, ctx, key, "kms:DeleteImportedKeyMaterial");
    if (key.origin !== "EXTERNAL") throw originNotValid(key);
    const imported = importedMaterialOf(key);
    if (materialId !== undefined && (!imported || materialId !== keyMaterialId(key.keyId, imported.backingKeyId))) {
      throw kmsError("NotFoundException", `Key material ${materialId} does not exist for key ${key.arn}`);
    }
    const result = await deleteMaterial(deps, key.keyId);
    if (!result) throw kmsError("NotFoundException", `Key '${key.arn}' does not exist`);
    const out: DeleteImportedKeyMaterialResponse = { KeyId: key.arn };
    if (result.deletedBackingKeyId !== undefined) out.KeyMaterialId = keyMaterialId(key.keyId, result.deletedBackingKeyId);
    return withKeyArn(out, key.arn);
  },
  trail: (params, output) => keyTrail(params, output, ["KeyId", "KeyMaterialId"]),
};

// DeleteImportedKeyMaterial: the imported material KeyMaterialId names (the current one without it)
// is deleted at once: its backing key goes and cached material is forgotten. Material that was
// associated with the key leaves it waiting in PendingImport (a key pending deletion stays so) until
// that material is imported again; material pending rotation is simply gone. Cross-account use: no.
import type { DeleteImportedKeyMaterialResponse } from "@aws-sdk/client-kms";
import { optionalString } from "../api/params.ts";
import { kmsError, validationError } from "../errors.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { deleteMaterial } from "../engine/imported.ts";
import { originNotValid } from "../engine/rotation.ts";
import { materialsOf, type ImportedMaterialRecord } from "../model/imported-materials.ts";
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
    const named = (records: readonly ImportedMaterialRecord[]) =>
      records.find((r) => (materialId === undefined ? r.state === "CURRENT" : keyMaterialId(key.keyId, r.backingKeyId) === materialId));
    const target = named(materialsOf(key));
    if (materialId !== undefined && !target) throw kmsError("NotFoundException", `Key material ${materialId} does not exist for key ${key.arn}`);
    const result = await deleteMaterial(deps, key.keyId, (records) => {
      const record = named(records);
      return record ? [record] : [];
    });
    if (!result) throw kmsError("NotFoundException", `Key '${key.arn}' does not exist`);
    const out: DeleteImportedKeyMaterialResponse = { KeyId: key.arn };
    if (target) out.KeyMaterialId = keyMaterialId(key.keyId, target.backingKeyId);
    return withKeyArn(out, key.arn);
  },
  trail: (params, output) => keyTrail(params, output, ["KeyId", "KeyMaterialId"]),
};

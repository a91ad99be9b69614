// The rotation operations, by X-Amz-Target name: automatic and on-demand rotation, and imported
// key material.
import type { KmsOperation } from "../operations/operation.ts";
import { enableKeyRotation } from "../operations/enable-key-rotation.ts";
import { disableKeyRotation } from "../operations/disable-key-rotation.ts";
import { getKeyRotationStatus } from "../operations/get-key-rotation-status.ts";
import { rotateKeyOnDemand } from "../operations/rotate-key-on-demand.ts";
import { listKeyRotations } from "../operations/list-key-rotations.ts";
import { getParametersForImport } from "../operations/get-parameters-for-import.ts";
import { importKeyMaterial } from "../operations/import-key-material.ts";
import { deleteImportedKeyMaterial } from "../operations/delete-imported-key-material.ts";

export const ROTATION_OPERATIONS: Readonly<Record<string, KmsOperation>> = {
  EnableKeyRotation: enableKeyRotation,
  DisableKeyRotation: disableKeyRotation,
  GetKeyRotationStatus: getKeyRotationStatus,
  RotateKeyOnDemand: rotateKeyOnDemand,
  ListKeyRotations: listKeyRotations,
  GetParametersForImport: getParametersForImport,
  ImportKeyMaterial: importKeyMaterial,
  DeleteImportedKeyMaterial: deleteImportedKeyMaterial,
};

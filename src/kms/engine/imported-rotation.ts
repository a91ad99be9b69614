// On-demand rotation of a symmetric encryption key of origin EXTERNAL: the key material imported
// with ImportType NEW_KEY_MATERIAL (PENDING_ROTATION) becomes CURRENT and is from then on
// permanently associated with the key; the material that was current stays for decryption
// (NON_CURRENT). It counts against the key's 25 on-demand rotations, as AWS_KMS keys' do.
import { kmsError } from "../errors.ts";
import { materialsOf, setMaterials } from "../model/imported-materials.ts";
import type { KmsKey } from "../model/types.ts";
import type { KmsDeps } from "./context.ts";
import { keyRow, loadKey } from "./keys.ts";
import { countOnDemandRotation } from "./rotation.ts";

const nothingPending = (key: KmsKey) =>
  kmsError("KMSInvalidStateException", `${key.arn} has no imported key material in PENDING_ROTATION state. Import new key material (ImportType NEW_KEY_MATERIAL) before you rotate the key on demand.`);

/** Makes the key's pending material current (nothing when the key is gone). */
export async function rotateToImportedMaterial(deps: KmsDeps, keyId: string, now: Date): Promise<void> {
  await deps.repo.transaction(async (tx) => {
    const fresh = await loadKey(tx, keyId);
    if (!fresh) return;
    const materials = materialsOf(fresh);
    const pending = materials.find((r) => r.state === "PENDING_ROTATION" && r.imported);
    if (!pending) throw nothingPending(fresh);
    countOnDemandRotation(fresh);
    for (const record of materials) if (record.state === "CURRENT") record.state = "NON_CURRENT";
    pending.state = "CURRENT";
    pending.rotatedAt = now.getTime();
    setMaterials(fresh, materials);
    await tx.putKey(keyRow(fresh));
  });
}

// Key documents written before imported keys could rotate kept one `importedMaterial` record and
// the expiry on the key itself. They read as one CURRENT material, imported or not as it was.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { associatedAllImported, keyExpiry, materialsOf, setMaterials } from "../../src/kms/model/imported-materials.ts";
import type { KmsKey } from "../../src/kms/model/types.ts";

const legacyKey = (imported: boolean) =>
  ({
    keyId: "1234abcd-12ab-34cd-56ef-1234567890ab",
    origin: "EXTERNAL",
    state: imported ? "Enabled" : "PendingImport",
    ...(imported ? { currentBackingKeyId: "b".repeat(32), expirationModel: "KEY_MATERIAL_EXPIRES", validTo: 1_900_000_000_000 } : {}),
    importedMaterial: { backingKeyId: "b".repeat(32), check: "c2hhMjU2", description: "from 2026" },
  }) as unknown as KmsKey;

describe("imported materials of key documents from earlier versions", () => {
  it("reads the one record as the CURRENT material, with the key's expiry", () => {
    assert.deepEqual(materialsOf(legacyKey(true)), [
      { backingKeyId: "b".repeat(32), check: "c2hhMjU2", description: "from 2026", state: "CURRENT", imported: true, expirationModel: "KEY_MATERIAL_EXPIRES", validTo: 1_900_000_000_000 },
    ]);
    assert.equal(associatedAllImported(materialsOf(legacyKey(true))), true);
  });

  it("reads deleted material as PENDING_IMPORT, and writes the new shape back", () => {
    const key = legacyKey(false);
    const materials = materialsOf(key);
    assert.deepEqual(materials.map((r) => [r.state, r.imported]), [["CURRENT", false]]);
    assert.equal(associatedAllImported(materials), false);
    materials[0]!.imported = true;
    materials[0]!.expirationModel = "KEY_MATERIAL_DOES_NOT_EXPIRE";
    setMaterials(key, materials);
    assert.equal(key.currentBackingKeyId, "b".repeat(32));
    assert.equal(keyExpiry(key).model, "KEY_MATERIAL_DOES_NOT_EXPIRE", "the key's expiry, worked out from its materials");
    assert.equal((key as unknown as Record<string, unknown>)["importedMaterial"], undefined);
    assert.deepEqual(materialsOf(key), materials);
  });

  it("keys of other origins have no imported material", () => {
    assert.deepEqual(materialsOf({ ...legacyKey(true), origin: "AWS_KMS" } as KmsKey), []);
  });
});

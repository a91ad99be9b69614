// The imported key materials of a key of origin EXTERNAL, as AWS keeps them since imported keys
// rotate on demand (2025). The first material is CURRENT and permanently associated with the key.
// A symmetric encryption key can take new material (ImportType NEW_KEY_MATERIAL): it waits in
// PENDING_ROTATION, not yet associated, until RotateKeyOnDemand makes it CURRENT (the previous one
// becomes NON_CURRENT, kept for decryption). Each material is IMPORTED or, once deleted or expired,
// PENDING_IMPORT; the key is usable only while every associated material is imported.
import type { ExpirationModel, KmsKey } from "./types.ts";

export type KeyMaterialState = "CURRENT" | "NON_CURRENT" | "PENDING_ROTATION";

export interface ImportedMaterialRecord {
  /** The backing key id the material has whenever it is imported (32 hex digits). */
  backingKeyId: string;
  /** SHA-256 of the key id and material, wrapped under the root key (base64): the same material, or none. */
  check: string;
  /** KeyMaterialDescription, if one was given. */
  description?: string;
  state: KeyMaterialState;
  /** Whether the material is in KMS now (ImportState IMPORTED) or deleted or expired (PENDING_IMPORT). */
  imported: boolean;
  /** The expiry of its latest import (while imported). */
  expirationModel?: ExpirationModel;
  validTo?: number;
  /** When RotateKeyOnDemand made it CURRENT (ms since the epoch); not for the first material. */
  rotatedAt?: number;
}

/** A key document with its imported materials. `importedMaterial` is the single record of earlier versions. */
type ImportedKey = KmsKey & { importedMaterials?: ImportedMaterialRecord[]; importedMaterial?: Omit<ImportedMaterialRecord, "state" | "imported"> };

/** The key's imported materials, oldest first (a copy: change it, then `setMaterials`). */
export function materialsOf(key: KmsKey): ImportedMaterialRecord[] {
  if (key.origin !== "EXTERNAL") return [];
  const k = key as ImportedKey;
  if (k.importedMaterials) return k.importedMaterials.map((r) => ({ ...r }));
  const legacy = k.importedMaterial;
  if (!legacy) return [];
  const imported = key.currentBackingKeyId === legacy.backingKeyId;
  const record: ImportedMaterialRecord = { ...legacy, state: "CURRENT", imported };
  if (imported && key.expirationModel) record.expirationModel = key.expirationModel;
  if (imported && key.validTo !== undefined) record.validTo = key.validTo;
  return [record];
}

/**
 * Stores `materials` in the key document, with the current material as the key's backing key
 * (CurrentKeyMaterialId, imported or not). The key-level expiry of earlier versions' documents
 * goes: keyExpiry works it out from the materials.
 */
export function setMaterials(key: KmsKey, materials: ImportedMaterialRecord[]): void {
  const k = key as ImportedKey;
  k.importedMaterials = materials;
  delete k.importedMaterial;
  delete key.validTo;
  delete key.expirationModel;
  const current = materials.find((r) => r.state === "CURRENT");
  if (current) key.currentBackingKeyId = current.backingKeyId;
  else delete key.currentBackingKeyId;
}

/**
 * The key's expiry as DescribeKey shows it: the earliest ValidTo of the imported materials
 * permanently associated with it (not one pending rotation), KEY_MATERIAL_EXPIRES then; none while
 * none of them is imported.
 */
export function keyExpiry(key: KmsKey): { model?: ExpirationModel; validTo?: number } {
  let validTo: number | undefined;
  let imported = false;
  for (const r of materialsOf(key)) {
    if (r.state === "PENDING_ROTATION" || !r.imported) continue;
    imported = true;
    if (r.validTo !== undefined && (validTo === undefined || r.validTo < validTo)) validTo = r.validTo;
  }
  if (validTo !== undefined) return { model: "KEY_MATERIAL_EXPIRES", validTo };
  return imported ? { model: "KEY_MATERIAL_DOES_NOT_EXPIRE" } : {};
}

/** Whether every material permanently associated with the key (all but PENDING_ROTATION) is imported. */
export function associatedAllImported(materials: readonly ImportedMaterialRecord[]): boolean {
  return materials.some((r) => r.state === "CURRENT") && materials.every((r) => r.state === "PENDING_ROTATION" || r.imported);
}

/** Whether an imported material's ValidTo has passed at `now` (ms since the epoch). */
export function hasExpired(record: ImportedMaterialRecord, now: number): boolean {
  return record.imported && record.validTo !== undefined && record.validTo <= now;
}

/**
 * Whether any of the key's imported material has expired at `now`: read on every use of the key,
 * so it looks at the stored records without copying them (or, for a document of an earlier
 * version, at the key's own ValidTo).
 */
export function anyExpired(key: KmsKey, now: number): boolean {
  if (key.origin !== "EXTERNAL") return false;
  const k = key as ImportedKey;
  if (k.importedMaterials) return k.importedMaterials.some((r) => hasExpired(r, now));
  return key.currentBackingKeyId !== undefined && key.validTo !== undefined && key.validTo <= now;
}

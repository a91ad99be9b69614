// ListKeyRotations: the completed rotations of a symmetric encryption key, oldest first (KeyId,
// KeyMaterialId, KeyMaterialState, RotationDate, RotationType AUTOMATIC | ON_DEMAND). The first
// key material is listed only with IncludeKeyMaterial ALL_KEY_MATERIAL. A key with imported material
// lists its materials (with ImportState, ExpirationModel, ValidTo, and KeyMaterialState, which may be
// PENDING_ROTATION: that one is listed only with ALL_KEY_MATERIAL too). Limit 1–1000
// (100 unless given), Marker from the previous page's NextMarker. Cross-account use: no.
import type { ListKeyRotationsResponse, RotationsListEntry } from "@aws-sdk/client-kms";
import { optionalEnum, optionalInteger, optionalString } from "../api/params.ts";
import { kmsError } from "../errors.ts";
import { authorizeKey } from "../engine/authorize.ts";
import type { KmsDeps } from "../engine/context.ts";
import { materialsOf } from "../model/imported-materials.ts";
import { isSymmetricEncryption } from "../engine/rotation.ts";
import type { BackingKeyInfo, KmsKey } from "../model/types.ts";
import type { KmsOperation } from "./operation.ts";
import { keyTrail, requestKey, withKeyArn } from "./own-key.ts";
import { keyMaterialId } from "../model/key-material-id.ts";

const INCLUDE = ["ALL_KEY_MATERIAL", "ROTATIONS_ONLY"] as const;
const MARKER = /^[\u0020-\u00FF]*$/;

const invalidMarker = () => kmsError("InvalidMarkerException", "The marker that specifies where pagination should next begin is not valid.");

async function entriesOf(deps: KmsDeps, key: KmsKey, all: boolean): Promise<RotationsListEntry[]> {
  if (key.origin === "EXTERNAL") {
    const entries: RotationsListEntry[] = [];
    for (const record of materialsOf(key)) {
      if (!all && record.rotatedAt === undefined) continue;
      const entry: RotationsListEntry = { KeyId: key.keyId, KeyMaterialId: keyMaterialId(key.keyId, record.backingKeyId) };
      if (record.description !== undefined) entry.KeyMaterialDescription = record.description;
      entry.ImportState = record.imported ? "IMPORTED" : "PENDING_IMPORT";
      entry.KeyMaterialState = record.state;
      if (record.imported && record.expirationModel) entry.ExpirationModel = record.expirationModel;
      if (record.imported && record.validTo !== undefined) entry.ValidTo = new Date(record.validTo);
      if (record.rotatedAt !== undefined) {
        entry.RotationDate = new Date(record.rotatedAt);
        entry.RotationType = "ON_DEMAND";
      }
      entries.push(entry);
    }
    return entries;
  }
  const rows = await deps.repo.listBackingKeys(key.keyId);
  const entries: RotationsListEntry[] = [];
  for (const row of rows) {
    const info = (row.document ?? {}) as BackingKeyInfo;
    if (!info.rotationType && !all) continue;
    const entry: RotationsListEntry = {
      KeyId: key.keyId,
      KeyMaterialId: keyMaterialId(key.keyId, row.backingKeyId),
      KeyMaterialState: row.backingKeyId === key.currentBackingKeyId ? "CURRENT" : "NON_CURRENT",
    };
    if (info.rotationType) {
      entry.RotationDate = row.createdAt;
      entry.RotationType = info.rotationType;
    }
    entries.push(entry);
  }
  return entries;
}

export const listKeyRotations: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<ListKeyRotationsResponse> {
    const p = ctx.params;
    const include = optionalEnum(p, "IncludeKeyMaterial", INCLUDE) ?? "ROTATIONS_ONLY";
    const limit = optionalInteger(p, "Limit", { min: 1, max: 1000 }) ?? 100;
    const marker = optionalString(p, "Marker", { min: 1, max: 1024 });
    if (marker !== undefined && !MARKER.test(marker)) throw invalidMarker();
    const key = await requestKey(deps, ctx, false);
    await authorizeKey(deps, ctx, key, "kms:ListKeyRotations");
    if (!isSymmetricEncryption(key)) throw kmsError("UnsupportedOperationException", "");
    const entries = await entriesOf(deps, key, include === "ALL_KEY_MATERIAL");
    let start = 0;
    if (marker !== undefined) {
      const after = entries.findIndex((e) => e.KeyMaterialId === marker);
      if (after < 0) throw invalidMarker();
      start = after + 1;
    }
    const page = entries.slice(start, start + limit);
    const truncated = start + limit < entries.length;
    const out: ListKeyRotationsResponse = { Rotations: page, Truncated: truncated };
    if (truncated) out.NextMarker = page[page.length - 1]!.KeyMaterialId!;
    return withKeyArn(out, key.arn);
  },
  trail: (params, output) => keyTrail(params, output, ["KeyId", "IncludeKeyMaterial", "Limit", "Marker"]),
};

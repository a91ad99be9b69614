// Imported key material (origin EXTERNAL). GetParametersForImport makes a wrapping key pair valid
// for 24 hours: its private key stays in the key document, wrapped under the root key, beside the
// id of the import token that names it (the token itself is opaque bytes: the key id and the token
// id, nothing secret). ImportKeyMaterial unwraps the customer's material with it and makes it one
// of the key's backing keys (model/imported-materials.ts: CURRENT, NON_CURRENT, PENDING_ROTATION).
// For each material the key document keeps a check (its SHA-256, wrapped under the root key) and
// the backing key id it had: material deleted (DeleteImportedKeyMaterial, or its ValidTo passing)
// and imported again comes back under the same id, and the ciphertexts made before decrypt again.
import { generateWrappingKeyPair, importedKeyPair, randomHex, safeEqual, sha256, type AsymmetricKeySpec, type RsaKeySpec, type WrappingAlgorithm } from "../../crypto/index.ts";
import { kmsError } from "../errors.ts";
import type { ExpirationModel, KmsKey, PendingImport } from "../model/types.ts";
import { anyExpired, associatedAllImported, hasExpired, materialsOf, setMaterials, type ImportedMaterialRecord } from "../model/imported-materials.ts";
import { keyMaterialId } from "../model/key-material-id.ts";
import type { KmsDeps } from "./context.ts";
import { keyRow, loadKey } from "./keys.ts";
import { newBackingKeyId, wrapBackingKey } from "./material.ts";

export const IMPORT_PARAMETERS_VALIDITY_MS = 24 * 3_600_000;
/** ImportKeyMaterial's ValidTo: at most 365 days after the request. */
export const MAX_VALID_TO_MS = 365 * 86_400_000;

// ---------------------------------------------------------------------------------------------
// Import tokens: magic ‖ key id (16 bytes) ‖ token id (16 bytes).

const TOKEN_MAGIC = Buffer.from("federa/kms/import-token/v1\n", "utf8");
const TOKEN_LENGTH = TOKEN_MAGIC.length + 32;

function uuidBytes(keyId: string): Buffer {
  return Buffer.from(keyId.replace(/-/g, ""), "hex");
}

export function encodeImportToken(keyId: string, tokenId: string): Buffer {
  return Buffer.concat([TOKEN_MAGIC, uuidBytes(keyId), Buffer.from(tokenId, "hex")]);
}

/** The key id and token id a token names, or undefined when the bytes are not a token of ours. */
export function decodeImportToken(token: Buffer): { keyId: string; tokenId: string } | undefined {
  if (token.length !== TOKEN_LENGTH || !token.subarray(0, TOKEN_MAGIC.length).equals(TOKEN_MAGIC)) return undefined;
  const h = token.subarray(TOKEN_MAGIC.length, TOKEN_MAGIC.length + 16).toString("hex");
  const keyId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return { keyId, tokenId: token.subarray(TOKEN_MAGIC.length + 16).toString("hex") };
}

const wrappingKeyAad = (keyId: string, tokenId: string) => Buffer.from(`federa/kms/import-wrapping-key/${keyId}/${tokenId}`, "utf8");
const checkAad = (keyId: string, backingKeyId: string) => Buffer.from(`federa/kms/imported-material-check/${keyId}/${backingKeyId}`, "utf8");

// ---------------------------------------------------------------------------------------------
// GetParametersForImport

export interface ImportParameters {
  token: Buffer;
  publicKey: Buffer;
  validTo: Date;
}

/** A new wrapping key pair and token for the key, replacing any earlier one. */
export async function newImportParameters(deps: KmsDeps, keyId: string, algorithm: WrappingAlgorithm, spec: RsaKeySpec, now: Date): Promise<ImportParameters | undefined> {
  const pair = await generateWrappingKeyPair(spec);
  const tokenId = randomHex(16);
  const validUntil = now.getTime() + IMPORT_PARAMETERS_VALIDITY_MS;
  const wrapped = await deps.rootKey.wrap(pair.privateKeyDer, wrappingKeyAad(keyId, tokenId));
  pair.privateKeyDer.fill(0);
  const pending: PendingImport = { importTokenId: tokenId, wrappingAlgorithm: algorithm, wrappingKeySpec: spec, wrappedPrivateKey: wrapped.toString("base64"), validUntil };
  const saved = await deps.repo.transaction(async (tx) => {
    const key = await loadKey(tx, keyId);
    if (!key) return false;
    key.pendingImport = pending;
    await tx.putKey(keyRow(key));
    return true;
  });
  return saved ? { token: encodeImportToken(keyId, tokenId), publicKey: pair.publicKeyDer, validTo: new Date(validUntil) } : undefined;
}

// ---------------------------------------------------------------------------------------------
// ImportKeyMaterial

const invalidToken = () => kmsError("InvalidImportTokenException", "The request was rejected because the provided import token is invalid or is associated with a different KMS key.");

/**
 * The wrapping key that `token` names for this key, or InvalidImportTokenException (garbage, or a
 * token of another key or an earlier GetParametersForImport) / ExpiredImportTokenException.
 */
export async function wrappingKeyOf(deps: KmsDeps, key: KmsKey, token: Buffer, now: Date): Promise<{ privateKeyDer: Buffer; algorithm: WrappingAlgorithm }> {
  const named = decodeImportToken(token);
  const pending = key.pendingImport;
  if (!named || !pending || named.keyId !== key.keyId || !safeEqual(named.tokenId, pending.importTokenId)) throw invalidToken();
  if (pending.validUntil < now.getTime()) {
    throw kmsError(
      "ExpiredImportTokenException",
      "The request was rejected because the specified import token is expired. Use GetParametersForImport to get a new import token and public key, use the new public key to encrypt the key material, and then try the request again.",
    );
  }
  const privateKeyDer = await deps.rootKey.unwrap(Buffer.from(pending.wrappedPrivateKey, "base64"), wrappingKeyAad(key.keyId, pending.importTokenId));
  return { privateKeyDer, algorithm: pending.wrappingAlgorithm as WrappingAlgorithm };
}

export const incorrectMaterial = () =>
  kmsError(
    "IncorrectKeyMaterialException",
    "The request was rejected because the key material in the request is expired, invalid, or is not the same key material that was previously imported into this KMS key.",
  );

/** The lengths AWS accepts for imported material, by key spec (bytes). */
const MATERIAL_BYTES: Readonly<Record<string, readonly [number, number]>> = {
  SYMMETRIC_DEFAULT: [32, 32],
  HMAC_224: [28, 64],
  HMAC_256: [32, 64],
  HMAC_384: [48, 128],
  HMAC_512: [64, 128],
};

/** Whether material of this length fits the key spec (symmetric and HMAC keys). */
function materialFits(key: KmsKey, material: Buffer): boolean {
  const range = MATERIAL_BYTES[key.keySpec];
  return range !== undefined && material.length >= range[0] && material.length <= range[1];
}

/** Material ready to become the key's backing key, and for an asymmetric key its public key. */
export interface PreparedMaterial {
  material: Buffer;
  publicKeyDer?: Buffer;
}

/**
 * Checks unwrapped material against the key, as AWS does: symmetric and HMAC keys take raw bytes of
 * the spec's lengths; asymmetric keys a PKCS#8 DER private key of exactly their spec.
 * IncorrectKeyMaterialException otherwise.
 */
export function prepareMaterial(key: KmsKey, material: Buffer): PreparedMaterial {
  if (key.keySpec === "SYMMETRIC_DEFAULT" || key.keySpec.startsWith("HMAC_")) {
    if (!materialFits(key, material)) throw incorrectMaterial();
    return { material };
  }
  const pair = importedKeyPair(key.keySpec as AsymmetricKeySpec, material);
  material.fill(0);
  if (!pair) throw incorrectMaterial();
  return { material: pair.privateKeyDer, publicKeyDer: pair.publicKeyDer };
}

export interface ImportOutcome {
  key: KmsKey;
  backingKeyId: string;
}

export interface Expiration {
  model: ExpirationModel;
  validTo?: number;
}

/** What the request says of the material: ImportType, KeyMaterialId and KeyMaterialDescription. */
export interface ImportRequest {
  importType?: "NEW_KEY_MATERIAL" | "EXISTING_KEY_MATERIAL";
  materialId?: string;
  description?: string;
}

/** The record whose check is `digest`: the material imported before, or undefined. */
async function recordOf(deps: KmsDeps, keyId: string, materials: readonly ImportedMaterialRecord[], digest: Buffer): Promise<ImportedMaterialRecord | undefined> {
  for (const record of materials) {
    const known = await deps.rootKey.unwrap(Buffer.from(record.check, "base64"), checkAad(keyId, record.backingKeyId));
    if (safeEqual(known, digest)) return record;
  }
  return undefined;
}

/**
 * The record the import goes to. ImportType defaults to NEW_KEY_MATERIAL for a key without
 * material and to EXISTING_KEY_MATERIAL after: existing material must be one imported before (and
 * the one KeyMaterialId names, if given); new material gets a new backing key id, CURRENT for the
 * key's first material and PENDING_ROTATION after (one at a time).
 */
async function targetRecord(deps: KmsDeps, key: KmsKey, materials: ImportedMaterialRecord[], digest: Buffer, request: ImportRequest): Promise<ImportedMaterialRecord> {
  const known = await recordOf(deps, key.keyId, materials, digest);
  const type = request.importType ?? (materials.length === 0 ? "NEW_KEY_MATERIAL" : "EXISTING_KEY_MATERIAL");
  if (type === "EXISTING_KEY_MATERIAL") {
    if (!known || (request.materialId !== undefined && request.materialId !== keyMaterialId(key.keyId, known.backingKeyId))) throw incorrectMaterial();
    return known;
  }
  if (known) {
    throw kmsError("IncorrectKeyMaterialException", `The key material in the request is already associated with ${key.arn}. Use ImportType EXISTING_KEY_MATERIAL to reimport it.`);
  }
  if (materials.some((r) => r.state === "PENDING_ROTATION")) {
    throw kmsError("KMSInvalidStateException", `${key.arn} already has key material in PENDING_ROTATION state. Rotate the key on demand, or delete that key material, before you import new key material.`);
  }
  const backingKeyId = newBackingKeyId();
  const check = await deps.rootKey.wrap(digest, checkAad(key.keyId, backingKeyId));
  const record: ImportedMaterialRecord = { backingKeyId, check: check.toString("base64"), state: materials.length === 0 ? "CURRENT" : "PENDING_ROTATION", imported: false };
  materials.push(record);
  return record;
}

/**
 * Imports `material` into the key (see targetRecord) with this import's expiration, and its
 * description if one is given (the earlier one stays otherwise). A key pending import becomes
 * Enabled once every material associated with it is imported.
 */
export async function importMaterial(deps: KmsDeps, keyId: string, prepared: PreparedMaterial, expiration: Expiration, now: Date, request: ImportRequest): Promise<ImportOutcome | undefined> {
  const material = prepared.material;
  const digest = sha256(Buffer.concat([Buffer.from(keyId, "utf8"), material]));
  return deps.repo.transaction(async (tx) => {
    const key = await loadKey(tx, keyId);
    if (!key) return undefined;
    const materials = materialsOf(key);
    const record = await targetRecord(deps, key, materials, digest, request);
    if (request.description !== undefined) record.description = request.description;
    record.imported = true;
    record.expirationModel = expiration.model;
    if (expiration.validTo === undefined) delete record.validTo;
    else record.validTo = expiration.validTo;
    if (!(await tx.getBackingKey(keyId, record.backingKeyId))) {
      await tx.addBackingKey(await wrapBackingKey(deps, keyId, material, now, {}, record.backingKeyId));
    }
    if (prepared.publicKeyDer) key.publicKey = prepared.publicKeyDer.toString("base64");
    setMaterials(key, materials);
    if (key.state === "PendingImport" && associatedAllImported(materials)) key.state = "Enabled";
    await tx.putKey(keyRow(key));
    return { key, backingKeyId: record.backingKeyId };
  });
}

// ---------------------------------------------------------------------------------------------
// DeleteImportedKeyMaterial and expiry

/**
 * Deletes the imported materials `pick` chooses, on the key as stored: their backing keys go. A
 * material pending rotation is forgotten (other material may take its place); deleting any other
 * takes the key to PendingImport (a key pending deletion stays so) until it is imported again.
 */
export async function deleteMaterial(deps: KmsDeps, keyId: string, pick: (materials: readonly ImportedMaterialRecord[]) => ImportedMaterialRecord[]): Promise<{ key: KmsKey; deleted: ImportedMaterialRecord[] } | undefined> {
  const result = await deps.repo.transaction(async (tx) => {
    const key = await loadKey(tx, keyId);
    if (!key) return undefined;
    let materials = materialsOf(key);
    const deleted = pick(materials).filter((r) => r.imported);
    if (deleted.length === 0) return { key, deleted };
    for (const record of deleted) {
      await tx.deleteBackingKey(keyId, record.backingKeyId);
      if (record.state === "PENDING_ROTATION") {
        materials = materials.filter((r) => r !== record);
        continue;
      }
      record.imported = false;
      delete record.expirationModel;
      delete record.validTo;
      if (key.state !== "PendingDeletion") key.state = "PendingImport";
    }
    setMaterials(key, materials);
    await tx.putKey(keyRow(key));
    return { key, deleted };
  });
  if (result && result.deleted.length > 0) deps.caches.forgetKey(keyId);
  return result;
}

/** Expires imported material whose ValidTo has passed at `now`; returns the key as it is after. */
export async function expireIfDue(deps: KmsDeps, key: KmsKey, now: Date): Promise<KmsKey> {
  const at = now.getTime();
  if (!anyExpired(key, at)) return key;
  const result = await deleteMaterial(deps, key.keyId, (materials) => materials.filter((r) => hasExpired(r, at)));
  return result?.key ?? key;
}

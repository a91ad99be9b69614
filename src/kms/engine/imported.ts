// Imported key material (origin EXTERNAL). GetParametersForImport makes a wrapping key pair valid
// for 24 hours: its private key stays in the key document, wrapped under the root key, beside the
// id of the import token that names it (the token itself is opaque bytes: the key id and the token
// id, nothing secret). ImportKeyMaterial unwraps the customer's material with it and makes it the
// key's backing key. AWS allows only the key's first material ever after, so the key document keeps
// a check of it (its SHA-256, wrapped under the root key) and the backing key id it had: material
// deleted (DeleteImportedKeyMaterial, or its ValidTo passing) and imported again comes back under
// the same id, and the ciphertexts made before decrypt again.
import { generateWrappingKeyPair, importedKeyPair, randomHex, safeEqual, sha256, type AsymmetricKeySpec, type RsaKeySpec, type WrappingAlgorithm } from "../../crypto/index.ts";
import { kmsError } from "../errors.ts";
import type { ExpirationModel, KmsKey, PendingImport } from "../model/types.ts";
import type { KmsDeps } from "./context.ts";
import { keyRow, loadKey } from "./keys.ts";
import { newBackingKeyId, wrapBackingKey } from "./material.ts";

export const IMPORT_PARAMETERS_VALIDITY_MS = 24 * 3_600_000;
/** ImportKeyMaterial's ValidTo: at most 365 days after the request. */
export const MAX_VALID_TO_MS = 365 * 86_400_000;

/** What the key document keeps of its imported material, beside the standard KmsKey fields. */
export interface ImportedMaterialRecord {
  /** The backing key id the material has whenever it is imported (32 hex digits). */
  backingKeyId: string;
  /** SHA-256 of the material, wrapped under the root key (base64): the same material, or none. */
  check: string;
  /** KeyMaterialDescription, if one was given. */
  description?: string;
}

/** A key document with the record of its imported material. */
export type ImportedKey = KmsKey & { importedMaterial?: ImportedMaterialRecord };

export function importedMaterialOf(key: KmsKey): ImportedMaterialRecord | undefined {
  return (key as ImportedKey).importedMaterial;
}

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
export function materialFits(key: KmsKey, material: Buffer): boolean {
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

/**
 * Makes `material` the key's backing key: the first material of the key gets a new backing key id;
 * any later import must be that same material (IncorrectKeyMaterialException otherwise) and gets
 * its id back. A key pending import becomes Enabled; the expiration is the one of this import.
 */
export async function importMaterial(deps: KmsDeps, keyId: string, prepared: PreparedMaterial, expiration: Expiration, now: Date, description: string | undefined): Promise<ImportOutcome | undefined> {
  const material = prepared.material;
  const digest = sha256(Buffer.concat([Buffer.from(keyId, "utf8"), material]));
  return deps.repo.transaction(async (tx) => {
    const key = (await loadKey(tx, keyId)) as ImportedKey | undefined;
    if (!key) return undefined;
    let record = key.importedMaterial;
    if (record) {
      const known = await deps.rootKey.unwrap(Buffer.from(record.check, "base64"), checkAad(keyId, record.backingKeyId));
      if (!safeEqual(known, digest)) throw incorrectMaterial();
    } else {
      const backingKeyId = newBackingKeyId();
      const check = await deps.rootKey.wrap(digest, checkAad(keyId, backingKeyId));
      record = { backingKeyId, check: check.toString("base64") };
    }
    if (description !== undefined) record.description = description;
    key.importedMaterial = record;
    if (key.currentBackingKeyId !== record.backingKeyId || !(await tx.getBackingKey(keyId, record.backingKeyId))) {
      await tx.deleteBackingKeys(keyId);
      await tx.addBackingKey(await wrapBackingKey(deps, keyId, material, now, { importState: "IMPORTED", ...(expiration.validTo === undefined ? {} : { validTo: expiration.validTo }) }, record.backingKeyId));
    }
    key.currentBackingKeyId = record.backingKeyId;
    if (prepared.publicKeyDer) key.publicKey = prepared.publicKeyDer.toString("base64");
    key.expirationModel = expiration.model;
    if (expiration.validTo === undefined) delete key.validTo;
    else key.validTo = expiration.validTo;
    if (key.state === "PendingImport") key.state = "Enabled";
    await tx.putKey(keyRow(key));
    return { key, backingKeyId: record.backingKeyId };
  });
}

// ---------------------------------------------------------------------------------------------
// DeleteImportedKeyMaterial and expiry

/**
 * Deletes the key's material: its backing keys go, the key waits in PendingImport (a key pending
 * deletion stays so). `when` decides, on the key as stored, whether to go ahead.
 */
export async function deleteMaterial(deps: KmsDeps, keyId: string, when: (key: KmsKey) => boolean = () => true): Promise<{ key: KmsKey; deletedBackingKeyId: string | undefined } | undefined> {
  const result = await deps.repo.transaction(async (tx) => {
    const key = await loadKey(tx, keyId);
    if (!key) return undefined;
    if (!when(key)) return { key, deletedBackingKeyId: undefined, changed: false };
    const deletedBackingKeyId = key.currentBackingKeyId;
    await tx.deleteBackingKeys(keyId);
    delete key.currentBackingKeyId;
    delete key.validTo;
    delete key.expirationModel;
    if (key.state !== "PendingDeletion") key.state = "PendingImport";
    await tx.putKey(keyRow(key));
    return { key, deletedBackingKeyId, changed: true };
  });
  if (result?.changed) deps.caches.forgetKey(keyId);
  return result && { key: result.key, deletedBackingKeyId: result.deletedBackingKeyId };
}

function hasExpired(key: KmsKey, now: Date): boolean {
  return key.origin === "EXTERNAL" && key.validTo !== undefined && key.validTo <= now.getTime() && key.currentBackingKeyId !== undefined;
}

/** Expires imported material whose ValidTo has passed at `now`; returns the key as it is after. */
export async function expireIfDue(deps: KmsDeps, key: KmsKey, now: Date): Promise<KmsKey> {
  if (!hasExpired(key, now)) return key;
  const result = await deleteMaterial(deps, key.keyId, (fresh) => hasExpired(fresh, now));
  return result?.key ?? key;
}

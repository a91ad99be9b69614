// Symmetric encryption under a key's newest backing key, and decryption under whichever backing
// key a ciphertext names (every rotation's ciphertexts still decrypt). Any failure to open is
// InvalidCiphertextException: a wrong or missing encryption context, a tampered or truncated
// blob, a blob of another key.
import { aesGcmOpen, aesGcmSeal } from "../../crypto/index.ts";
import { kmsError } from "../errors.ts";
import type { KmsKey } from "../model/types.ts";
import { ciphertextHeader, decodeCiphertext, encodeCiphertext, invalidCiphertext, type CiphertextParts } from "./ciphertext.ts";
import type { KmsDeps } from "./context.ts";
import { withEncryptionContext, type EncryptionContext } from "./encryption-context.ts";
import { backingKeyMaterial } from "./material.ts";

export async function sealSymmetric(deps: KmsDeps, key: KmsKey, plaintext: Buffer, context: EncryptionContext | undefined): Promise<Buffer> {
  const backingKeyId = key.currentBackingKeyId;
  const material = backingKeyId ? await backingKeyMaterial(deps, key.keyId, backingKeyId) : undefined;
  if (!backingKeyId || !material) throw kmsError("KMSInternalException", "The key material of this KMS key is not available.");
  const header = ciphertextHeader(key.keyId, backingKeyId);
  const sealed = aesGcmSeal(material, plaintext, withEncryptionContext(header, context));
  return encodeCiphertext(header, sealed.iv, sealed.ciphertext, sealed.tag);
}

/** The blob's parts, or InvalidCiphertextException. */
export function parseSymmetricBlob(blob: Buffer): CiphertextParts {
  return decodeCiphertext(blob);
}

export async function openSymmetric(deps: KmsDeps, key: KmsKey, parts: CiphertextParts, context: EncryptionContext | undefined): Promise<Buffer> {
  const material = await backingKeyMaterial(deps, key.keyId, parts.backingKeyId);
  if (!material) throw invalidCiphertext();
  const aad = withEncryptionContext(parts.header, context);
  const plaintext = aesGcmOpen(material, parts.iv, parts.ciphertext, parts.tag, aad);
  if (!plaintext) throw invalidCiphertext();
  return plaintext;
}

// RSAES-OAEP (RFC 8017 §7.1) for KMS asymmetric ENCRYPT_DECRYPT keys; MGF1 uses the OAEP hash.
import { constants, privateDecrypt, publicEncrypt, type KeyObject } from "node:crypto";
import { asBuffer } from "./bytes.ts";
import { KmsCryptoError } from "./errors.ts";
import { privateKeyFromDer, publicKeyFromDer } from "./keys.ts";
import { HASH_BYTES, RSA_MODULUS_BITS, oaepHashOf, type RsaEncryptionAlgorithm, type RsaKeySpec, type WrappingAlgorithm } from "./specs.ts";

/** The largest OAEP plaintext for a key size and algorithm: k - 2*hLen - 2 (RFC 8017 §7.1.1). */
export function rsaOaepMaxPlaintext(spec: RsaKeySpec, algorithm: RsaEncryptionAlgorithm): number {
  return maxPlaintextOf(RSA_MODULUS_BITS[spec], algorithm);
}

/** Encrypts `plaintext` to an SPKI DER RSA public key; KmsCryptoError ERR_PLAINTEXT_LENGTH when too long. */
export function rsaOaepEncrypt(publicKeyDer: Uint8Array, algorithm: RsaEncryptionAlgorithm, plaintext: Uint8Array): Buffer {
  return oaepEncrypt(rsaKey(publicKeyFromDer(publicKeyDer)), algorithm, plaintext);
}

/** Decrypts with a PKCS#8 DER RSA private key; undefined when decryption fails. */
export function rsaOaepDecrypt(privateKeyDer: Uint8Array, algorithm: RsaEncryptionAlgorithm, ciphertext: Uint8Array): Buffer | undefined {
  return oaepDecrypt(rsaKey(privateKeyFromDer(privateKeyDer)), algorithm, ciphertext);
}

/** OAEP encryption with a parsed RSA key (shared with the import wrapping). */
export function oaepEncrypt(key: KeyObject, algorithm: RsaEncryptionAlgorithm | WrappingAlgorithm, plaintext: Uint8Array): Buffer {
  const max = maxPlaintextOf(key.asymmetricKeyDetails?.modulusLength ?? 0, algorithm);
  if (plaintext.length > max) throw new KmsCryptoError("ERR_PLAINTEXT_LENGTH", `the plaintext is longer than ${max} bytes, the most this key and algorithm encrypt`);
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepHashOf(algorithm) }, asBuffer(plaintext));
}

/** OAEP decryption with a parsed RSA key; undefined when it fails. */
export function oaepDecrypt(key: KeyObject, algorithm: RsaEncryptionAlgorithm | WrappingAlgorithm, ciphertext: Uint8Array): Buffer | undefined {
  if (ciphertext.length !== modulusBytes(key)) return undefined;
  try {
    return privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepHashOf(algorithm) }, asBuffer(ciphertext));
  } catch {
    return undefined;
  }
}

/** k, the length of the modulus in bytes. */
export function modulusBytes(key: KeyObject): number {
  return Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
}

/** The key itself when it is an RSA key; otherwise KmsCryptoError ERR_KEY_ALGORITHM. */
export function rsaKey(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== "rsa") throw new KmsCryptoError("ERR_KEY_ALGORITHM", "RSAES_OAEP needs an RSA key");
  return key;
}

function maxPlaintextOf(modulusBits: number, algorithm: RsaEncryptionAlgorithm | WrappingAlgorithm): number {
  return Math.ceil(modulusBits / 8) - 2 * HASH_BYTES[oaepHashOf(algorithm)] - 2;
}

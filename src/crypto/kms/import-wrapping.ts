// The wrapping of imported key material (GetParametersForImport / ImportKeyMaterial), as AWS KMS
// documents it: RSAES_OAEP_* is RSA-OAEP of the material itself; RSA_AES_KEY_WRAP_* is RSA-OAEP of
// an ephemeral 32-byte AES key (k bytes) followed by the material under AES key wrap with padding
// (RFC 5649), which is what `openssl pkeyutl` and `openssl enc -id-aes256-wrap-pad` produce.
import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from "node:crypto";
import { KmsCryptoError } from "./errors.ts";
import { privateKeyFromDer, publicKeyFromDer } from "./keys.ts";
import { modulusBytes, oaepDecrypt, oaepEncrypt, rsaKey } from "./rsa-oaep.ts";
import type { WrappingAlgorithm } from "./specs.ts";

const AES_KEY_BYTES = 32;
/** RFC 5649 §3: the alternative initial value's constant half. */
const KWP_IV = Buffer.from("A65959A6", "hex");

/** The material, or undefined when anything fails (wrong key, wrong algorithm, changed bytes, no material). */
export function unwrapImportedMaterial(wrappingPrivateKeyDer: Uint8Array, algorithm: WrappingAlgorithm, encrypted: Uint8Array): Buffer | undefined {
  let key: KeyObject;
  try {
    key = rsaKey(privateKeyFromDer(wrappingPrivateKeyDer));
  } catch {
    return undefined;
  }
  const material = algorithm === "RSAES_OAEP_SHA_1" || algorithm === "RSAES_OAEP_SHA_256" ? oaepDecrypt(key, algorithm, encrypted) : aesKeyUnwrap(key, algorithm, encrypted);
  return material?.length ? material : undefined;
}

/** RSA-OAEP of the ephemeral AES key (the first k bytes), then RFC 5649 §4.2 unwrapping of the rest. */
function aesKeyUnwrap(key: KeyObject, algorithm: WrappingAlgorithm, encrypted: Uint8Array): Buffer | undefined {
  const k = modulusBytes(key);
  const wrapped = encrypted.subarray(k);
  if (wrapped.length < 16 || wrapped.length % 8 !== 0) return undefined; // RFC 5649 §4.2: n ≥ 1 semiblock plus the AIV
  const aesKey = oaepDecrypt(key, algorithm, encrypted.subarray(0, k));
  if (aesKey?.length !== AES_KEY_BYTES) return undefined;
  try {
    const decipher = createDecipheriv("id-aes256-wrap-pad", aesKey, KWP_IV);
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  } catch {
    return undefined;
  } finally {
    aesKey.fill(0);
  }
}

/** What a customer does before ImportKeyMaterial: wraps `material` to the wrapping public key. */
export function wrapMaterialForImport(wrappingPublicKeyDer: Uint8Array, algorithm: WrappingAlgorithm, material: Uint8Array): Buffer {
  const key = rsaKey(publicKeyFromDer(wrappingPublicKeyDer));
  if (material.length === 0) throw new KmsCryptoError("ERR_PLAINTEXT_LENGTH", "there is no key material to wrap");
  if (algorithm === "RSAES_OAEP_SHA_1" || algorithm === "RSAES_OAEP_SHA_256") return oaepEncrypt(key, algorithm, material);
  const aesKey = randomBytes(AES_KEY_BYTES);
  try {
    const cipher = createCipheriv("id-aes256-wrap-pad", aesKey, KWP_IV);
    return Buffer.concat([oaepEncrypt(key, algorithm, aesKey), cipher.update(material), cipher.final()]);
  } finally {
    aesKey.fill(0);
  }
}

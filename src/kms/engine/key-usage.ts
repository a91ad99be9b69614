// The key usage and key material that the asymmetric and HMAC operations need, in AWS's words:
// a key of another usage is InvalidKeyUsageException ("<key ARN> key usage is SIGN_VERIFY which is
// not valid for GenerateMac."), an algorithm that the key spec does not offer is
// InvalidKeyUsageException ("Algorithm … is incompatible with key spec …."). Material that is
// missing is federa's fault, never the caller's: KMSInternalException.
import { kmsError } from "../errors.ts";
import type { KeyUsage, KmsKey } from "../model/types.ts";
import type { KmsDeps } from "./context.ts";
import { backingKeyMaterial } from "./material.ts";

export function requireKeyUsage(key: KmsKey, usage: KeyUsage, operation: string): void {
  if (key.keyUsage !== usage) throw kmsError("InvalidKeyUsageException", `${key.arn} key usage is ${key.keyUsage} which is not valid for ${operation}.`);
}

/** The algorithm, when `supported` (the key spec's list) holds it. */
export function requireAlgorithm(key: KmsKey, algorithm: string, supported: readonly string[] | undefined): void {
  if (!supported?.includes(algorithm)) throw kmsError("InvalidKeyUsageException", `Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}.`);
}

const noMaterial = () => kmsError("KMSInternalException", "The key material of this KMS key is not available.");

/** The key's current material: the private key (PKCS#8 DER) of an asymmetric key, the HMAC key. */
export async function currentMaterial(deps: KmsDeps, key: KmsKey): Promise<Buffer> {
  const material = key.currentBackingKeyId ? await backingKeyMaterial(deps, key.keyId, key.currentBackingKeyId) : undefined;
  if (!material) throw noMaterial();
  return material;
}

/** The public key (SubjectPublicKeyInfo DER) of an asymmetric key. */
export function publicKeyDer(key: KmsKey): Buffer {
  if (!key.publicKey) throw noMaterial();
  return Buffer.from(key.publicKey, "base64");
}

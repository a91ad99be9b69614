// Which EncryptionAlgorithm a key takes: SYMMETRIC_DEFAULT for symmetric keys, RSAES_OAEP_SHA_1 or
// _256 (required) for RSA keys.
import { kmsError } from "../errors.ts";
import { encryptionAlgorithms } from "../model/algorithms.ts";
import type { KmsKey } from "../model/types.ts";

export const ENCRYPTION_ALGORITHMS = ["SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE"] as const;
export type EncryptionAlgorithm = (typeof ENCRYPTION_ALGORITHMS)[number];

export function checkEncryptionAlgorithm(key: KmsKey, algorithm: string): void {
  const supported = encryptionAlgorithms(key.keySpec, key.keyUsage) ?? [];
  if (!supported.includes(algorithm)) {
    throw kmsError("InvalidKeyUsageException", `Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}.`);
  }
}

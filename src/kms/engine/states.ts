// Key states and what each allows, in AWS's words: a disabled key refuses cryptography with
// DisabledException; a key pending deletion or pending import with KMSInvalidStateException.
import { kmsError } from "../errors.ts";
import type { KmsKey } from "../model/types.ts";
import { requireKeyUsage } from "./key-usage.ts";

/** For cryptographic operations (Encrypt, Decrypt, Sign, GenerateMac, …): the key must be Enabled. */
export function requireEnabled(key: KmsKey): void {
  switch (key.state) {
    case "Enabled":
      return;
    case "Disabled":
      throw kmsError("DisabledException", `${key.arn} is disabled.`);
    case "PendingDeletion":
      throw kmsError("KMSInvalidStateException", `${key.arn} is pending deletion.`);
    case "PendingImport":
      throw kmsError("KMSInvalidStateException", `${key.arn} is pending import.`);
    default:
      throw kmsError("KMSInvalidStateException", `${key.arn} is ${key.state.toLowerCase()}.`);
  }
}

/** For management operations that a key pending deletion refuses (EnableKey, rotation, aliases…). */
export function requireNotPendingDeletion(key: KmsKey): void {
  if (key.state === "PendingDeletion") throw kmsError("KMSInvalidStateException", `${key.arn} is pending deletion.`);
}

/** Customer operations refused on AWS managed keys (policy, rotation, deletion, …). */
export function requireCustomerManaged(key: KmsKey, operation: string): void {
  if (key.keyManager === "AWS") {
    throw kmsError("UnsupportedOperationException", `${key.arn} is an AWS managed key. You cannot perform ${operation} on it.`);
  }
}

/**
 * Data keys and data key pairs are made only under symmetric encryption keys: a key of another
 * usage is refused as any operation refuses it, an asymmetric encryption key in AWS's own words.
 */
export function requireDataKeyWrapping(key: KmsKey, operation: string): void {
  requireKeyUsage(key, "ENCRYPT_DECRYPT", operation);
  if (key.keySpec !== "SYMMETRIC_DEFAULT") throw kmsError("InvalidKeyUsageException", "You cannot generate a data key with an asymmetric CMK");
}

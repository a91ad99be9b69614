// The two errors of the KMS primitives. Callers switch on `code`; no message ever holds key
// material or plaintext.
import { FederaError, type FederaErrorOptions } from "../../shared/index.ts";

export type KmsCryptoErrorCode =
  | "ERR_DIGEST_LENGTH" // a DIGEST message whose length is not the algorithm's hash length
  | "ERR_MESSAGE_TYPE" // DIGEST with ED25519_SHA_512 (pure Ed25519 signs only RAW messages)
  | "ERR_KEY_ALGORITHM" // an algorithm the key's spec does not support, as AWS KMS lists them
  | "ERR_PEER_KEY" // an ECDH peer key that is malformed or on another curve
  | "ERR_PLAINTEXT_LENGTH" // too long (or empty) for RSA-OAEP or the import wrapping
  | "ERR_KEY_MATERIAL"; // stored key bytes that do not parse: federa's fault, never the caller's

/** A KMS primitive refused its input; the engine maps `code` to the AWS exception. */
export class KmsCryptoError extends FederaError {
  constructor(code: KmsCryptoErrorCode, message: string, options: FederaErrorOptions = {}) {
    super(code, message, { status: 400, ...options });
  }
}

export type RootKeyErrorCode =
  | "ERR_ROOT_KEY_UNWRAP" // a wrapped blob that is not ours, was changed, or belongs to another owner
  | "ERR_ROOT_KEY_INVALID" // the root key file exists but does not hold a 32-byte key
  | "ERR_ROOT_KEY_CLOSED"; // the provider was closed

/** The root key could not wrap or unwrap: an internal error, never shown to a client. */
export class RootKeyError extends FederaError {
  constructor(code: RootKeyErrorCode, message: string, options: FederaErrorOptions = {}) {
    super(code, message, { status: 500, ...options, expose: false });
  }
}

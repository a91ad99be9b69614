// The ciphertext blob of symmetric keys: self-describing and unambiguous.
//   version (1 byte, 0x01) ‖ key id (16 bytes) ‖ backing key id (16 bytes) ‖ IV (12) ‖ ciphertext ‖ tag (16)
// AES-256-GCM under the backing key; the AAD is the 33-byte header (version, key id, backing key
// id) followed by the canonical encoding of the encryption context; GCM's tag covers the IV.
// Anything that does not parse is InvalidCiphertextException.
import { kmsError } from "../errors.ts";

export const CIPHERTEXT_VERSION = 0x01;
const HEADER = 1 + 16 + 16;
const IV = 12;
const TAG = 16;

export interface CiphertextParts {
  keyId: string;
  backingKeyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
  /** The header bytes (version, key id, backing key id), bound into the AAD. */
  header: Buffer;
}

function uuidBytes(keyId: string): Buffer {
  return Buffer.from(keyId.replace(/-/g, ""), "hex");
}

function uuidText(bytes: Buffer): string {
  const h = bytes.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The header for a new ciphertext; the backing key id is 32 hex digits. */
export function ciphertextHeader(keyId: string, backingKeyId: string): Buffer {
  const header = Buffer.alloc(HEADER);
  header[0] = CIPHERTEXT_VERSION;
  // A key id is a UUID (checked when it was resolved): 32 hex digits once the dashes are gone.
  const keyBytes = header.write(keyId.length === 36 ? keyId.slice(0, 8) + keyId.slice(9, 13) + keyId.slice(14, 18) + keyId.slice(19, 23) + keyId.slice(24) : keyId.replace(/-/g, ""), 1, 16, "hex");
  const backingBytes = header.write(backingKeyId, 17, 16, "hex");
  // Anything else is what the concatenation of the decoded parts always gave.
  return keyBytes === 16 && backingBytes === 16 ? header : Buffer.concat([Buffer.of(CIPHERTEXT_VERSION), uuidBytes(keyId), Buffer.from(backingKeyId, "hex")]);
}

export function encodeCiphertext(header: Buffer, iv: Buffer, ciphertext: Buffer, tag: Buffer): Buffer {
  return Buffer.concat([header, iv, ciphertext, tag]);
}

export const invalidCiphertext = () => kmsError("InvalidCiphertextException", "");

/** Parses a blob; InvalidCiphertextException when it cannot be one of ours. */
export function decodeCiphertext(blob: Buffer): CiphertextParts {
  if (blob.length < HEADER + IV + 1 + TAG || blob[0] !== CIPHERTEXT_VERSION) throw invalidCiphertext();
  return {
    keyId: uuidText(blob.subarray(1, 17)),
    backingKeyId: blob.subarray(17, 33).toString("hex"),
    iv: blob.subarray(HEADER, HEADER + IV),
    ciphertext: blob.subarray(HEADER + IV, blob.length - TAG),
    tag: blob.subarray(blob.length - TAG),
    header: blob.subarray(0, HEADER),
  };
}

/** The smallest blob: an empty ciphertext is impossible (KMS encrypts 1–4096 bytes). */
export const CIPHERTEXT_OVERHEAD = HEADER + IV + TAG;

// AES-256-GCM for one segment of a segmented stream (S3 object bodies): the caller gives the IV,
// built so that no IV repeats under a key (a nonce prefix and the segment's index), and the AAD
// that binds the segment to its place. A sealed segment is ciphertext ‖ 16-byte tag. Opening
// returns the plaintext only once the tag has been verified: unauthenticated bytes never leave.
import { createCipheriv, createDecipheriv } from "node:crypto";
import { asBuffer } from "./bytes.ts";

const KEY_BYTES = 32;
const IV_BYTES = 12;
export const SEGMENT_TAG_BYTES = 16;

/** ciphertext ‖ tag of `plaintext` under `key` and `iv` (12 bytes, never reused with this key), binding `aad`. */
export function sealSegment(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Buffer {
  const [ciphertext, tag] = sealSegmentParts(key, iv, plaintext, aad);
  return Buffer.concat([ciphertext, tag], ciphertext.length + SEGMENT_TAG_BYTES);
}

/** The same sealed segment as two buffers, ciphertext then tag, for a writer that gathers them (no copy). */
export function sealSegmentParts(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): [ciphertext: Buffer, tag: Buffer] {
  if (key.length !== KEY_BYTES) throw new TypeError(`sealSegment needs a ${KEY_BYTES}-byte key`);
  if (iv.length !== IV_BYTES) throw new TypeError(`sealSegment needs a ${IV_BYTES}-byte IV`);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: SEGMENT_TAG_BYTES });
  cipher.setAAD(aad);
  const head = cipher.update(plaintext);
  // GCM is a stream mode: final() only computes the tag and returns no bytes.
  const tail = cipher.final();
  return [tail.length === 0 ? head : Buffer.concat([head, tail]), cipher.getAuthTag()];
}

/** The plaintext of a sealed segment, or undefined when it does not authenticate (wrong key, IV, AAD, tampered or cut bytes). */
export function openSegment(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Buffer | undefined {
  if (key.length !== KEY_BYTES || iv.length !== IV_BYTES || sealed.length < SEGMENT_TAG_BYTES) return undefined;
  const bytes = asBuffer(sealed);
  const split = bytes.length - SEGMENT_TAG_BYTES;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: SEGMENT_TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(bytes.subarray(split));
    const head = decipher.update(bytes.subarray(0, split));
    const tail = decipher.final();
    return tail.length === 0 ? head : Buffer.concat([head, tail]);
  } catch {
    return undefined;
  }
}

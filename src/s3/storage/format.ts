// The file of one stored part (a "blob"): a header, then the body in sealed segments.
//   header: "FS3B" ‖ version 0x01 ‖ 3 zero bytes                                        (8 bytes)
//   segment i: AES-256-GCM(ciphertext ‖ 16-byte tag) of plaintext bytes [i·64 KiB, (i+1)·64 KiB)
// Every segment but the last holds 64 KiB of plaintext; the last holds 1 to 64 KiB, or nothing
// for an empty body (so an empty file is never a valid body). The key is the blob's own key
// (derived from the envelope's data key and the blob id: envelopes.ts), the IV the envelope's
// 8-byte nonce prefix ‖ the segment's index (32 bits, big-endian), and the AAD binds the blob id,
// the index and whether the segment is the last: moving a segment to another place or another
// blob, dropping the tail or appending to it all fail authentication.
import { SEGMENT_TAG_BYTES } from "../../crypto/index.ts";

export const SEGMENT_BYTES = 64 * 1024;
export const TAG_BYTES = SEGMENT_TAG_BYTES;
export const SEALED_SEGMENT_BYTES = SEGMENT_BYTES + TAG_BYTES;
export const NONCE_BYTES = 8;
export const HEADER = Buffer.from([0x46, 0x53, 0x33, 0x42, 0x01, 0x00, 0x00, 0x00]); // "FS3B", version 1
export const HEADER_BYTES = HEADER.length;
/** 2^32 segments of 64 KiB: far beyond S3's 5 GB for a part. */
const MAX_SEGMENTS = 2 ** 32;

/** A blob id: 32 lowercase hex digits (128 random bits), which also names the file. */
export const BLOB_ID = /^[0-9a-f]{32}$/;

const AAD_LABEL = Buffer.from("federa/s3/blob/v1\0", "utf8");

/** How many segments a body of `size` plaintext bytes has (an empty body has one, empty). */
export function segmentCount(size: number): number {
  const count = size === 0 ? 1 : Math.ceil(size / SEGMENT_BYTES);
  if (count > MAX_SEGMENTS) throw new RangeError("a part of this size does not fit the blob format");
  return count;
}

/** The plaintext length of segment `index` of a body of `size` bytes. */
export function segmentPlainBytes(size: number, index: number): number {
  const last = segmentCount(size) - 1;
  return index < last ? SEGMENT_BYTES : size - last * SEGMENT_BYTES;
}

/** Where segment `index` starts in the file. */
export function segmentOffset(index: number): number {
  return HEADER_BYTES + index * SEALED_SEGMENT_BYTES;
}

/** The file's exact length for a body of `size` plaintext bytes. */
export function blobFileBytes(size: number): number {
  return HEADER_BYTES + size + segmentCount(size) * TAG_BYTES;
}

/** nonce prefix (8 bytes) ‖ index (4 bytes, big-endian). */
export function segmentIv(nonce: Buffer, index: number): Buffer {
  const iv = Buffer.allocUnsafe(NONCE_BYTES + 4);
  nonce.copy(iv, 0, 0, NONCE_BYTES);
  iv.writeUInt32BE(index, NONCE_BYTES);
  return iv;
}

/** label ‖ blob id (32 ASCII hex digits) ‖ index (4 bytes) ‖ last (1 byte): fixed lengths, so unambiguous. */
export function segmentAad(blobId: string, index: number, last: boolean): Buffer {
  const aad = Buffer.allocUnsafe(AAD_LABEL.length + 32 + 5);
  AAD_LABEL.copy(aad, 0);
  aad.write(blobId, AAD_LABEL.length, 32, "latin1");
  aad.writeUInt32BE(index, AAD_LABEL.length + 32);
  aad[AAD_LABEL.length + 36] = last ? 1 : 0;
  return aad;
}

// Byte helpers shared by the KMS primitives (not exported from the folder).

/** A Buffer view of the same bytes, without copying. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** True when `bytes` is exactly one DER SEQUENCE (X.690 §8.1): no trailing bytes, minimal length. */
export function isOneDerSequence(bytes: Uint8Array): boolean {
  if (bytes.length < 2 || bytes[0] !== 0x30) return false;
  const first = bytes[1]!;
  if (first < 0x80) return 2 + first === bytes.length;
  const lengthBytes = first & 0x7f;
  if (lengthBytes === 0 || lengthBytes > 4 || bytes.length < 2 + lengthBytes) return false;
  let length = 0;
  for (let i = 0; i < lengthBytes; i++) length = length * 256 + bytes[2 + i]!;
  if (bytes[2] === 0 || length < 0x80) return false; // long form where the short form fits
  return 2 + lengthBytes + length === bytes.length;
}

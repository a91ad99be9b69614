// The little DER that the post-quantum keys need (their SubjectPublicKeyInfo and PKCS#8 forms
// hold the parameter set's OID and the raw key, nothing Node's crypto can parse on Node 20).
import { asBuffer } from "./bytes.ts";

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.of(length);
  return length < 0x100 ? Buffer.of(0x81, length) : Buffer.of(0x82, length >> 8, length & 0xff);
}

/** One TLV: the tag, the length, the content. */
export function der(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.of(tag), derLength(content.length), content]);
}

/** SubjectPublicKeyInfo (RFC 5280) of a raw public key, for an algorithm named by its OID alone (no parameters). */
export function rawKeySpki(oid: Buffer, publicKey: Uint8Array): Buffer {
  return der(0x30, Buffer.concat([der(0x30, oid), der(0x03, Buffer.concat([Buffer.of(0), publicKey]))]));
}

/** The raw public key in a SubjectPublicKeyInfo of `length` bytes under `oid`, or undefined for anything else. */
export function rawKeyOfSpki(oid: Buffer, length: number, spki: Uint8Array): Uint8Array | undefined {
  const bytes = asBuffer(spki);
  const raw = bytes.subarray(bytes.length - length);
  return bytes.length > length && rawKeySpki(oid, raw).equals(bytes) ? raw : undefined;
}

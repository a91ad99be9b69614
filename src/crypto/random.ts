// Randomness, digests and constant-time comparison.
import { randomBytes, createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

export function randomBase64Url(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function randomHex(bytes = 16): string {
  return randomBytes(bytes).toString("hex");
}

/** A SAML/XML ID: must be an NCName, so it never starts with a digit. */
export function randomXmlId(): string {
  return "_" + randomBytes(16).toString("hex");
}

export function sha256(data: string | Buffer): Buffer {
  return createHash("sha256").update(data).digest();
}

export function sha1(data: string | Buffer): Buffer {
  return createHash("sha1").update(data).digest();
}

export function hmacSha256(key: Buffer | string, data: string | Buffer): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

/** Compares two secrets in constant time (for equal lengths). */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const left = typeof a === "string" ? Buffer.from(a) : a;
  const right = typeof b === "string" ? Buffer.from(b) : b;
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Random characters of A–Z and 2–7, as AWS's unique IDs and access key IDs use. */
export function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += BASE32[byte & 31];
  return out;
}

/** An AWS-style unique ID: a 4-letter prefix (AROA, AIDA, ANPA, ASIA, AKIA…) and random base32. */
export function awsUniqueId(prefix: string, length = 21): string {
  return prefix + randomBase32(length - prefix.length);
}

/** A secret access key: 40 characters of base64 alphabet, as AWS's. */
export function randomSecretAccessKey(): string {
  return randomBytes(30).toString("base64");
}

/** A key for one purpose, derived from the service key with HKDF-SHA256 (RFC 5869). */
export function deriveKey(serviceKey: Buffer, purpose: string, bytes = 32): Buffer {
  return Buffer.from(hkdfSync("sha256", serviceKey, Buffer.alloc(0), `federa ${purpose}`, bytes));
}

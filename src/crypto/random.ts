// Randomness, digests and constant-time comparison.
import { randomBytes, createHash, createHmac, timingSafeEqual } from "node:crypto";

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

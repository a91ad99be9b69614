// Randomness, digests and constant-time comparison.
import { randomBytes, randomFillSync, createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

// Random values for the request paths (IVs, nonces, IDs, session and CSRF tokens, access keys)
// come from a pool of the CSPRNG's output, refilled 4 KiB at a time, as Node does for randomUUID:
// a randomBytes call costs a trip into OpenSSL (about 4 µs here), a slice of the pool a tenth of
// that. Every byte is handed out once; the pool is as secret as the process's memory, where the
// values live anyway. Cryptographic keys (KMS key material, root and service keys) call
// randomBytes directly.
const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafeSlow(POOL_BYTES);
let poolOffset = POOL_BYTES;

/** `bytes` fresh bytes from the CSPRNG (through the pool when small): for IVs, nonces, IDs and tokens, not keys. */
export function randomNonce(bytes: number): Buffer {
  if (bytes > 256) return randomBytes(bytes);
  if (poolOffset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const out = Buffer.allocUnsafe(bytes);
  pool.copy(out, 0, poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return out;
}

export function randomBase64Url(bytes = 32): string {
  return randomNonce(bytes).toString("base64url");
}

/** A random ID in hex. */
export function randomHex(bytes = 16): string {
  return randomNonce(bytes).toString("hex");
}

/** A SAML/XML ID: must be an NCName, so it never starts with a digit. */
export function randomXmlId(): string {
  return "_" + randomNonce(16).toString("hex");
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
  const bytes = randomNonce(length);
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
  return randomNonce(30).toString("base64");
}

/** A key for one purpose, derived from the service key with HKDF-SHA256 (RFC 5869). */
export function deriveKey(serviceKey: Buffer, purpose: string, bytes = 32): Buffer {
  return Buffer.from(hkdfSync("sha256", serviceKey, Buffer.alloc(0), `federa ${purpose}`, bytes));
}

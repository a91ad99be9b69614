// Digests for AWS Signature Version 4: hex SHA-256, the day's signing key (HMAC chain
// "AWS4"+secret → date → region → service → "aws4_request"), HMAC-SHA256 under that key, and
// request ids. On the hot path (a few µs per request), so SHA-256 is node's one-shot `hash`, and
// HMAC under a fixed key is RFC 2104 over it with the padded keys computed once.
import { createHash, createHmac, hash, randomUUID } from "node:crypto";

export function sha256Hex(data: string | Buffer | Uint8Array): string {
  return hash("sha256", data, "hex");
}

const BLOCK = 64;
let scratch = Buffer.allocUnsafe(1024);

/** An HMAC-SHA256 key ready for many messages: H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)), RFC 2104. */
export class HmacSha256Key {
  readonly #innerPad: Buffer;
  readonly #outerPad: Buffer;

  constructor(key: Buffer) {
    const block = Buffer.alloc(BLOCK);
    (key.length > BLOCK ? createHash("sha256").update(key).digest() : key).copy(block);
    this.#innerPad = Buffer.alloc(BLOCK);
    this.#outerPad = Buffer.alloc(BLOCK + 32);
    for (let i = 0; i < BLOCK; i++) {
      this.#innerPad[i] = block[i]! ^ 0x36;
      this.#outerPad[i] = block[i]! ^ 0x5c;
    }
  }

  hex(data: string): string {
    // One scratch buffer for the inner message, reused: hashing is synchronous.
    const needed = BLOCK + Buffer.byteLength(data, "utf8");
    if (scratch.length < needed) scratch = Buffer.allocUnsafe(Math.max(needed, scratch.length * 2));
    this.#innerPad.copy(scratch, 0);
    scratch.write(data, BLOCK, "utf8");
    hash("sha256", scratch.subarray(0, needed), "buffer").copy(this.#outerPad, BLOCK);
    return hash("sha256", this.#outerPad, "hex");
  }
}

/** The SigV4 signing key for one secret, date (YYYYMMDD), region and service. Never log it. */
export function deriveSigV4SigningKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac("sha256", "AWS4" + secretAccessKey).update(date, "utf8").digest();
  const kRegion = createHmac("sha256", kDate).update(region, "utf8").digest();
  const kService = createHmac("sha256", kRegion).update(service, "utf8").digest();
  return createHmac("sha256", kService).update("aws4_request", "utf8").digest();
}

/**
 * Compares two strings of single-byte characters (hex signatures) in time that depends only on
 * their lengths.
 */
export function safeEqualAscii(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i++) difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return difference === 0;
}

/** A random UUID v4, as AWS request ids are. */
export function randomUuid(): string {
  return randomUUID();
}

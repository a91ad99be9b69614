// RSA signatures of a precomputed digest, which node's sign() cannot take (it always hashes):
// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) through OpenSSL's type-1 padding, and RSASSA-PSS (RFC 8017
// §8.1, EMSA-PSS §9.1) encoded here around raw RSA, with MGF1 of the same hash and salt length =
// hash length, as AWS KMS signs.
import { constants, createHash, privateEncrypt, publicDecrypt, randomBytes, timingSafeEqual, type KeyObject } from "node:crypto";
import { asBuffer } from "./bytes.ts";
import { HASH_BYTES, type HashName, type SigningHash } from "./specs.ts";

/** RFC 8017 §9.2 note 1: the DER DigestInfo before the digest. */
const DIGEST_INFO_PREFIX: Readonly<Record<SigningHash, Buffer>> = {
  sha256: Buffer.from("3031300d060960864801650304020105000420", "hex"),
  sha384: Buffer.from("3041300d060960864801650304020205000430", "hex"),
  sha512: Buffer.from("3051300d060960864801650304020305000440", "hex"),
};

/** RSASSA-PKCS1-v1_5 signature of `digest`. */
export function pkcs1SignDigest(key: KeyObject, hash: SigningHash, digest: Uint8Array): Buffer {
  return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([DIGEST_INFO_PREFIX[hash], digest]));
}

/** Whether `signature` is the RSASSA-PKCS1-v1_5 signature of `digest`; never throws for bad bytes. */
export function pkcs1VerifyDigest(key: KeyObject, hash: SigningHash, digest: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== modulusBytes(key)) return false;
  const expected = Buffer.concat([DIGEST_INFO_PREFIX[hash], digest]);
  try {
    const recovered = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, asBuffer(signature));
    return recovered.length === expected.length && timingSafeEqual(recovered, expected);
  } catch {
    return false;
  }
}

/** RSASSA-PSS signature of `digest`: EMSA-PSS-ENCODE (§9.1.1), then RSASP1 as raw RSA. */
export function pssSignDigest(key: KeyObject, hash: SigningHash, digest: Uint8Array): Buffer {
  const k = modulusBytes(key);
  const emBits = modulusBits(key) - 1;
  const emLen = Math.ceil(emBits / 8);
  const hLen = HASH_BYTES[hash];
  const salt = randomBytes(hLen);
  const h = hashOf(hash, Buffer.alloc(8), digest, salt);
  const db = Buffer.alloc(emLen - hLen - 1);
  db[db.length - hLen - 1] = 0x01;
  salt.copy(db, db.length - hLen);
  xorInPlace(db, mgf1(hash, h, db.length));
  db[0]! &= 0xff >> (8 * emLen - emBits);
  const em = Buffer.concat([Buffer.alloc(k - emLen), db, h, Buffer.of(0xbc)]);
  return privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, em);
}

/** Whether `signature` is an RSASSA-PSS signature of `digest` (RSAVP1, then EMSA-PSS-VERIFY §9.1.2). */
export function pssVerifyDigest(key: KeyObject, hash: SigningHash, digest: Uint8Array, signature: Uint8Array): boolean {
  const k = modulusBytes(key);
  if (signature.length !== k) return false;
  let m: Buffer;
  try {
    m = publicDecrypt({ key, padding: constants.RSA_NO_PADDING }, asBuffer(signature));
  } catch {
    return false; // the signature is not below the modulus
  }
  const emBits = modulusBits(key) - 1;
  const emLen = Math.ceil(emBits / 8);
  const hLen = HASH_BYTES[hash];
  if (m.length !== k || m.subarray(0, k - emLen).some((byte) => byte !== 0)) return false;
  const em = m.subarray(k - emLen);
  if (emLen < 2 * hLen + 2 || em[emLen - 1] !== 0xbc) return false;
  const db = Buffer.from(em.subarray(0, emLen - hLen - 1));
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const topBits = 0xff >> (8 * emLen - emBits);
  if ((db[0]! & ~topBits) !== 0) return false;
  xorInPlace(db, mgf1(hash, h, db.length));
  db[0]! &= topBits;
  const separator = db.length - hLen - 1;
  if (db.subarray(0, separator).some((byte) => byte !== 0) || db[separator] !== 0x01) return false;
  const expected = hashOf(hash, Buffer.alloc(8), digest, db.subarray(separator + 1));
  return timingSafeEqual(expected, h);
}

/** MGF1 (RFC 8017 §B.2.1): `length` bytes of Hash(seed || counter). */
function mgf1(hash: HashName, seed: Uint8Array, length: number): Buffer {
  const blocks: Buffer[] = [];
  const counter = Buffer.alloc(4);
  for (let i = 0; i * HASH_BYTES[hash] < length; i++) {
    counter.writeUInt32BE(i);
    blocks.push(hashOf(hash, seed, counter));
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function hashOf(hash: HashName, ...parts: Uint8Array[]): Buffer {
  const hasher = createHash(hash);
  for (const part of parts) hasher.update(part);
  return hasher.digest();
}

function xorInPlace(target: Buffer, mask: Buffer): void {
  for (let i = 0; i < target.length; i++) target[i]! ^= mask[i]!;
}

function modulusBits(key: KeyObject): number {
  return key.asymmetricKeyDetails?.modulusLength ?? 0;
}

function modulusBytes(key: KeyObject): number {
  return Math.ceil(modulusBits(key) / 8);
}

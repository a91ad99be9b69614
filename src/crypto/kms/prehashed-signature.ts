// ECDSA and Ed25519ph signatures, where node:crypto falls short: it hashes every message itself,
// so it cannot sign or verify a DIGEST with ECDSA, and OpenSSL 3.0 has no Ed25519ph. These use
// @noble/curves on the key's own scalars, and produce what OpenSSL would.
import type { KeyObject } from "node:crypto";
import { createHash } from "node:crypto";
import { eddsa, type EdDSA } from "@noble/curves/abstract/edwards.js";
import type { ECDSA } from "@noble/curves/abstract/weierstrass.js";
import { ed25519 } from "@noble/curves/ed25519.js";
import { p256, p384, p521 } from "@noble/curves/nist.js";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import type { EccKeySpec } from "./specs.ts";

const CURVES: Readonly<Record<EccKeySpec, ECDSA>> = {
  ECC_NIST_P256: p256,
  ECC_NIST_P384: p384,
  ECC_NIST_P521: p521,
  ECC_SECG_P256K1: secp256k1,
};

// ECDSA signatures as OpenSSL and AWS KMS make them: DER, and S not normalised to the low half.
const ECDSA_OPTIONS = { prehash: false, lowS: false, format: "der" } as const;

/** ECDSA signature (DER) of a digest, truncated to the curve order as FIPS 186-5 §6.4.1 says. */
export function ecdsaSignDigest(key: KeyObject, spec: EccKeySpec, digest: Uint8Array): Buffer {
  const d = jwkBytes(key, "d");
  try {
    return Buffer.from(CURVES[spec].sign(digest, d, ECDSA_OPTIONS));
  } finally {
    d.fill(0);
  }
}

/** Whether a DER ECDSA signature matches a digest; never throws for bad bytes. */
export function ecdsaVerifyDigest(key: KeyObject, spec: EccKeySpec, digest: Uint8Array, signature: Uint8Array): boolean {
  const point = Buffer.concat([Buffer.of(0x04), jwkBytes(key, "x"), jwkBytes(key, "y")]);
  try {
    return CURVES[spec].verify(signature, digest, point, ECDSA_OPTIONS);
  } catch {
    return false;
  }
}

/** Ed25519ph (RFC 8032 §5.1) over a given SHA-512 digest, with an empty context. */
export function ed25519phSignDigest(key: KeyObject, digest: Uint8Array): Buffer {
  const seed = jwkBytes(key, "d");
  try {
    return Buffer.from(ED25519PH_OF_DIGEST.sign(digest, seed));
  } finally {
    seed.fill(0);
  }
}

/** Whether an Ed25519ph signature matches a SHA-512 digest (RFC 8032 strict decoding); never throws for bad bytes. */
export function ed25519phVerifyDigest(key: KeyObject, digest: Uint8Array, signature: Uint8Array): boolean {
  try {
    return ED25519PH_OF_DIGEST.verify(signature, digest, jwkBytes(key, "x"), { zip215: false });
  } catch {
    return false;
  }
}

/** A field of the key's JWK (RFC 7518 §6.2, RFC 8037 §2), as bytes. */
function jwkBytes(key: KeyObject, field: "d" | "x" | "y"): Buffer {
  const value = key.export({ format: "jwk" })[field];
  if (typeof value !== "string") throw new TypeError(`the key has no JWK "${field}"`);
  return Buffer.from(value, "base64url");
}

const sha512 = (data: Uint8Array): Uint8Array => createHash("sha512").update(data).digest();

/** RFC 8032 §5.1: dom2(phflag, context), the prefix of Ed25519ctx and Ed25519ph hashes. */
function dom2(data: Uint8Array, context: Uint8Array, phflag: boolean): Uint8Array {
  if (context.length > 255) throw new Error("context too long");
  return Buffer.concat([Buffer.from("SigEd25519 no Ed25519 collisions"), Buffer.of(phflag ? 1 : 0, context.length), context, data]);
}

/** RFC 8032 §5.1.5: the clamping of the secret scalar. */
function clamp(bytes: Uint8Array): Uint8Array {
  bytes[0]! &= 248;
  bytes[31]! &= 127;
  bytes[31]! |= 64;
  return bytes;
}

/**
 * Ed25519ph whose PH is the identity: the message it is given is already SHA-512(M). noble's own
 * ed25519ph hashes the message itself, so it serves RAW only; this serves both.
 */
const ED25519PH_OF_DIGEST: EdDSA = eddsa(ed25519.Point, sha512, { adjustScalarBytes: clamp, domain: dom2, prehash: (digest: Uint8Array) => digest });

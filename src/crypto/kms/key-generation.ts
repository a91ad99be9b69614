// New key material by AWS KMS key spec: asymmetric pairs on libuv's thread pool, HMAC keys at
// the spec's size.
import { generateKeyPair, randomBytes } from "node:crypto";
import { RSA_MODULUS_BITS, type AsymmetricKeySpec, type HmacKeySpec, type RsaKeySpec } from "./specs.ts";

export interface KeyPairMaterial {
  /** PKCS#8 DER */
  privateKeyDer: Buffer;
  /** X.509 SubjectPublicKeyInfo DER: what KMS GetPublicKey returns */
  publicKeyDer: Buffer;
}

const CURVES: Readonly<Record<Exclude<AsymmetricKeySpec, RsaKeySpec | "ECC_NIST_EDWARDS25519">, string>> = {
  ECC_NIST_P256: "prime256v1",
  ECC_NIST_P384: "secp384r1",
  ECC_NIST_P521: "secp521r1",
  ECC_SECG_P256K1: "secp256k1",
};

const HMAC_KEY_BYTES: Readonly<Record<HmacKeySpec, number>> = { HMAC_224: 28, HMAC_256: 32, HMAC_384: 48, HMAC_512: 64 };

const ENCODING = {
  publicKeyEncoding: { type: "spki", format: "der" },
  privateKeyEncoding: { type: "pkcs8", format: "der" },
} as const;

/** A new key pair of `spec`, generated off the main thread. */
export function generateKeyPairMaterial(spec: AsymmetricKeySpec): Promise<KeyPairMaterial> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, publicKeyDer: Buffer, privateKeyDer: Buffer) =>
      error ? reject(error) : resolve({ privateKeyDer, publicKeyDer });
    if (spec === "RSA_2048" || spec === "RSA_3072" || spec === "RSA_4096") {
      generateKeyPair("rsa", { modulusLength: RSA_MODULUS_BITS[spec], publicExponent: 0x10001, ...ENCODING }, done);
    } else if (spec === "ECC_NIST_EDWARDS25519") {
      generateKeyPair("ed25519", ENCODING, done);
    } else {
      generateKeyPair("ec", { namedCurve: CURVES[spec], ...ENCODING }, done);
    }
  });
}

/** A new RSA key pair for GetParametersForImport's wrapping key. */
export function generateWrappingKeyPair(spec: RsaKeySpec): Promise<KeyPairMaterial> {
  return generateKeyPairMaterial(spec);
}

/** A new HMAC key of `spec`: 28, 32, 48 or 64 random bytes. */
export function generateHmacKey(spec: HmacKeySpec): Buffer {
  return randomBytes(HMAC_KEY_BYTES[spec]);
}

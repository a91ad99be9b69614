// The key specs and algorithms of AWS KMS that the primitives implement, and which go together
// (AWS KMS Developer Guide, "Key spec reference").

export type AsymmetricKeySpec =
  | "RSA_2048" | "RSA_3072" | "RSA_4096"
  | "ECC_NIST_P256" | "ECC_NIST_P384" | "ECC_NIST_P521" | "ECC_SECG_P256K1" | "ECC_NIST_EDWARDS25519";
export type RsaKeySpec = "RSA_2048" | "RSA_3072" | "RSA_4096";
export type EccKeySpec = "ECC_NIST_P256" | "ECC_NIST_P384" | "ECC_NIST_P521" | "ECC_SECG_P256K1";
export type HmacKeySpec = "HMAC_224" | "HMAC_256" | "HMAC_384" | "HMAC_512";

export type SigningAlgorithm =
  | "RSASSA_PSS_SHA_256" | "RSASSA_PSS_SHA_384" | "RSASSA_PSS_SHA_512"
  | "RSASSA_PKCS1_V1_5_SHA_256" | "RSASSA_PKCS1_V1_5_SHA_384" | "RSASSA_PKCS1_V1_5_SHA_512"
  | "ECDSA_SHA_256" | "ECDSA_SHA_384" | "ECDSA_SHA_512"
  | "ED25519_SHA_512" | "ED25519_PH_SHA_512";
export type MessageType = "RAW" | "DIGEST";
export type RsaEncryptionAlgorithm = "RSAES_OAEP_SHA_1" | "RSAES_OAEP_SHA_256";
export type MacAlgorithm = "HMAC_SHA_224" | "HMAC_SHA_256" | "HMAC_SHA_384" | "HMAC_SHA_512";
export type WrappingAlgorithm = "RSAES_OAEP_SHA_1" | "RSAES_OAEP_SHA_256" | "RSA_AES_KEY_WRAP_SHA_1" | "RSA_AES_KEY_WRAP_SHA_256";

/** A hash by node's name, with its output length in bytes. */
export type HashName = "sha1" | "sha224" | "sha256" | "sha384" | "sha512";
export const HASH_BYTES: Readonly<Record<HashName, number>> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

export type SigningHash = "sha256" | "sha384" | "sha512";

/** The hash each signing algorithm applies to a RAW message (and the length a DIGEST must have). */
export const SIGNING_HASH: Readonly<Record<SigningAlgorithm, SigningHash>> = {
  RSASSA_PSS_SHA_256: "sha256",
  RSASSA_PSS_SHA_384: "sha384",
  RSASSA_PSS_SHA_512: "sha512",
  RSASSA_PKCS1_V1_5_SHA_256: "sha256",
  RSASSA_PKCS1_V1_5_SHA_384: "sha384",
  RSASSA_PKCS1_V1_5_SHA_512: "sha512",
  ECDSA_SHA_256: "sha256",
  ECDSA_SHA_384: "sha384",
  ECDSA_SHA_512: "sha512",
  ED25519_SHA_512: "sha512",
  ED25519_PH_SHA_512: "sha512",
};

const RSA_SIGNING: readonly SigningAlgorithm[] = [
  "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512",
  "RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512",
];

const SIGNING_BY_SPEC: Readonly<Record<AsymmetricKeySpec, readonly SigningAlgorithm[]>> = {
  RSA_2048: RSA_SIGNING,
  RSA_3072: RSA_SIGNING,
  RSA_4096: RSA_SIGNING,
  ECC_NIST_P256: ["ECDSA_SHA_256"],
  ECC_NIST_P384: ["ECDSA_SHA_384"],
  ECC_NIST_P521: ["ECDSA_SHA_512"],
  ECC_SECG_P256K1: ["ECDSA_SHA_256"],
  ECC_NIST_EDWARDS25519: ["ED25519_SHA_512", "ED25519_PH_SHA_512"],
};

/** The signing algorithms AWS KMS offers for a key spec (GetPublicKey's SigningAlgorithms). */
export function signingAlgorithmsFor(spec: AsymmetricKeySpec): readonly SigningAlgorithm[] {
  return SIGNING_BY_SPEC[spec];
}

/** The OAEP hash (also MGF1's) of an RSA encryption or import wrapping algorithm. */
export function oaepHashOf(algorithm: RsaEncryptionAlgorithm | WrappingAlgorithm): "sha1" | "sha256" {
  return algorithm.endsWith("SHA_1") ? "sha1" : "sha256";
}

export const MAC_HASH: Readonly<Record<MacAlgorithm, HashName>> = {
  HMAC_SHA_224: "sha224",
  HMAC_SHA_256: "sha256",
  HMAC_SHA_384: "sha384",
  HMAC_SHA_512: "sha512",
};

export const RSA_MODULUS_BITS: Readonly<Record<RsaKeySpec, number>> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };

// What each key spec and usage supports, as DescribeKey lists it and the operations check it.
import type { KeySpec, KeyUsage } from "./types.ts";

export const SYMMETRIC_ALGORITHMS = ["SYMMETRIC_DEFAULT"] as const;
export const RSA_ENCRYPTION = ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"] as const;
export const RSA_SIGNING = [
  "RSASSA_PSS_SHA_256",
  "RSASSA_PSS_SHA_384",
  "RSASSA_PSS_SHA_512",
  "RSASSA_PKCS1_V1_5_SHA_256",
  "RSASSA_PKCS1_V1_5_SHA_384",
  "RSASSA_PKCS1_V1_5_SHA_512",
] as const;

/** The encryption algorithms a key supports (DescribeKey's EncryptionAlgorithms). */
export function encryptionAlgorithms(spec: KeySpec, usage: KeyUsage): string[] | undefined {
  if (usage !== "ENCRYPT_DECRYPT") return undefined;
  if (spec === "SYMMETRIC_DEFAULT") return [...SYMMETRIC_ALGORITHMS];
  if (spec.startsWith("RSA_")) return [...RSA_ENCRYPTION];
  return undefined;
}

/** The signing algorithms a key supports (DescribeKey's SigningAlgorithms). */
export function signingAlgorithms(spec: KeySpec, usage: KeyUsage): string[] | undefined {
  if (usage !== "SIGN_VERIFY") return undefined;
  if (spec.startsWith("RSA_")) return [...RSA_SIGNING];
  switch (spec) {
    case "ECC_NIST_P256":
    case "ECC_SECG_P256K1":
      return ["ECDSA_SHA_256"];
    case "ECC_NIST_P384":
      return ["ECDSA_SHA_384"];
    case "ECC_NIST_P521":
      return ["ECDSA_SHA_512"];
    case "ECC_NIST_EDWARDS25519":
      return ["ED25519_SHA_512", "ED25519_PH_SHA_512"];
    case "ML_DSA_44":
    case "ML_DSA_65":
    case "ML_DSA_87":
      return ["ML_DSA_SHAKE_256"];
    default:
      return undefined;
  }
}

export function macAlgorithms(spec: KeySpec, usage: KeyUsage): string[] | undefined {
  if (usage !== "GENERATE_VERIFY_MAC" || !spec.startsWith("HMAC_")) return undefined;
  return [`HMAC_SHA_${spec.slice(5)}`];
}

export function keyAgreementAlgorithms(usage: KeyUsage): string[] | undefined {
  return usage === "KEY_AGREEMENT" ? ["ECDH"] : undefined;
}

/** The key encapsulation algorithms of an ML-KEM key (DescribeKey's and GetPublicKey's EncapsulationAlgorithms). */
export function encapsulationAlgorithms(usage: KeyUsage): string[] | undefined {
  return usage === "ENCAPSULATE_DECAPSULATE" ? ["ML_KEM"] : undefined;
}

/** The usages a key spec may have (CreateKey refuses others). */
export function usagesOf(spec: KeySpec): KeyUsage[] {
  if (spec === "SYMMETRIC_DEFAULT") return ["ENCRYPT_DECRYPT"];
  if (spec.startsWith("HMAC_")) return ["GENERATE_VERIFY_MAC"];
  if (spec.startsWith("RSA_")) return ["ENCRYPT_DECRYPT", "SIGN_VERIFY"];
  if (spec === "ECC_NIST_EDWARDS25519" || spec === "ECC_SECG_P256K1" || spec.startsWith("ML_DSA_")) return ["SIGN_VERIFY"];
  if (spec.startsWith("ML_KEM_")) return ["ENCAPSULATE_DECAPSULATE"];
  return ["SIGN_VERIFY", "KEY_AGREEMENT"];
}

export const KEY_SPECS: readonly KeySpec[] = [
  "SYMMETRIC_DEFAULT",
  "RSA_2048",
  "RSA_3072",
  "RSA_4096",
  "ECC_NIST_P256",
  "ECC_NIST_P384",
  "ECC_NIST_P521",
  "ECC_SECG_P256K1",
  "ECC_NIST_EDWARDS25519",
  "HMAC_224",
  "HMAC_256",
  "HMAC_384",
  "HMAC_512",
  "ML_DSA_44",
  "ML_DSA_65",
  "ML_DSA_87",
  "ML_KEM_512",
  "ML_KEM_768",
  "ML_KEM_1024",
];

/** Whether the spec is a post-quantum one (ML-DSA, ML-KEM). */
export const isPostQuantum = (spec: string): boolean => spec.startsWith("ML_DSA_") || spec.startsWith("ML_KEM_");

/** The deprecated CustomerMasterKeySpec of a key: its KeySpec, except for the post-quantum specs, which that enum lacks. */
export function customerMasterKeySpecOf(spec: KeySpec): KeySpec | undefined {
  return isPostQuantum(spec) ? undefined : spec;
}

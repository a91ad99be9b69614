// ML-DSA (FIPS 204) for KMS's ML_DSA_44, ML_DSA_65 and ML_DSA_87 keys, by @noble/post-quantum.
// A key is its 32-byte seed (FIPS 204's ξ: what federa keeps, wrapped, as the backing key); its
// public key is SubjectPublicKeyInfo DER (RFC 9881: the parameter set's OID, no parameters, the
// raw key in the BIT STRING). Signatures are pure ML-DSA with an empty context and no added
// randomness, so that RAW (the message) and EXTERNAL_MU (the 64-byte μ of FIPS 204 §6.2, computed
// by the caller) give the same signature for the same message, as AWS KMS documents.
import { randomBytes } from "node:crypto";
import { ml_dsa44, ml_dsa65, ml_dsa87 } from "@noble/post-quantum/ml-dsa.js";
import { rawKeyOfSpki, rawKeySpki } from "./der.ts";

export type MlDsaKeySpec = "ML_DSA_44" | "ML_DSA_65" | "ML_DSA_87";
export type MlDsaMessageType = "RAW" | "EXTERNAL_MU";

/** The length of μ, which EXTERNAL_MU messages must have. */
export const ML_DSA_MU_BYTES = 64;

const SUITES = { ML_DSA_44: ml_dsa44, ML_DSA_65: ml_dsa65, ML_DSA_87: ml_dsa87 } as const;
/** id-ml-dsa-44/65/87: 2.16.840.1.101.3.4.3.17, .18, .19 (DER, with tag and length). */
const OIDS: Readonly<Record<MlDsaKeySpec, Buffer>> = {
  ML_DSA_44: Buffer.from("0609608648016503040311", "hex"),
  ML_DSA_65: Buffer.from("0609608648016503040312", "hex"),
  ML_DSA_87: Buffer.from("0609608648016503040313", "hex"),
};

export function isMlDsaKeySpec(spec: string): spec is MlDsaKeySpec {
  return Object.hasOwn(SUITES, spec);
}

/** A new key: its seed and its public key (SubjectPublicKeyInfo DER). */
export function generateMlDsaKey(spec: MlDsaKeySpec): { seed: Buffer; publicKeyDer: Buffer } {
  const seed = randomBytes(32);
  const { publicKey } = SUITES[spec].keygen(seed);
  return { seed, publicKeyDer: rawKeySpki(OIDS[spec], publicKey) };
}

/** Signs a message (RAW, at most 4,096 bytes as KMS takes it) or a caller's μ (EXTERNAL_MU). */
export function mlDsaSign(spec: MlDsaKeySpec, seed: Uint8Array, message: Uint8Array, messageType: MlDsaMessageType): Buffer {
  const suite = SUITES[spec];
  const { secretKey } = suite.keygen(seed);
  try {
    const signature =
      messageType === "RAW" ? suite.sign(message, secretKey, { extraEntropy: false }) : suite.internal.sign(message, secretKey, { externalMu: true, extraEntropy: false });
    return Buffer.from(signature);
  } finally {
    secretKey.fill(0);
  }
}

/** Whether `signature` is the key's signature of the message (or μ); false for anything malformed. */
export function mlDsaVerify(spec: MlDsaKeySpec, publicKeyDer: Uint8Array, message: Uint8Array, messageType: MlDsaMessageType, signature: Uint8Array): boolean {
  const suite = SUITES[spec];
  const publicKey = rawKeyOfSpki(OIDS[spec], suite.lengths.publicKey!, publicKeyDer);
  if (!publicKey || signature.length !== suite.lengths.signature) return false;
  try {
    return messageType === "RAW" ? suite.verify(signature, message, publicKey) : suite.internal.verify(signature, message, publicKey, { externalMu: true });
  } catch {
    return false;
  }
}

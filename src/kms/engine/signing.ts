// What Sign and Verify accept, as AWS KMS checks it: the algorithm must be one the key spec
// offers; a DIGEST must be exactly the algorithm's hash length ("Digest is invalid length for
// algorithm …."); Ed25519 keys take ED25519_SHA_512 with RAW messages only and
// ED25519_PH_SHA_512 with DIGEST messages only. For ED25519_PH_SHA_512, KMS hashes the given
// digest once more (FIPS 186-5 §7.8.1 step 1, "the input is hashed twice"), so the digest is the
// Ed25519ph message: the primitive's RAW mode, which prehashes it. ML-DSA keys take RAW messages or
// the caller's μ (EXTERNAL_MU, 64 bytes), never DIGEST. signMessage and verifyMessage hand the
// checked input to the primitive of the key's kind.
import { isMlDsaKeySpec, kmsSign, kmsVerify, ML_DSA_MU_BYTES, mlDsaSign, mlDsaVerify, type MlDsaKeySpec, type MlDsaMessageType } from "../../crypto/index.ts";
import { kmsError } from "../errors.ts";
import { signingAlgorithms } from "../model/algorithms.ts";
import type { KmsKey } from "../model/types.ts";
import { requireAlgorithm } from "./key-usage.ts";

/** The SigningAlgorithmSpec enum, in the service model's order. */
export const SIGNING_ALGORITHMS = [
  "RSASSA_PSS_SHA_256",
  "RSASSA_PSS_SHA_384",
  "RSASSA_PSS_SHA_512",
  "RSASSA_PKCS1_V1_5_SHA_256",
  "RSASSA_PKCS1_V1_5_SHA_384",
  "RSASSA_PKCS1_V1_5_SHA_512",
  "ECDSA_SHA_256",
  "ECDSA_SHA_384",
  "ECDSA_SHA_512",
  "SM2DSA",
  "ML_DSA_SHAKE_256",
  "ED25519_SHA_512",
  "ED25519_PH_SHA_512",
] as const;
export type SigningAlgorithmName = (typeof SIGNING_ALGORITHMS)[number];

export const MESSAGE_TYPES = ["RAW", "DIGEST", "EXTERNAL_MU"] as const;
export type MessageTypeName = (typeof MESSAGE_TYPES)[number];

/** The algorithms federa's keys sign with (the primitives' SigningAlgorithm). */
export type SupportedSigningAlgorithm = Exclude<SigningAlgorithmName, "SM2DSA" | "ML_DSA_SHAKE_256">;

const DIGEST_BYTES: Readonly<Record<string, number>> = { SHA_256: 32, SHA_384: 48, SHA_512: 64 };

export type SigningInput =
  | { kind: "classic"; algorithm: SupportedSigningAlgorithm; message: Buffer; messageType: "RAW" | "DIGEST" }
  /** ML-DSA: the message itself (RAW) or the 64-byte μ of FIPS 204 §6.2 (EXTERNAL_MU). */
  | { kind: "ml-dsa"; spec: MlDsaKeySpec; message: Buffer; messageType: MlDsaMessageType };

/** Checks the request against the key (after its usage) and says what the primitive signs. */
export function signingInput(key: KmsKey, algorithm: SigningAlgorithmName, messageType: MessageTypeName, message: Buffer): SigningInput {
  requireAlgorithm(key, algorithm, signingAlgorithms(key.keySpec, key.keyUsage));
  if (isMlDsaKeySpec(key.keySpec)) {
    if (messageType === "DIGEST") throw kmsError("ValidationException", `Message type DIGEST is incompatible with key spec ${key.keySpec}.`);
    if (messageType === "EXTERNAL_MU" && message.length !== ML_DSA_MU_BYTES) throw kmsError("ValidationException", `Digest is invalid length for algorithm ${algorithm}.`);
    return { kind: "ml-dsa", spec: key.keySpec, message, messageType };
  }
  const supported = algorithm as SupportedSigningAlgorithm;
  if (messageType === "EXTERNAL_MU") throw kmsError("ValidationException", `Message type EXTERNAL_MU is incompatible with key spec ${key.keySpec}.`);
  if (key.keySpec === "ECC_NIST_EDWARDS25519") {
    const required = algorithm === "ED25519_SHA_512" ? "RAW" : "DIGEST";
    if (messageType !== required) throw kmsError("ValidationException", `Message type ${messageType} is incompatible with algorithm ${algorithm}.`);
  }
  if (messageType === "DIGEST") {
    const expected = DIGEST_BYTES[algorithm.slice(-7)];
    if (message.length !== expected) throw kmsError("ValidationException", `Digest is invalid length for algorithm ${algorithm}.`);
    if (algorithm === "ED25519_PH_SHA_512") return { kind: "classic", algorithm: supported, message, messageType: "RAW" };
  }
  return { kind: "classic", algorithm: supported, message, messageType };
}

/** The signature of a checked input under the key's private material (its PKCS#8 DER, or an ML-DSA seed). */
export function signMessage(material: Buffer, input: SigningInput): Buffer {
  if (input.kind === "ml-dsa") return mlDsaSign(input.spec, material, input.message, input.messageType);
  return kmsSign(material, input.algorithm, input.message, input.messageType);
}

/** Whether `signature` is the key's signature of a checked input (false for anything malformed). */
export function verifyMessage(publicKeyDer: Buffer, input: SigningInput, signature: Buffer): boolean {
  if (input.kind === "ml-dsa") return mlDsaVerify(input.spec, publicKeyDer, input.message, input.messageType, signature);
  return kmsVerify(publicKeyDer, input.algorithm, input.message, input.messageType, signature);
}

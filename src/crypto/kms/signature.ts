// KMS Sign and Verify: the signing algorithms of AWS KMS, for RAW messages and for DIGESTs.
// RAW goes through node's sign()/verify(); DIGEST through the digest-taking code beside this file,
// so that the same message signed either way verifies either way.
import { constants, createHash, sign, verify, type KeyObject } from "node:crypto";
import { KmsCryptoError } from "./errors.ts";
import { privateKeyFromDer, publicKeyFromDer, specOfKey } from "./keys.ts";
import { ecdsaSignDigest, ecdsaVerifyDigest, ed25519phSignDigest, ed25519phVerifyDigest } from "./prehashed-signature.ts";
import { pkcs1SignDigest, pkcs1VerifyDigest, pssSignDigest, pssVerifyDigest } from "./rsa-digest-signature.ts";
import { HASH_BYTES, SIGNING_HASH, signingAlgorithmsFor, type AsymmetricKeySpec, type EccKeySpec, type MessageType, type SigningAlgorithm, type SigningHash } from "./specs.ts";

/** Signs as AWS KMS Sign does; KmsCryptoError ERR_DIGEST_LENGTH, ERR_MESSAGE_TYPE or ERR_KEY_ALGORITHM for input it refuses. */
export function kmsSign(privateKeyDer: Uint8Array, algorithm: SigningAlgorithm, message: Uint8Array, messageType: MessageType): Buffer {
  const key = privateKeyFromDer(privateKeyDer);
  const spec = checkedSpec(key, algorithm);
  const hash = SIGNING_HASH[algorithm];
  if (algorithm === "ED25519_SHA_512") return sign(null, pureEd25519Message(message, messageType), key);
  if (messageType === "RAW") {
    if (algorithm === "ED25519_PH_SHA_512") return ed25519phSignDigest(key, digestOf(hash, message));
    return sign(hash, message, { key, ...rsaOptions(algorithm), dsaEncoding: "der" });
  }
  const digest = checkedDigest(algorithm, message);
  if (algorithm === "ED25519_PH_SHA_512") return ed25519phSignDigest(key, digest);
  if (algorithm.startsWith("ECDSA_")) return ecdsaSignDigest(key, spec as EccKeySpec, digest); // checkedSpec allows ECDSA on ECC specs only
  if (algorithm.startsWith("RSASSA_PSS_")) return pssSignDigest(key, hash, digest);
  return pkcs1SignDigest(key, hash, digest);
}

/** Verifies as AWS KMS Verify does: false for any mismatch or malformed signature; throws only for input Sign would refuse. */
export function kmsVerify(publicKeyDer: Uint8Array, algorithm: SigningAlgorithm, message: Uint8Array, messageType: MessageType, signature: Uint8Array): boolean {
  const key = publicKeyFromDer(publicKeyDer);
  const spec = checkedSpec(key, algorithm);
  const hash = SIGNING_HASH[algorithm];
  if (algorithm === "ED25519_SHA_512") return nodeVerify(null, pureEd25519Message(message, messageType), key, signature);
  if (messageType === "RAW") {
    if (algorithm === "ED25519_PH_SHA_512") return ed25519phVerifyDigest(key, digestOf(hash, message), signature);
    return nodeVerify(hash, message, { key, ...rsaOptions(algorithm), dsaEncoding: "der" }, signature);
  }
  const digest = checkedDigest(algorithm, message);
  if (algorithm === "ED25519_PH_SHA_512") return ed25519phVerifyDigest(key, digest, signature);
  if (algorithm.startsWith("ECDSA_")) return ecdsaVerifyDigest(key, spec as EccKeySpec, digest, signature); // likewise
  if (algorithm.startsWith("RSASSA_PSS_")) return pssVerifyDigest(key, hash, digest, signature);
  return pkcs1VerifyDigest(key, hash, digest, signature);
}

/** The key's spec, when AWS KMS offers `algorithm` for it; otherwise KmsCryptoError ERR_KEY_ALGORITHM. */
function checkedSpec(key: KeyObject, algorithm: SigningAlgorithm): AsymmetricKeySpec {
  const spec = specOfKey(key);
  if (!spec || !signingAlgorithmsFor(spec).includes(algorithm)) {
    throw new KmsCryptoError("ERR_KEY_ALGORITHM", `${algorithm} is not a signing algorithm of ${spec ?? "this key"}`);
  }
  return spec;
}

/** A DIGEST message is the digest itself: its length must be the algorithm's hash length. */
function checkedDigest(algorithm: SigningAlgorithm, digest: Uint8Array): Uint8Array {
  const expected = HASH_BYTES[SIGNING_HASH[algorithm]];
  if (digest.length !== expected) {
    throw new KmsCryptoError("ERR_DIGEST_LENGTH", `a ${algorithm} digest is ${expected} bytes long, not ${digest.length}`);
  }
  return digest;
}

/** Pure Ed25519 (RFC 8032 §5.1.6) hashes inside the signature: there is no digest to give it. */
function pureEd25519Message(message: Uint8Array, messageType: MessageType): Uint8Array {
  if (messageType !== "RAW") throw new KmsCryptoError("ERR_MESSAGE_TYPE", "ED25519_SHA_512 signs RAW messages only; use ED25519_PH_SHA_512 for a digest");
  return message;
}

/** RSASSA-PSS padding with salt length = hash length; PKCS#1 v1.5 is node's default for RSA. */
function rsaOptions(algorithm: SigningAlgorithm): { padding?: number; saltLength?: number } {
  if (!algorithm.startsWith("RSASSA_PSS_")) return {};
  return { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[SIGNING_HASH[algorithm]] };
}

function digestOf(hash: SigningHash, message: Uint8Array): Buffer {
  return createHash(hash).update(message).digest();
}

function nodeVerify(hash: string | null, message: Uint8Array, key: Parameters<typeof verify>[2], signature: Uint8Array): boolean {
  try {
    return verify(hash, message, key, signature);
  } catch {
    return false;
  }
}

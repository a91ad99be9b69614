// Key objects from the DER that the KMS engine stores, and the AWS key spec of a key.
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { asBuffer, isOneDerSequence } from "./bytes.ts";
import { KmsCryptoError } from "./errors.ts";
import type { AsymmetricKeySpec } from "./specs.ts";

const CURVE_SPECS: ReadonlyMap<string | undefined, AsymmetricKeySpec> = new Map([
  ["prime256v1", "ECC_NIST_P256"],
  ["secp384r1", "ECC_NIST_P384"],
  ["secp521r1", "ECC_NIST_P521"],
  ["secp256k1", "ECC_SECG_P256K1"],
]);

const RSA_SPECS: ReadonlyMap<number | undefined, AsymmetricKeySpec> = new Map([
  [2048, "RSA_2048"],
  [3072, "RSA_3072"],
  [4096, "RSA_4096"],
]);

/** A PKCS#8 DER private key; a KmsCryptoError (not exposed) when the stored bytes do not parse. */
export function privateKeyFromDer(der: Uint8Array): KeyObject {
  try {
    return createPrivateKey({ key: asBuffer(der), format: "der", type: "pkcs8" });
  } catch (cause) {
    throw new KmsCryptoError("ERR_KEY_MATERIAL", "the private key is not PKCS#8 DER", { status: 500, expose: false, cause });
  }
}

/** An SPKI DER public key; a KmsCryptoError (not exposed) when the stored bytes do not parse. */
export function publicKeyFromDer(der: Uint8Array): KeyObject {
  const key = parsePublicKey(der);
  if (!key) throw new KmsCryptoError("ERR_KEY_MATERIAL", "the public key is not SubjectPublicKeyInfo DER", { status: 500, expose: false });
  return key;
}

/** An SPKI DER public key, or undefined for anything else (trailing bytes included). */
export function parsePublicKey(der: Uint8Array): KeyObject | undefined {
  if (!isOneDerSequence(der)) return undefined;
  try {
    return createPublicKey({ key: asBuffer(der), format: "der", type: "spki" });
  } catch {
    return undefined;
  }
}

/** The AWS key spec of a key object, or undefined when AWS KMS has no such spec. */
export function specOfKey(key: KeyObject): AsymmetricKeySpec | undefined {
  switch (key.asymmetricKeyType) {
    case "rsa":
      return RSA_SPECS.get(key.asymmetricKeyDetails?.modulusLength);
    case "ec":
      return CURVE_SPECS.get(key.asymmetricKeyDetails?.namedCurve);
    case "ed25519":
      return "ECC_NIST_EDWARDS25519";
    default:
      return undefined;
  }
}

/** Checks that bytes are a DER SPKI public key and says its AWS key spec, or undefined if not parseable. */
export function publicKeySpecOf(publicKeyDer: Uint8Array): AsymmetricKeySpec | undefined {
  const key = parsePublicKey(publicKeyDer);
  return key ? specOfKey(key) : undefined;
}

/**
 * Imported asymmetric key material: a PKCS#8 DER private key of exactly `spec`, as federa stores
 * it (re-encoded, so the same key always gives the same bytes), with its SPKI public key; undefined
 * for anything else (garbage, another kind or size of key, trailing bytes).
 */
export function importedKeyPair(spec: AsymmetricKeySpec, der: Uint8Array): { privateKeyDer: Buffer; publicKeyDer: Buffer } | undefined {
  if (!isOneDerSequence(der)) return undefined;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: asBuffer(der), format: "der", type: "pkcs8" });
  } catch {
    return undefined;
  }
  if (specOfKey(key) !== spec) return undefined;
  return {
    privateKeyDer: key.export({ type: "pkcs8", format: "der" }),
    publicKeyDer: createPublicKey(key).export({ type: "spki", format: "der" }),
  };
}

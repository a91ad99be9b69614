// RSA signing and verification for XML-DSig and the SAML HTTP-Redirect binding.
import { createPrivateKey, createPublicKey, sign as oneShotSign, verify as oneShotVerify, type KeyObject } from "node:crypto";

export type SignatureHash = "sha1" | "sha256" | "sha384" | "sha512";

export interface PrivateSigningKey {
  readonly key: KeyObject;
  readonly bits: number;
}

export function loadPrivateKey(pem: string): PrivateSigningKey {
  const key = createPrivateKey(pem);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  return { key, bits };
}

export function rsaSign(key: PrivateSigningKey, data: string | Buffer, hash: SignatureHash = "sha256"): Buffer {
  return oneShotSign(hash, typeof data === "string" ? Buffer.from(data) : data, key.key);
}

/** rsaSign on libuv's thread pool: the main thread is free while the RSA private-key step runs. */
export function rsaSignAsync(key: PrivateSigningKey, data: string | Buffer, hash: SignatureHash = "sha256"): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    oneShotSign(hash, typeof data === "string" ? Buffer.from(data) : data, key.key, (error, signature) => (error ? reject(error) : resolve(signature)));
  });
}

/** Verifies a PKCS#1 v1.5 signature against a certificate or public key in PEM. */
export function rsaVerify(publicPem: string, data: string | Buffer, signature: Buffer, hash: SignatureHash = "sha256"): boolean {
  try {
    return oneShotVerify(hash, typeof data === "string" ? Buffer.from(data) : data, publicKeyOf(publicPem), signature);
  } catch {
    return false;
  }
}

/**
 * Public keys by their PEM text: building a KeyObject from a certificate costs more than the RSA
 * verification itself, and the same few certificates (SAML providers, SPs) verify every request.
 */
const PUBLIC_KEYS = new Map<string, KeyObject>();
const PUBLIC_KEY_CACHE_LIMIT = 256;

function publicKeyOf(pem: string): KeyObject {
  let key = PUBLIC_KEYS.get(pem);
  if (!key) {
    key = createPublicKey(pem);
    if (PUBLIC_KEYS.size >= PUBLIC_KEY_CACHE_LIMIT) PUBLIC_KEYS.delete(PUBLIC_KEYS.keys().next().value as string);
    PUBLIC_KEYS.set(pem, key);
  }
  return key;
}


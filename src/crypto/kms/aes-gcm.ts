// AES-256-GCM with a 12-byte random IV and a full 16-byte tag (NIST SP 800-38D), and random key
// material.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { asBuffer } from "./bytes.ts";
import { randomNonce } from "../random.ts";

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface AesGcmSealed {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** Encrypts and authenticates `plaintext`, binding `aad`; a fresh random IV each call. */
export function aesGcmSeal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): AesGcmSealed {
  if (key.length !== KEY_BYTES) throw new TypeError(`aesGcmSeal needs a ${KEY_BYTES}-byte key`);
  const iv = randomNonce(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** The plaintext, or undefined when authentication fails (wrong key, tampered bytes, wrong AAD, bad lengths). */
export function aesGcmOpen(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, aad: Uint8Array): Buffer | undefined {
  // A shorter tag would be accepted by OpenSSL as a truncated tag: only the full 16 bytes count.
  if (key.length !== KEY_BYTES || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(asBuffer(tag));
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** `bytes` bytes from the operating system's CSPRNG. */
export function randomKeyMaterial(bytes: number): Buffer {
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new TypeError("randomKeyMaterial needs a positive whole number of bytes");
  return randomBytes(bytes);
}

// Compact JWE (RFC 7516) with direct encryption under AES-256-GCM ("alg":"dir","enc":"A256GCM"),
// sealed and opened synchronously with node:crypto: federa's session tokens and encoded
// authorization messages, which it alone makes and reads. WebCrypto (which jose uses) costs a
// thread-pool round trip per token for a few hundred bytes; this is the same format, made and
// checked in place. Opening is strict: five parts, an empty encrypted key, a protected header of
// exactly alg, enc and typ (the expected typ), a 96-bit IV and a 128-bit tag.
import { aesGcmOpen, aesGcmSeal } from "./kms/aes-gcm.ts";

export interface DirJwe {
  /** The compact serialization of `plaintext` under the key, with a fresh IV. */
  seal(plaintext: string | Uint8Array): string;
  /** The plaintext of an authentic token of this type; undefined for anything else. */
  open(token: string): Buffer | undefined;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function fromB64url(text: string): Buffer | undefined {
  if (!B64URL.test(text) || text.length % 4 === 1) return undefined;
  return Buffer.from(text, "base64url");
}

/** A JWE maker and reader for one 256-bit key and one token type ("typ"). */
export function createDirJwe(key: Buffer, typ: string): DirJwe {
  if (key.length !== 32) throw new RangeError("A256GCM needs a 256-bit key");
  const secret = Buffer.from(key);
  const header = JSON.stringify({ alg: "dir", enc: "A256GCM", typ });
  const encodedHeader = Buffer.from(header, "utf8").toString("base64url");
  const aad = Buffer.from(encodedHeader, "ascii");
  return {
    seal(plaintext) {
      const sealed = aesGcmSeal(secret, typeof plaintext === "string" ? Buffer.from(plaintext, "utf8") : plaintext, aad);
      return `${encodedHeader}..${sealed.iv.toString("base64url")}.${sealed.ciphertext.toString("base64url")}.${sealed.tag.toString("base64url")}`;
    },
    open(token) {
      const parts = token.split(".");
      if (parts.length !== 5 || parts[1] !== "") return undefined;
      const [protectedHeader, , ivText, ciphertextText, tagText] = parts as [string, string, string, string, string];
      // Our own header, byte for byte: anything else (another alg, crit, zip, a different typ) is not ours.
      if (protectedHeader !== encodedHeader) return undefined;
      const iv = fromB64url(ivText);
      const ciphertext = fromB64url(ciphertextText);
      const tag = fromB64url(tagText);
      // aesGcmOpen refuses an IV or tag of the wrong length and anything that does not authenticate.
      return iv && ciphertext && tag ? aesGcmOpen(secret, iv, ciphertext, tag, aad) : undefined;
    },
  };
}

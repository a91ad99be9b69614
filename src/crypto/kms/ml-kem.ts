// ML-KEM (FIPS 203) for KMS's ML_KEM_512, ML_KEM_768 and ML_KEM_1024 keys, by @noble/post-quantum.
// A key is its 64-byte seed (FIPS 203's d ‖ z: what federa keeps, wrapped, as the backing key);
// its public key is SubjectPublicKeyInfo DER (the parameter set's OID, no parameters, the raw
// encapsulation key in the BIT STRING), and a data key pair's private key PKCS#8 in the seed form
// (the same length for every parameter set, as AWS documents). Decapsulation rejects implicitly:
// a ciphertext of the right length that is not the key's gives a pseudo-random secret, not an error.
import { randomBytes } from "node:crypto";
import { ml_kem1024, ml_kem512, ml_kem768 } from "@noble/post-quantum/ml-kem.js";
import { der, rawKeyOfSpki, rawKeySpki } from "./der.ts";

export type MlKemKeySpec = "ML_KEM_512" | "ML_KEM_768" | "ML_KEM_1024";

const SUITES = { ML_KEM_512: ml_kem512, ML_KEM_768: ml_kem768, ML_KEM_1024: ml_kem1024 } as const;
/** id-alg-ml-kem-512/768/1024: 2.16.840.1.101.3.4.4.1, .2, .3 (DER, with tag and length). */
const OIDS: Readonly<Record<MlKemKeySpec, Buffer>> = {
  ML_KEM_512: Buffer.from("0609608648016503040401", "hex"),
  ML_KEM_768: Buffer.from("0609608648016503040402", "hex"),
  ML_KEM_1024: Buffer.from("0609608648016503040403", "hex"),
};
const SEED_BYTES = 64;

export function isMlKemKeySpec(spec: string): spec is MlKemKeySpec {
  return Object.hasOwn(SUITES, spec);
}

/** The length of the key's encapsulated secrets (768, 1,088 or 1,568 bytes). */
export function mlKemCiphertextBytes(spec: MlKemKeySpec): number {
  return SUITES[spec].lengths.cipherText!;
}

/** A new key: its seed and its public key (SubjectPublicKeyInfo DER). */
export function generateMlKemKey(spec: MlKemKeySpec): { seed: Buffer; publicKeyDer: Buffer } {
  const seed = randomBytes(SEED_BYTES);
  const { publicKey, secretKey } = SUITES[spec].keygen(seed);
  secretKey.fill(0);
  return { seed, publicKeyDer: rawKeySpki(OIDS[spec], publicKey) };
}

/** A data key pair: the private key as PKCS#8 (RFC 5958) in the seed form, the public key as SubjectPublicKeyInfo. */
export function generateMlKemKeyPair(spec: MlKemKeySpec): { privateKeyDer: Buffer; publicKeyDer: Buffer } {
  const { seed, publicKeyDer } = generateMlKemKey(spec);
  // PrivateKeyInfo { version 0, algorithm, privateKey OCTET STRING { seed [0] IMPLICIT OCTET STRING } }.
  const privateKeyDer = der(0x30, Buffer.concat([Buffer.from("020100", "hex"), der(0x30, OIDS[spec]), der(0x04, der(0x80, seed))]));
  seed.fill(0);
  return { privateKeyDer, publicKeyDer };
}

/** A fresh 32-byte shared secret and its encapsulation to the key's public key. */
export function mlKemEncapsulate(spec: MlKemKeySpec, publicKeyDer: Uint8Array): { sharedSecret: Buffer; ciphertext: Buffer } {
  const suite = SUITES[spec];
  const publicKey = rawKeyOfSpki(OIDS[spec], suite.lengths.publicKey!, publicKeyDer);
  if (!publicKey) throw new TypeError(`not an ${spec} public key`);
  const { cipherText, sharedSecret } = suite.encapsulate(publicKey);
  return { sharedSecret: Buffer.from(sharedSecret), ciphertext: Buffer.from(cipherText) };
}

/** The shared secret a ciphertext of the key's length encapsulates (implicit rejection for any other ciphertext). */
export function mlKemDecapsulate(spec: MlKemKeySpec, seed: Uint8Array, ciphertext: Uint8Array): Buffer {
  const suite = SUITES[spec];
  const { secretKey, publicKey } = suite.keygen(seed);
  try {
    return Buffer.from(suite.decapsulate(ciphertext, secretKey));
  } finally {
    secretKey.fill(0);
    publicKey.fill(0);
  }
}

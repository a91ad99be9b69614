// The cryptographic primitives of federa's KMS: pure functions over bytes, and the root key.
export * from "./errors.ts";
export { signingAlgorithmsFor } from "./specs.ts";
export type {
  AsymmetricKeySpec, RsaKeySpec, EccKeySpec, HmacKeySpec, SigningAlgorithm, MessageType,
  RsaEncryptionAlgorithm, MacAlgorithm, WrappingAlgorithm,
} from "./specs.ts";
export * from "./aes-gcm.ts";
export * from "./root-key.ts";
export * from "./key-generation.ts";
export { importedKeyPair, publicKeySpecOf } from "./keys.ts";
export * from "./signature.ts";
export { rsaOaepEncrypt, rsaOaepDecrypt, rsaOaepMaxPlaintext } from "./rsa-oaep.ts";
export * from "./hmac.ts";
export * from "./ecdh.ts";
export * from "./ml-dsa.ts";
export * from "./ml-kem.ts";
export * from "./import-wrapping.ts";
export * from "./segment-cipher.ts";
export * from "./segment-sealer.ts";

export * from "./random.ts";
export * from "./rsa.ts";
export * from "./certificate.ts";
export * from "./service-key.ts";
export * from "./sigv4.ts";
export * from "./kms/index.ts";
export * from "./digest.ts";
export * from "./jwe.ts";

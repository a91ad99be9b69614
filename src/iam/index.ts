export * from "./types.ts";
export * from "./errors.ts";
export * from "./lab-world.ts";
export { createIamService, type IamService } from "./service.ts";
export { readSamlMetadata, SamlMetadataError, type SamlMetadata } from "./saml-metadata.ts";
export { seedLabWorld } from "./seed.ts";

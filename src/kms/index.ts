// The KMS engine's public face: the service definition the server registers, and what the S3
// integration and the server need.
export { kmsService } from "./api/service.ts";
export { invokeKms, type KmsInvocation, type KmsInvokeContext } from "./api/invoke.ts";
export { KeyCaches } from "./engine/caches.ts";
export type { KmsDeps, KmsContext } from "./engine/context.ts";
export type { KmsKey, KeyState, KeySpec, KeyUsage } from "./model/types.ts";
export { defaultKeyPolicy } from "./engine/default-policy.ts";
export { awsManagedKey, awsManagedKeyForAlias, awsManagedKeyPolicy, viaServiceOf } from "./engine/aws-managed.ts";
export { startScheduler as startKmsScheduler, runSchedules as runKmsSchedules } from "./engine/settle.ts";
export * from "./integration/index.ts";

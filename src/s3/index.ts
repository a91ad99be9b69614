// S3's public face: the service (the streaming HTTP handler the server routes S3 requests to, and
// the in-process entry the console calls), how S3 requests are recognised, and what S3 needs. The
// object bodies (and SSE) live in ./storage.
export { createS3Service, type S3Service } from "./service.ts";
export type { S3Handler } from "./http/handler.ts";
export type { S3Invocation, S3Outcome } from "./dispatch/invoke.ts";
export { isS3Request } from "./http/is-s3-request.ts";
export type { S3Deps, S3Response } from "./context.ts";
export { createObjectBodies, type ObjectBodies } from "./storage/index.ts";

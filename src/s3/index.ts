// S3's public face: the streaming HTTP handler the server routes S3 requests to, how it recognises
// them, and what it needs. The object bodies (and SSE) live in ./storage.
export { createS3Handler, type S3Handler } from "./http/handler.ts";
export { isS3Request } from "./http/is-s3-request.ts";
export type { S3Deps } from "./context.ts";
export { createObjectBodies, type ObjectBodies } from "./storage/index.ts";

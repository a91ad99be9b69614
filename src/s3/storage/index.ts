// S3's object bodies and server-side encryption: what the S3 HTTP layer uses.
export type { SseAlgorithm, SseRequest, SseCaller, Envelope, StoredPart, StoredBody, WrittenPart, ObjectBodies, ObjectBodiesOptions, CreateObjectBodies } from "./types.ts";
export { createObjectBodies } from "./object-bodies.ts";
export { BodyError, isBodyError, type BodyErrorCode } from "./errors.ts";

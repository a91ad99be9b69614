// The request body, for operations that take one: decoded and checked as it streams (see
// src/protocol's readS3Payload), or read whole within a limit for small configuration documents.
import { readSmallS3Payload, type S3Payload } from "../../protocol/index.ts";
import type { PayloadOptions, S3Context } from "../context.ts";
import { S3Errors } from "../errors.ts";

/** The payload of the request; `checkContentMd5: false` when the caller compares the MD5 its store computes. */
export function payloadOf(ctx: S3Context, options: PayloadOptions = {}): S3Payload {
  return ctx.origin.payload(options);
}

/** A small body read whole (configuration XML, a bucket policy). */
export function readSmallBody(ctx: S3Context, limit: number, payload: S3Payload = payloadOf(ctx)): Promise<Buffer> {
  return readSmallS3Payload(payload, limit, () => S3Errors.requestTooLarge(limit));
}

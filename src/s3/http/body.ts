// The request body, for operations that take one: decoded and checked as it streams (see
// src/protocol's readS3Payload), or read whole within a limit for small configuration documents.
import { readS3Payload, readSmallS3Payload, type ChecksumAlgorithm, type S3Payload } from "../../protocol/index.ts";
import type { S3Context } from "../context.ts";
import { S3Errors } from "../errors.ts";

/** The payload of the request; `checkContentMd5: false` when the caller compares the MD5 its store computes. */
export function payloadOf(ctx: S3Context, options: { checkContentMd5?: boolean; requireAlgorithm?: ChecksumAlgorithm } = {}): S3Payload {
  // Stopping early (a failed check) must not destroy the request: the error still has to be answered.
  return readS3Payload(ctx.req.iterator({ destroyOnReturn: false }), {
    verified: ctx.signature,
    headers: ctx.headers,
    checkContentMd5: options.checkContentMd5 ?? true,
    ...(options.requireAlgorithm ? { requireAlgorithm: options.requireAlgorithm } : {}),
  });
}

/** A small body read whole (configuration XML, a bucket policy). */
export function readSmallBody(ctx: S3Context, limit: number, payload: S3Payload = payloadOf(ctx)): Promise<Buffer> {
  return readSmallS3Payload(payload, limit, () => S3Errors.requestTooLarge(limit));
}

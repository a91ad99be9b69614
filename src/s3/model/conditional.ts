// Conditional GET and HEAD (RFC 7232 §6, as S3 applies it): If-Match, then If-Unmodified-Since
// (only without If-Match) → 412 PreconditionFailed; If-None-Match, then If-Modified-Since (only
// without If-None-Match) → 304 Not Modified. Dates compare at whole seconds.
import { headerValue, type HeaderBag } from "../../protocol/index.ts";
import { S3Errors } from "../errors.ts";
import { etagListMatches } from "./etag.ts";
import { parseHttpDateHeader, wholeSeconds } from "./http-date.ts";

export type Precondition = "proceed" | "not-modified";

export function evaluatePreconditions(headers: HeaderBag, etag: string, lastModified: Date): Precondition {
  const ifMatch = headerValue(headers, "if-match");
  const ifNoneMatch = headerValue(headers, "if-none-match");
  const modified = wholeSeconds(lastModified);
  if (ifMatch !== undefined) {
    if (!etagListMatches(ifMatch, etag)) throw S3Errors.preconditionFailed("If-Match");
  } else {
    const unmodifiedSince = parseHttpDateHeader(headerValue(headers, "if-unmodified-since"));
    if (unmodifiedSince && modified > wholeSeconds(unmodifiedSince)) throw S3Errors.preconditionFailed("If-Unmodified-Since");
  }
  if (ifNoneMatch !== undefined) {
    if (etagListMatches(ifNoneMatch, etag)) return "not-modified";
  } else {
    const modifiedSince = parseHttpDateHeader(headerValue(headers, "if-modified-since"));
    if (modifiedSince && modified <= wholeSeconds(modifiedSince)) return "not-modified";
  }
  return "proceed";
}

/** CopyObject's x-amz-copy-source-if-* on the source object: any failure is 412. */
export function checkCopySourcePreconditions(headers: HeaderBag, etag: string, lastModified: Date): void {
  const modified = wholeSeconds(lastModified);
  const ifMatch = headerValue(headers, "x-amz-copy-source-if-match");
  const ifNoneMatch = headerValue(headers, "x-amz-copy-source-if-none-match");
  const unmodifiedSince = parseHttpDateHeader(headerValue(headers, "x-amz-copy-source-if-unmodified-since"));
  const modifiedSince = parseHttpDateHeader(headerValue(headers, "x-amz-copy-source-if-modified-since"));
  if (ifMatch !== undefined) {
    if (!etagListMatches(ifMatch, etag)) throw S3Errors.preconditionFailed("x-amz-copy-source-If-Match");
  } else if (unmodifiedSince && modified > wholeSeconds(unmodifiedSince)) {
    throw S3Errors.preconditionFailed("x-amz-copy-source-If-Unmodified-Since");
  }
  if (ifNoneMatch !== undefined) {
    if (etagListMatches(ifNoneMatch, etag)) throw S3Errors.preconditionFailed("x-amz-copy-source-If-None-Match");
  } else if (modifiedSince && modified <= wholeSeconds(modifiedSince)) {
    throw S3Errors.preconditionFailed("x-amz-copy-source-If-Modified-Since");
  }
}

// Runs one S3 request in-process for a caller established by something other than SigV4 (the
// console's session): the very operations the API runs, with the same authorization (bucket
// policy, IAM, KMS for SSE-KMS) and the same errors, reported to the audit trail as API calls are.
// Unlike the HTTP entry it answers with an outcome rather than writing a response: an object's
// body comes back as a stream for the caller to pass on.
import { Readable } from "node:stream";
import { randomNonce } from "../../crypto/index.ts";
import { readS3Payload, toAwsError, type AwsError } from "../../protocol/index.ts";
import type { Caller } from "../../sts/index.ts";
import type { S3Deps, S3RequestOrigin, S3Response } from "../context.ts";
import type { BodyLeases } from "../operations/object/leases.ts";
import { runS3, type S3Progress, type S3Request } from "./run.ts";
import { reportS3Call } from "./report-call.ts";

export interface S3Invocation {
  caller: Caller;
  method: "GET" | "HEAD" | "PUT" | "POST" | "DELETE";
  bucket?: string;
  key?: string;
  /** Subresources and parameters, as the query string would carry them ({ policy: "" }). */
  query?: Record<string, string>;
  /** Lower-case header names. */
  headers?: Record<string, string>;
  body?: string | Uint8Array | AsyncIterable<Uint8Array>;
  now: Date;
  /** The Region the caller works in: where a new bucket goes. */
  region: string;
  sourceIp: string;
  secureTransport: boolean;
  requestId: string;
  userAgent: string;
  /** Aborts a body being written when the browser goes away. */
  signal?: AbortSignal;
}

export type S3Outcome =
  | { ok: true; operation: string; response: S3Response }
  /** `internal`: not one of S3's errors (a bug); `error` is then S3's InternalError. */
  | { ok: false; operation: string; error: AwsError; internal: boolean };

function bodySource(body: S3Invocation["body"]): AsyncIterable<Uint8Array> {
  if (body === undefined) return Readable.from([]);
  if (typeof body === "string") return Readable.from([Buffer.from(body, "utf8")]);
  if (body instanceof Uint8Array) return Readable.from([body]);
  return body;
}

function inProcessOrigin(input: S3Invocation): S3RequestOrigin {
  let used = false;
  return {
    presigned: false,
    signedAt: input.now,
    tlsVersion: undefined,
    payload: (options) => {
      if (used) throw new TypeError("an in-process S3 request's body is read once");
      used = true;
      return readS3Payload(bodySource(input.body), {
        verified: { payload: { kind: "unsigned" } },
        headers: input.headers ?? {},
        checkContentMd5: options.checkContentMd5 ?? true,
        ...(options.requireAlgorithm ? { requireAlgorithm: options.requireAlgorithm } : {}),
      });
    },
  };
}

export async function invokeS3(deps: S3Deps, leases: BodyLeases, input: S3Invocation): Promise<S3Outcome> {
  const headers = input.headers ?? {};
  const request: S3Request = {
    requestId: input.requestId,
    hostId: randomNonce(48).toString("base64"),
    now: input.now,
    method: input.method,
    bucketName: input.bucket,
    key: input.key,
    query: new Map(Object.entries(input.query ?? {})),
    headers,
    caller: input.caller as Caller,
    region: input.region,
    regionMustMatch: false,
    presigned: false,
    origin: inProcessOrigin(input),
    sourceIp: input.sourceIp,
    secureTransport: input.secureTransport,
    signal: input.signal ?? new AbortController().signal,
  };
  const progress: S3Progress = { operation: "", bucket: undefined };
  const host = input.bucket !== undefined ? `${input.bucket}.s3.${input.region}.amazonaws.com` : `s3.${input.region}.amazonaws.com`;
  try {
    const response = await runS3(deps, leases, request, progress);
    reportS3Call(deps, { request, progress, host, userAgent: input.userAgent, response });
    return { ok: true, operation: progress.operation, response };
  } catch (thrown) {
    const { error, internal } = toAwsError(thrown, "rest-xml");
    if (internal) deps.logger.error({ event: "s3.unhandled_error", requestId: input.requestId, operation: progress.operation, errorName: (thrown as Error)?.name }, "unexpected failure in an S3 operation");
    if (progress.operation !== "") reportS3Call(deps, { request, progress, host, userAgent: input.userAgent, error });
    return { ok: false, operation: progress.operation, error, internal };
  }
}

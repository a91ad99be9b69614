// What every S3 request goes through once its caller is known, whether it came signed over HTTP
// (../http/handler.ts) or in-process for the console (./invoke.ts): a plausible bucket name, the
// operation its method and subresources name, the bucket it needs (NoSuchBucket; a bucket of
// another region than the signature's is AuthorizationHeaderMalformed, as S3 answers; a wrong
// x-amz-expected-bucket-owner is AccessDenied), then the operation, which authorizes itself.
import { headerValue, type HeaderBag } from "../../protocol/index.ts";
import type { S3BucketRow } from "../../store/index.ts";
import type { Caller } from "../../sts/index.ts";
import type { S3Context, S3Deps, S3RequestOrigin, S3Response } from "../context.ts";
import { S3Errors } from "../errors.ts";
import { isPlausibleBucketName } from "../model/bucket-name.ts";
import { resolveOperation } from "../operations/table.ts";
import type { BodyLeases } from "../operations/object/leases.ts";

export interface S3Request {
  requestId: string;
  hostId: string;
  now: Date;
  method: string;
  bucketName: string | undefined;
  key: string | undefined;
  query: ReadonlyMap<string, string>;
  headers: HeaderBag;
  caller: Caller;
  /** The Region the request was made in (SigV4: the credential scope's). */
  region: string;
  /** A signature's Region must be the bucket's (SigV4 requests); the console works in every Region. */
  regionMustMatch: boolean;
  presigned: boolean;
  origin: S3RequestOrigin;
  sourceIp: string;
  secureTransport: boolean;
  signal: AbortSignal;
}

/** Where a request got to: the operation's name once it was resolved, and the bucket it names. */
export interface S3Progress {
  operation: string;
  bucket: S3BucketRow | undefined;
}

async function existingBucket(deps: S3Deps, request: S3Request, name: string, operation: string): Promise<S3BucketRow> {
  const bucket = await deps.repo.getBucket(name);
  if (!bucket) throw S3Errors.noSuchBucket(name);
  if (request.regionMustMatch && bucket.region !== request.region && operation !== "GetBucketLocation") {
    throw S3Errors.wrongRegion(request.region, bucket.region, request.presigned);
  }
  const expectedOwner = headerValue(request.headers, "x-amz-expected-bucket-owner");
  if (expectedOwner !== undefined && expectedOwner !== bucket.accountId) throw S3Errors.accessDenied();
  return bucket;
}

/** Runs the request; `progress` says how far it got, for the audit trail, whatever happens. */
export async function runS3(deps: S3Deps, leases: BodyLeases, request: S3Request, progress: S3Progress): Promise<S3Response> {
  const { bucketName, key } = request;
  if (bucketName !== undefined && !isPlausibleBucketName(bucketName)) throw S3Errors.invalidBucketName(bucketName);
  const operation = resolveOperation(request.method, bucketName, key, request.query, request.headers);
  progress.operation = operation.name;
  const bucket = operation.scope === "bucket" || operation.scope === "object" ? await existingBucket(deps, request, bucketName!, operation.name) : undefined;
  progress.bucket = bucket;
  const { caller, sourceIp, secureTransport, now, requestId } = request;
  const ctx: S3Context = {
    deps,
    requestId,
    hostId: request.hostId,
    now,
    method: request.method,
    headers: request.headers,
    query: request.query,
    bucketName,
    key,
    caller,
    origin: request.origin,
    region: request.region,
    sourceIp,
    secureTransport,
    bucket,
    who: { caller, region: bucket?.region ?? request.region, sourceIp, secureTransport, now, requestId },
    signal: request.signal,
    leases,
  };
  // The scope was checked above: "bucket" and "object" operations get a context with their bucket (and key).
  return operation.run(ctx as never);
}

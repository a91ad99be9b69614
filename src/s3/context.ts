// What S3's operations work with: the service's dependencies, and one request's context (who
// signed it, what it names, its headers and query, the bucket when the operation has one).
import type { Logger, Clock } from "../shared/index.ts";
import type { Authorize, IamService, PolicyCache } from "../iam/index.ts";
import type { ApiCallRecord, ChecksumAlgorithm, CredentialLookup, HeaderBag, S3Payload, SigningKeyCache } from "../protocol/index.ts";
import type { Caller } from "../sts/index.ts";
import type { S3BucketRow, S3Repository } from "../store/index.ts";
import type { ObjectBodies, SseCaller } from "./storage/index.ts";
import type { BodyLeases } from "./operations/object/leases.ts";

export interface S3Deps {
  repo: S3Repository;
  bodies: ObjectBodies;
  authorize: Authorize;
  policies: PolicyCache;
  /** For the principals a bucket policy names, which must exist. */
  iam: IamService;
  lookup: CredentialLookup<Caller>;
  clock: Clock;
  logger: Logger;
  /** A signing-key cache of one's own; the protocol layer's shared one otherwise. */
  keyCache?: SigningKeyCache;
  /** Told of every call once it is answered (the audit trail's hook); never throws. */
  onCall?: (call: ApiCallRecord<Caller>) => void;
}

/** What the body reader may be asked to check besides what the request promises. */
export interface PayloadOptions {
  /** False when the consumer compares the MD5 it computes anyway. */
  checkContentMd5?: boolean;
  /** A checksum the body must have (a multipart upload's algorithm). */
  requireAlgorithm?: ChecksumAlgorithm;
}

/**
 * How a request reached S3: SigV4-signed over HTTP, or in-process for the console's session
 * (invokeS3). Operations read the body and the signing facts their conditions need through it.
 */
export interface S3RequestOrigin {
  presigned: boolean;
  /** When the request was signed (the console's calls: when they were made). */
  signedAt: Date;
  /** "1.2", "1.3": the connection's TLS version, when it came over TLS. */
  tlsVersion: string | undefined;
  /** The body, checked as it streams against everything the request promised about it. */
  payload(options: PayloadOptions): S3Payload;
}

export interface S3Context {
  deps: S3Deps;
  requestId: string;
  hostId: string;
  now: Date;
  method: string;
  headers: HeaderBag;
  /** Query parameters, decoded; the first value of each name. */
  query: ReadonlyMap<string, string>;
  bucketName: string | undefined;
  key: string | undefined;
  caller: Caller;
  origin: S3RequestOrigin;
  /** The credential scope's region. */
  region: string;
  sourceIp: string;
  secureTransport: boolean;
  /** The bucket the request names, loaded when the operation needs it to exist. */
  bucket: S3BucketRow | undefined;
  /** Who asks KMS (and the bodies) for data keys: the caller, in the bucket's region. */
  who: SseCaller;
  /** Aborted when the client goes away before the answer is complete. */
  signal: AbortSignal;
  /** Holds bodies being read, and removes bodies no longer referred to once nobody reads them. */
  leases: BodyLeases;
}

/** A context whose bucket exists (operations on buckets and objects). */
export type BucketContext = S3Context & { bucketName: string; bucket: S3BucketRow };
/** A context that names an object. */
export type ObjectContext = BucketContext & { key: string };

/** An operation's answer; the dispatcher writes it. */
export interface S3Response {
  status?: number;
  headers?: Record<string, string | number>;
  /** An XML (or JSON, for GetBucketPolicy) body held in memory. */
  body?: string;
  contentType?: string;
  /** A streamed body of a known length (GetObject). */
  stream?: { source: AsyncIterable<Uint8Array>; length: number };
}

// What S3's operations work with: the service's dependencies, and one request's context (who
// signed it, what it names, its headers and query, the bucket when the operation has one).
import type { IncomingMessage } from "node:http";
import type { Logger, Clock } from "../shared/index.ts";
import type { Authorize, IamService, PolicyCache } from "../iam/index.ts";
import type { CredentialLookup, HeaderBag, SigningKeyCache, VerifiedSignature } from "../protocol/index.ts";
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
}

export interface S3Context {
  deps: S3Deps;
  req: IncomingMessage;
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
  signature: VerifiedSignature<Caller>;
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

// SigV4 refusals as typed errors with stable codes. Callers switch on `code`; each protocol's
// serialiser turns the code (and the public `facts`) into AWS's own error code, status and message
// (see ../errors/sigv4-to-aws.ts). Nothing here ever carries a secret, a signature or a token.
import { FederaError } from "../../shared/index.ts";

export type SigV4ErrorCode =
  /** No Authorization header and no presigned query. */
  | "SIGV4_MISSING_AUTH"
  /** Authorization or presigned parameters present but malformed or incomplete. */
  | "SIGV4_INCOMPLETE_SIGNATURE"
  /** The access key id is not known (and no session token came along). */
  | "SIGV4_UNKNOWN_KEY"
  | "SIGV4_SIGNATURE_MISMATCH"
  /** X-Amz-Date (or Date) more than 5 minutes from the server's clock. */
  | "SIGV4_SKEW"
  | "SIGV4_EXPIRED_PRESIGN"
  /** The credential scope's date, region or service is not the one expected. */
  | "SIGV4_SCOPE_MISMATCH"
  /** A session token that does not resolve, or one sent with (or missing from) the wrong key. */
  | "SIGV4_INVALID_TOKEN"
  | "SIGV4_EXPIRED_TOKEN"
  /** S3: x-amz-content-sha256 absent. */
  | "SIGV4_MISSING_PAYLOAD_HASH"
  /** S3: x-amz-content-sha256 is neither a known mode nor 64 hex digits. */
  | "SIGV4_INVALID_PAYLOAD_HASH"
  /** S3: x-amz-content-sha256 does not match the body. */
  | "SIGV4_PAYLOAD_HASH_MISMATCH";

/** Public facts about a refusal, from which each protocol writes AWS's message. No secrets. */
export interface SigV4ErrorFacts {
  /** Whether the signature came in the query string (presigned) rather than a header. */
  presigned?: boolean;
  /** For SIGV4_SCOPE_MISMATCH: which part of the scope is wrong. */
  scopePart?: "date" | "region" | "service";
  /** The value the request carried (scope date, region or service). */
  actual?: string;
  /** The value expected (e.g. the request date's YYYYMMDD, the route's region or service). */
  expected?: string;
  /** X-Amz-Date as sent (basic ISO 8601). */
  requestTime?: string;
  /** The server's clock when checking (basic ISO 8601). */
  serverTime?: string;
  /** For skew: whether the request's time is in the future. */
  future?: boolean;
  /** For expired presigned URLs: when it expired. */
  expiresAt?: Date;
}

export class SigV4Error extends FederaError {
  declare readonly code: SigV4ErrorCode;
  readonly facts: SigV4ErrorFacts;

  /** `message` is the AWS-style text used by the Query and JSON protocols; it must hold no secret. */
  constructor(code: SigV4ErrorCode, message: string, facts: SigV4ErrorFacts = {}) {
    super(code, message, { status: 403, expose: true });
    this.facts = facts;
  }
}

export function isSigV4Error(value: unknown): value is SigV4Error {
  return value instanceof SigV4Error;
}

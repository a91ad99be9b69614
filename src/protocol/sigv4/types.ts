// The shapes that SigV4 verification takes and gives back.
import type { HmacSha256Key } from "../../crypto/index.ts";

/** A request as it arrived, before any decoding: what the signature covers. */
export interface SignedRequest {
  method: string;
  /** The path as sent, percent-encoding intact, without the query. */
  rawPath: string;
  /** The query string as sent, without the leading "?" ("" when none). */
  rawQuery: string;
  /** Lower-case header names, as Node gives them; repeated headers as arrays. */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Hex SHA-256 of the body, computed by the caller; omit when the body is streamed and not yet read. */
  bodySha256Hex?: string;
}

/**
 * What a credential lookup answers for an access key id. Callers may extend it with their own
 * fields (the principal, account, session policy…), which verification hands back untouched.
 */
export interface CredentialRecord {
  accessKeyId: string;
  /** Never logged, never sent anywhere: used only to derive the signing key. */
  secretAccessKey: string;
  /**
   * "required" for temporary credentials: the request must carry X-Amz-Security-Token (the token the
   * record was resolved from). Long-term keys leave it undefined and must come without a token.
   */
  sessionToken?: "required" | undefined;
  /** When temporary credentials stop being valid. */
  expiresAt?: Date | undefined;
}

/**
 * Resolves an access key id, with the request's session token when there is one (temporary
 * credentials are stateless: the token itself carries the secret). Answers undefined for an
 * unknown key or a token that does not verify.
 */
export type CredentialLookup<C extends CredentialRecord = CredentialRecord> = (
  accessKeyId: string,
  sessionToken: string | undefined,
) => Promise<C | undefined>;

export interface VerifyOptions {
  /** The server's clock, injected. */
  now: Date;
  /** The service the route expects in the credential scope, e.g. "sts". */
  expectedService?: string;
  /** The region(s) the route accepts in the credential scope. */
  expectedRegion?: string | readonly string[];
  /** S3 rules: the path is not double-encoded and x-amz-content-sha256 decides the payload hash. */
  s3?: boolean;
}

export interface CredentialScope {
  date: string;
  region: string;
  service: string;
}

/** How the body is covered by the signature. */
export type PayloadSigning =
  /** The body's SHA-256 is signed; `verified` is false when the caller gave no bodySha256Hex yet. */
  | { kind: "signed"; sha256Hex: string; verified: boolean }
  /** S3 UNSIGNED-PAYLOAD (presigned URLs, or the header). */
  | { kind: "unsigned" }
  /** S3 aws-chunked bodies: STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] or STREAMING-UNSIGNED-PAYLOAD-TRAILER. */
  | { kind: "streaming"; signedChunks: boolean; trailer: boolean; mode: string };

export interface VerifiedSignature<C extends CredentialRecord = CredentialRecord> {
  credential: C;
  accessKeyId: string;
  scope: CredentialScope;
  /** X-Amz-Date (or Date) as a Date. */
  signedAt: Date;
  presigned: boolean;
  signedHeaders: readonly string[];
  /** The session token that came with the request, if any. */
  sessionToken: string | undefined;
  payload: PayloadSigning;
  /** The seed signature, for aws-chunked bodies (see createChunkSignatureChain). */
  signature: string;
  /** Basic ISO 8601 request time and the signing key: only for chunk-signature chains. */
  readonly chain: ChunkChainSeed;
}

/** What a chunk-signature chain needs from the seed request. Holds the signing key: never log it. */
export interface ChunkChainSeed {
  readonly amzDate: string;
  readonly scope: string;
  readonly seedSignature: string;
  readonly signingKey: HmacSha256Key;
}

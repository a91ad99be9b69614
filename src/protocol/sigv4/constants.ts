// SigV4's fixed names and limits.

export const ALGORITHM = "AWS4-HMAC-SHA256";
export const SCOPE_TERMINATOR = "aws4_request";
/** Requests more than this far from the server's clock are refused. */
export const MAX_SKEW_MS = 5 * 60 * 1000;
/** X-Amz-Expires may be at most a week. */
export const MAX_PRESIGN_EXPIRES_SECONDS = 604_800;
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export const QUERY_ALGORITHM = "X-Amz-Algorithm";
export const QUERY_CREDENTIAL = "X-Amz-Credential";
export const QUERY_DATE = "X-Amz-Date";
export const QUERY_EXPIRES = "X-Amz-Expires";
export const QUERY_SIGNED_HEADERS = "X-Amz-SignedHeaders";
export const QUERY_SIGNATURE = "X-Amz-Signature";
export const QUERY_SECURITY_TOKEN = "X-Amz-Security-Token";
export const QUERY_CONTENT_SHA256 = "X-Amz-Content-Sha256";

export const HEADER_DATE = "x-amz-date";
export const HEADER_SECURITY_TOKEN = "x-amz-security-token";
export const HEADER_CONTENT_SHA256 = "x-amz-content-sha256";

export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
/** S3's aws-chunked payload modes that this verifier knows (SigV4a's ECDSA modes are not supported). */
export const STREAMING_MODES: ReadonlyMap<string, { signedChunks: boolean; trailer: boolean }> = new Map([
  ["STREAMING-AWS4-HMAC-SHA256-PAYLOAD", { signedChunks: true, trailer: false }],
  ["STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", { signedChunks: true, trailer: true }],
  ["STREAMING-UNSIGNED-PAYLOAD-TRAILER", { signedChunks: false, trailer: true }],
]);

// The last line of the canonical request: the hashed payload. Services other than S3 sign the
// SHA-256 of the body as received. S3 signs what x-amz-content-sha256 (or, presigned,
// X-Amz-Content-Sha256) says: a hex SHA-256 that must then match the body, UNSIGNED-PAYLOAD, or an
// aws-chunked streaming mode whose chunks carry their own signatures. Presigned S3 URLs without it
// sign UNSIGNED-PAYLOAD.
import { SigV4Error } from "./errors.ts";
import { HEADER_CONTENT_SHA256, STREAMING_MODES, UNSIGNED_PAYLOAD } from "./constants.ts";
import { headerValue, type HeaderBag } from "./canonical-headers.ts";
import type { PayloadSigning } from "./types.ts";

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface PayloadHash {
  /** The text that goes into the canonical request. */
  hashed: string;
  signing: PayloadSigning;
}

export interface PayloadInput {
  headers: HeaderBag;
  bodySha256Hex: string | undefined;
  presigned: boolean;
  /** X-Amz-Content-Sha256 from a presigned query. */
  queryContentSha256: string | undefined;
  s3: boolean;
}

export function payloadHash(input: PayloadInput): PayloadHash {
  if (!input.s3) {
    if (input.bodySha256Hex === undefined) throw new TypeError("verifySigV4: bodySha256Hex is required outside S3");
    const sha256Hex = input.bodySha256Hex;
    return { hashed: sha256Hex, signing: { kind: "signed", sha256Hex, verified: true } };
  }
  const declared = headerValue(input.headers, HEADER_CONTENT_SHA256) ?? input.queryContentSha256;
  if (declared === undefined) {
    if (input.presigned) return { hashed: UNSIGNED_PAYLOAD, signing: { kind: "unsigned" } };
    throw new SigV4Error("SIGV4_MISSING_PAYLOAD_HASH", "Missing required header for this request: x-amz-content-sha256");
  }
  if (declared === UNSIGNED_PAYLOAD) return { hashed: declared, signing: { kind: "unsigned" } };
  const streaming = STREAMING_MODES.get(declared);
  if (streaming) return { hashed: declared, signing: { kind: "streaming", mode: declared, ...streaming } };
  if (!SHA256_HEX.test(declared)) {
    throw new SigV4Error("SIGV4_INVALID_PAYLOAD_HASH", "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.", {
      presigned: input.presigned,
    });
  }
  return { hashed: declared, signing: { kind: "signed", sha256Hex: declared, verified: input.bodySha256Hex !== undefined } };
}

/** After the signature holds: a declared body hash must match the body's. */
export function checkDeclaredBodyHash(signing: PayloadSigning, bodySha256Hex: string | undefined): void {
  if (signing.kind === "signed" && bodySha256Hex !== undefined && signing.sha256Hex !== bodySha256Hex) {
    throw new SigV4Error("SIGV4_PAYLOAD_HASH_MISMATCH", "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
}

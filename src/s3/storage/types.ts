// The contract between S3's HTTP layer and its object bodies: how a body is encrypted (the
// envelope, kept in the object's metadata), where its ciphertext lives (parts, one file each), and
// the four things the HTTP layer asks of the bodies. Nothing here holds a plaintext key.
import type { RootKeyProvider } from "../../crypto/index.ts";
import type { KmsDeps } from "../../kms/index.ts";
import type { Caller } from "../../sts/index.ts";

export type SseAlgorithm = "AES256" | "aws:kms";
export interface SseRequest {
  algorithm: SseAlgorithm;
  /** aws:kms: the key as the request named it (key id, key ARN, alias name, alias ARN); absent → the AWS managed key alias/aws/s3, made on first use. */
  kmsKeyId?: string;
  /** x-amz-server-side-encryption-context, decoded (JSON object of strings); merged with {"aws:s3:arn": <object ARN>}. */
  context?: Record<string, string>;
  bucketKeyEnabled?: boolean;
}
/** Who asks and from where: what KMS authorizes (as the caller, with kms:ViaService s3.<region>.amazonaws.com). */
export interface SseCaller { caller: Caller /* src/sts */; region: string; sourceIp: string; secureTransport: boolean; now: Date; requestId: string }
/** How an object's (or upload's) body is encrypted: stored in the object's metadata. Holds no plaintext key. */
export interface Envelope {
  algorithm: SseAlgorithm;
  /** aws:kms: the key's ARN (for the response headers and x-amz-server-side-encryption-aws-kms-key-id). */
  kmsKeyArn?: string;
  /** The encryption context used with KMS (aws:s3:arn included), for the response header. */
  context?: Record<string, string>;
  bucketKeyEnabled?: boolean;
  /** The data key: aws:kms → KMS's CiphertextBlob (base64); AES256 → wrapped under the root key (base64). */
  encryptedDataKey: string;
  /** Random per-envelope nonce prefix for the segment IVs (base64). */
  nonce: string;
}
export interface StoredPart { blobId: string; size: number }
/** `md5Hex`: the hex of the object's ETag (the plaintext's MD5 only where S3's ETag is one). */
export interface StoredBody { envelope: Envelope; parts: StoredPart[]; size: number; md5Hex: string }
/** A part just written: its ETag's hex (S3's: the plaintext's MD5 for SSE-S3, not an MD5 for SSE-KMS) and the plaintext's MD5 when it was computed. */
export interface WrittenPart extends StoredPart { etagHex: string; md5Hex: string | undefined }
export interface ObjectBodies {
  /** A new envelope: aws:kms → GenerateDataKey through the KMS engine as the caller (kms:GenerateDataKey needed; KMS errors become S3 errors: see below); AES256 → a random data key wrapped under the root key. `objectArn` = arn:aws:s3:::bucket/key goes into the context. */
  newEnvelope(sse: SseRequest, objectArn: string, who: SseCaller): Promise<Envelope>;
  /** Streams `source` (plaintext) through encryption into a temp file, fsyncs, renames into place; only ciphertext touches disk; memory stays flat for any size. Returns the part with its plaintext size and ETag (see WrittenPart); the plaintext's MD5 is computed for SSE-S3, or when `options.md5` asks (Content-MD5). On any error or if `signal` aborts, the temp file is removed and nothing is left. */
  writePart(envelope: Envelope, source: AsyncIterable<Uint8Array>, who: SseCaller, signal?: AbortSignal, options?: { md5?: boolean }): Promise<WrittenPart>;
  /** Plaintext of bytes [start, end] (inclusive, as HTTP Range) of the body, streamed: opens the data key (aws:kms → KMS Decrypt as the caller: AccessDenied without kms:Decrypt), decrypts only the segments needed. */
  read(body: StoredBody, range: { start: number; end: number } | undefined, who: SseCaller): Promise<AsyncIterable<Uint8Array>>;
  /** Removes the parts' files (idempotent). */
  remove(parts: StoredPart[]): Promise<void>;
  /** Lets go of the directories it keeps open; bodies written later still work. */
  close(): Promise<void>;
}
/** What createObjectBodies needs: its directory (<dataDir>/s3), the KMS engine, and the root key (SSE-S3's data keys are wrapped under it). */
export interface ObjectBodiesOptions { dir: string /* <dataDir>/s3 */; kms: KmsDeps; rootKey: RootKeyProvider }
/** The signature of createObjectBodies (object-bodies.ts). */
export type CreateObjectBodies = (options: ObjectBodiesOptions) => ObjectBodies;

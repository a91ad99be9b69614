// Server-side encryption as requests ask for it and responses report it: the x-amz-server-side-
// encryption headers (validated as S3 does), the condition keys they give bucket policies, the
// encryption that applies (the request's, else the bucket's default, else SSE-S3 as AWS does since
// January 2023), and the headers that report an object's envelope.
import { headerValue, type HeaderBag } from "../../protocol/index.ts";
import type { ContextValue } from "../../policy/index.ts";
import type { Envelope, SseAlgorithm, SseRequest } from "../storage/index.ts";
import { S3Errors } from "../errors.ts";

export const SSE = "x-amz-server-side-encryption";
export const SSE_KMS_KEY_ID = "x-amz-server-side-encryption-aws-kms-key-id";
export const SSE_CONTEXT = "x-amz-server-side-encryption-context";
export const SSE_BUCKET_KEY = "x-amz-server-side-encryption-bucket-key-enabled";

/** What a request's SSE headers say, as sent. */
export interface SseHeaders {
  algorithm?: SseAlgorithm;
  kmsKeyId?: string;
  context?: Record<string, string>;
  /** The context header as sent (base64), to echo back. */
  contextHeader?: string;
  bucketKeyEnabled?: boolean;
}

/** A bucket's default encryption (PutBucketEncryption), as kept in the store. */
export interface BucketEncryption {
  algorithm: SseAlgorithm;
  kmsMasterKeyId?: string;
  bucketKeyEnabled: boolean;
}

const KMS_REQUIRED = "Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms";
const CONTEXT_FORM =
  "The header 'x-amz-server-side-encryption-context' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map";

function decodeContext(text: string): Record<string, string> {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new Error("not base64");
    parsed = JSON.parse(Buffer.from(text, "base64").toString("utf8"));
  } catch {
    throw S3Errors.invalidArgument(CONTEXT_FORM, SSE_CONTEXT, text);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === "string")) {
    throw S3Errors.invalidArgument(CONTEXT_FORM, SSE_CONTEXT, text);
  }
  return parsed as Record<string, string>;
}

export function readSseHeaders(headers: HeaderBag): SseHeaders {
  for (const name of Object.keys(headers)) {
    if (name.startsWith("x-amz-server-side-encryption-customer-")) throw S3Errors.notImplemented("SSE-C (x-amz-server-side-encryption-customer-*)");
  }
  const out: SseHeaders = {};
  const algorithm = headerValue(headers, SSE);
  if (algorithm !== undefined) {
    if (algorithm === "aws:kms:dsse") throw S3Errors.notImplemented("DSSE-KMS (aws:kms:dsse)");
    if (algorithm !== "AES256" && algorithm !== "aws:kms") throw S3Errors.invalidArgument("The encryption method specified is not supported", SSE, algorithm);
    out.algorithm = algorithm;
  }
  const keyId = headerValue(headers, SSE_KMS_KEY_ID);
  const context = headerValue(headers, SSE_CONTEXT);
  if ((keyId !== undefined || context !== undefined) && out.algorithm !== "aws:kms") throw S3Errors.invalidArgument(KMS_REQUIRED, SSE, algorithm ?? "null");
  if (keyId !== undefined) {
    if (keyId.trim() === "") throw S3Errors.invalidArgument("KMS key ID cannot be empty", SSE_KMS_KEY_ID, keyId);
    out.kmsKeyId = keyId.trim();
  }
  if (context !== undefined) {
    out.context = decodeContext(context.trim());
    out.contextHeader = context.trim();
  }
  const bucketKey = headerValue(headers, SSE_BUCKET_KEY);
  if (bucketKey !== undefined) {
    const lower = bucketKey.trim().toLowerCase();
    if (lower !== "true" && lower !== "false") throw S3Errors.invalidArgument("Invalid value for x-amz-server-side-encryption-bucket-key-enabled", SSE_BUCKET_KEY, bucketKey);
    out.bucketKeyEnabled = lower === "true";
  }
  return out;
}

/** The condition keys the SSE headers give (present only when the header was sent, as AWS fills them). */
export function sseConditions(sse: SseHeaders): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  if (sse.algorithm !== undefined) context["s3:x-amz-server-side-encryption"] = sse.algorithm;
  if (sse.kmsKeyId !== undefined) context["s3:x-amz-server-side-encryption-aws-kms-key-id"] = sse.kmsKeyId;
  return context;
}

/** The encryption that applies: the request's, else the bucket's default, else SSE-S3. */
export function effectiveSse(sse: SseHeaders, bucketDefault: BucketEncryption | undefined): SseRequest {
  const kmsDefault = bucketDefault?.algorithm === "aws:kms" ? bucketDefault : undefined;
  if (sse.algorithm === "AES256") return { algorithm: "AES256" };
  if (sse.algorithm === "aws:kms") {
    const out: SseRequest = { algorithm: "aws:kms" };
    if (sse.kmsKeyId !== undefined) out.kmsKeyId = sse.kmsKeyId;
    if (sse.context !== undefined) out.context = sse.context;
    const bucketKey = sse.bucketKeyEnabled ?? kmsDefault?.bucketKeyEnabled;
    if (bucketKey !== undefined) out.bucketKeyEnabled = bucketKey;
    return out;
  }
  if (kmsDefault) {
    const out: SseRequest = { algorithm: "aws:kms", bucketKeyEnabled: kmsDefault.bucketKeyEnabled };
    if (kmsDefault.kmsMasterKeyId !== undefined) out.kmsKeyId = kmsDefault.kmsMasterKeyId;
    return out;
  }
  return { algorithm: "AES256" };
}

/** The headers that report how an object is encrypted (every response that names an object's encryption). */
export function envelopeHeaders(envelope: Envelope): Record<string, string> {
  const headers: Record<string, string> = { [SSE]: envelope.algorithm };
  if (envelope.algorithm === "aws:kms") {
    if (envelope.kmsKeyArn !== undefined) headers[SSE_KMS_KEY_ID] = envelope.kmsKeyArn;
    if (envelope.bucketKeyEnabled) headers[SSE_BUCKET_KEY] = "true";
  }
  return headers;
}

/** The headers of a write's response: the envelope's, and the encryption context (aws:s3:arn included) when the request gave one. */
export function writeResponseHeaders(envelope: Envelope, sse: SseHeaders): Record<string, string> {
  const headers = envelopeHeaders(envelope);
  if (sse.contextHeader !== undefined) {
    const context = envelope.context ?? sse.context;
    headers[SSE_CONTEXT] = context ? Buffer.from(JSON.stringify(context), "utf8").toString("base64") : sse.contextHeader;
  }
  return headers;
}

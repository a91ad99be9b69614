// The source of a copy (CopyObject, UploadPartCopy): x-amz-copy-source read as S3 reads it
// ("[/]bucket/key[?versionId=null]", URL-encoded), the object fetched as the caller may
// (s3:GetObject under the source bucket's policy; NoSuchKey or AccessDenied as for GetObject), and
// its bytes (all or a range) copied into a new stored part under the destination's envelope,
// holding the source's body meanwhile and abandoning the copy if the client goes away.
import { createChecksum, decodeQueryComponent, headerValue, type Checksum, type ChecksumAlgorithm } from "../../../protocol/index.ts";
import type { S3BucketRow, S3ObjectRow } from "../../../store/index.ts";
import type { Envelope, StoredPart } from "../../storage/index.ts";
import { authorizeS3, isAllowed } from "../../auth/authorize.ts";
import type { ObjectContext } from "../../context.ts";
import { S3Errors } from "../../errors.ts";
import { bucketArn, objectArn } from "../../model/arn.ts";
import type { ByteRange } from "../../model/range.ts";
import { storedBodyOf } from "./stored.ts";

export interface CopySource {
  bucket: string;
  key: string;
  text: string;
}

export function readCopySource(header: string): CopySource {
  const [path = "", query = ""] = header.split("?", 2);
  const decoded = decodeQueryComponent(path);
  const trimmed = decoded.startsWith("/") ? decoded.slice(1) : decoded;
  const slash = trimmed.indexOf("/");
  if (slash <= 0 || slash === trimmed.length - 1) throw S3Errors.invalidArgument("Invalid copy source object key", "x-amz-copy-source", header);
  const versionId = new URLSearchParams(query).get("versionId");
  if (versionId !== null && versionId !== "null") throw S3Errors.invalidArgument("Invalid version id specified", "x-amz-copy-source", header);
  return { bucket: trimmed.slice(0, slash), key: trimmed.slice(slash + 1), text: trimmed };
}

export async function sourceObject(ctx: ObjectContext, source: CopySource): Promise<{ bucket: S3BucketRow; row: S3ObjectRow }> {
  const bucket = await ctx.deps.repo.getBucket(source.bucket);
  if (!bucket) throw S3Errors.noSuchBucket(source.bucket);
  const expectedOwner = headerValue(ctx.headers, "x-amz-source-expected-bucket-owner");
  if (expectedOwner !== undefined && expectedOwner !== bucket.accountId) throw S3Errors.accessDenied();
  await authorizeS3(ctx, "s3:GetObject", objectArn(source.bucket, source.key), {}, bucket);
  const row = await ctx.deps.repo.getObject(source.bucket, source.key);
  if (!row) {
    if (await isAllowed(ctx, "s3:ListBucket", bucketArn(source.bucket), {}, bucket)) throw S3Errors.noSuchKey(source.key);
    throw S3Errors.accessDenied();
  }
  return { bucket, row };
}

/** The copy's bytes, until the client goes away (then the copy is abandoned and nothing is stored). */
async function* whileConnected(source: AsyncIterable<Uint8Array>, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    if (signal.aborted) throw new Error("the client went away during the copy");
    yield chunk;
  }
}

/** The bytes, fed to a checksum on the way. */
async function* summed(source: AsyncIterable<Uint8Array>, checksum: Checksum): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    checksum.update(chunk);
    yield chunk;
  }
}

export interface CopiedPart extends StoredPart {
  /** The new part's ETag (hex): see WrittenPart. */
  etagHex: string;
  /** The copied bytes' checksum, when one was asked for. */
  checksum: { algorithm: ChecksumAlgorithm; value: string } | undefined;
}

/** Copies the source's bytes (or a range of them) into a new stored part under `envelope`. */
export async function copyBytes(
  ctx: ObjectContext,
  sourceBucket: S3BucketRow,
  sourceRow: S3ObjectRow,
  range: ByteRange | undefined,
  envelope: Envelope,
  checksumAlgorithm?: ChecksumAlgorithm,
): Promise<CopiedPart> {
  const sourceBody = storedBodyOf(sourceRow);
  const release = ctx.leases.hold(sourceBody.parts);
  try {
    const plaintext = whileConnected(await ctx.deps.bodies.read(sourceBody, range, { ...ctx.who, region: sourceBucket.region }), ctx.signal);
    const checksum = checksumAlgorithm ? createChecksum(checksumAlgorithm) : undefined;
    const written = await ctx.deps.bodies.writePart(envelope, checksum ? summed(plaintext, checksum) : plaintext, ctx.who);
    return { blobId: written.blobId, size: written.size, etagHex: written.etagHex, checksum: checksum && checksumAlgorithm ? { algorithm: checksumAlgorithm, value: await checksum.digestBase64() } : undefined };
  } finally {
    release();
  }
}

/** The x-amz-copy-source header (which the routing made sure is there). */
export const copySourceHeader = (ctx: ObjectContext): string => headerValue(ctx.headers, "x-amz-copy-source")!;

// CreateMultipartUpload (POST /<bucket>/<key>?uploads): authorized as s3:PutObject with the
// request's SSE headers (AWS's action for it), the envelope made now — every part is encrypted
// under its data key — and the object's metadata kept with the upload. x-amz-checksum-algorithm
// (and x-amz-checksum-type) choose the checksum every part gets.
import { headerValue, parseChecksumAlgorithm, type ChecksumAlgorithm } from "../../../protocol/index.ts";
import { randomBase64Url } from "../../../crypto/index.ts";
import { authorizeS3 } from "../../auth/authorize.ts";
import type { ObjectContext } from "../../context.ts";
import { S3Errors } from "../../errors.ts";
import { xmlDocument } from "../../http/xml.ts";
import { objectArn } from "../../model/arn.ts";
import { readContentType, readStoredHeaders, readUserMetadata } from "../../model/metadata.ts";
import { effectiveSse, readSseHeaders, sseConditions, writeResponseHeaders, type BucketEncryption } from "../../model/sse.ts";
import { checkKey, checkObjectAcl, readStorageClass } from "../object/write-request.ts";
import { readTaggingHeader } from "../../model/tagging.ts";
import type { S3Operation } from "../types.ts";
import type { UploadDocument } from "./upload.ts";

function readChecksumChoice(ctx: ObjectContext): { algorithm?: ChecksumAlgorithm; type?: "COMPOSITE" | "FULL_OBJECT" } {
  const text = headerValue(ctx.headers, "x-amz-checksum-algorithm");
  const typeText = headerValue(ctx.headers, "x-amz-checksum-type");
  if (text === undefined) {
    if (typeText !== undefined) throw S3Errors.invalidRequest("The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
    return {};
  }
  const algorithm = parseChecksumAlgorithm(text);
  if (!algorithm) throw S3Errors.invalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
  const type = typeText === undefined ? (algorithm === "CRC64NVME" ? "FULL_OBJECT" : "COMPOSITE") : typeText.toUpperCase();
  if (type !== "COMPOSITE" && type !== "FULL_OBJECT") throw S3Errors.invalidRequest("Value for x-amz-checksum-type header is invalid.");
  if (type === "FULL_OBJECT" && (algorithm === "SHA1" || algorithm === "SHA256")) {
    throw S3Errors.invalidRequest(`The FULL_OBJECT checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`);
  }
  if (type === "COMPOSITE" && algorithm === "CRC64NVME") throw S3Errors.invalidRequest("The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.");
  return { algorithm, type };
}

export const createMultipartUpload: S3Operation = {
  name: "CreateMultipartUpload",
  scope: "object",
  async run(ctx) {
    checkKey(ctx.key);
    checkObjectAcl(ctx.headers);
    const sse = readSseHeaders(ctx.headers);
    const metadata = readUserMetadata(ctx.headers);
    const storageClass = readStorageClass(ctx.headers);
    const checksum = readChecksumChoice(ctx);
    const tags = readTaggingHeader(headerValue(ctx.headers, "x-amz-tagging"));
    const arn = objectArn(ctx.bucketName, ctx.key);
    await authorizeS3(ctx, "s3:PutObject", arn, sseConditions(sse));
    if (tags) await authorizeS3(ctx, "s3:PutObjectTagging", arn);
    const envelope = await ctx.deps.bodies.newEnvelope(effectiveSse(sse, ctx.bucket.encryption as BucketEncryption | undefined), arn, ctx.who);
    const uploadId = randomBase64Url(48);
    const document: UploadDocument = {
      envelope,
      sse: { ...sse },
      contentType: readContentType(ctx.headers),
      metadata,
      headers: readStoredHeaders(ctx.headers),
      ...(storageClass ? { storageClass } : {}),
      ...(tags ? { tags } : {}),
      ...(checksum.algorithm ? { checksumAlgorithm: checksum.algorithm, checksumType: checksum.type! } : {}),
      initiator: { arn: ctx.caller.arn, userId: ctx.caller.userId },
      ownerAccountId: ctx.bucket.accountId,
    };
    await ctx.deps.repo.createUpload({ uploadId, bucket: ctx.bucketName, key: ctx.key, initiatedAt: ctx.now, document });
    const headers: Record<string, string> = writeResponseHeaders(envelope, sse);
    if (checksum.algorithm) {
      headers["x-amz-checksum-algorithm"] = checksum.algorithm;
      headers["x-amz-checksum-type"] = checksum.type!;
    }
    return {
      headers,
      body: xmlDocument("InitiateMultipartUploadResult", [["Bucket", ctx.bucketName], ["Key", ctx.key], ["UploadId", uploadId]]),
    };
  },
};

// UploadPartCopy (PUT /<bucket>/<key>?partNumber=N&uploadId=… with x-amz-copy-source, and
// optionally x-amz-copy-source-range: bytes=first-last): a part made of another object's bytes, as
// the AWS CLI copies large objects. The source is read as the caller may (s3:GetObject, kms:Decrypt)
// and the part written under the upload's envelope (s3:PutObject with the upload's SSE).
import { headerValue } from "../../../protocol/index.ts";
import { authorizeS3 } from "../../auth/authorize.ts";
import type { ObjectContext } from "../../context.ts";
import { S3Errors } from "../../errors.ts";
import { opt, xmlDocument, type XmlNode } from "../../http/xml.ts";
import { objectArn } from "../../model/arn.ts";
import { checkCopySourcePreconditions } from "../../model/conditional.ts";
import { quoteEtag } from "../../model/etag.ts";
import type { ByteRange } from "../../model/range.ts";
import { envelopeHeaders, sseConditions } from "../../model/sse.ts";
import { copyBytes, copySourceHeader, readCopySource, sourceObject } from "../object/copy-source.ts";
import { removeParts } from "../object/stored.ts";
import { MAX_SINGLE_UPLOAD } from "../object/write-body.ts";
import type { S3Operation } from "../types.ts";
import { partNumberOf, uploadOf } from "./upload.ts";

const COPY_RANGE = /^bytes=(\d+)-(\d+)$/;

function readCopyRange(ctx: ObjectContext, size: number): ByteRange | undefined {
  const text = headerValue(ctx.headers, "x-amz-copy-source-range");
  if (text === undefined) return undefined;
  const match = COPY_RANGE.exec(text.trim());
  if (!match) {
    throw S3Errors.invalidArgument(
      "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy",
      "x-amz-copy-source-range",
      text,
    );
  }
  const start = Number(match[1]);
  const end = Number(match[2]);
  if (end < start || end >= size) throw S3Errors.invalidArgument(`Range specified is not valid for source object of size: ${size}`, "x-amz-copy-source-range", text);
  return { start, end };
}

export const uploadPartCopy: S3Operation = {
  name: "UploadPartCopy",
  scope: "object",
  async run(ctx) {
    const partNumber = partNumberOf(ctx);
    const { row: upload, document } = await uploadOf(ctx);
    const source = readCopySource(copySourceHeader(ctx));
    const { bucket: sourceBucket, row: sourceRow } = await sourceObject(ctx, source);
    checkCopySourcePreconditions(ctx.headers, sourceRow.etag, sourceRow.lastModified);
    const range = readCopyRange(ctx, sourceRow.size);
    const length = range ? range.end - range.start + 1 : sourceRow.size;
    if (length > MAX_SINGLE_UPLOAD) throw S3Errors.invalidRequest(`The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_SINGLE_UPLOAD}`);
    await authorizeS3(ctx, "s3:PutObject", objectArn(ctx.bucketName, ctx.key), { ...sseConditions(document.sse), "s3:x-amz-copy-source": source.text });

    const written = await copyBytes(ctx, sourceBucket, sourceRow, range, document.envelope, document.checksumAlgorithm);
    const part = { blobId: written.blobId, size: written.size };
    const etag = quoteEtag(written.etagHex);
    const lastModified = ctx.deps.clock.now();
    const checksums = written.checksum ? { [written.checksum.algorithm]: written.checksum.value } : {};
    let result;
    try {
      result = await ctx.deps.repo.putPart({ uploadId: upload.uploadId, partNumber, size: written.size, etag, lastModified, checksums, part });
    } catch (error) {
      await removeParts(ctx, [part]);
      throw error;
    }
    if (result.outcome === "no-upload") {
      await removeParts(ctx, [part]);
      throw S3Errors.noSuchUpload(upload.uploadId);
    }
    if (result.replaced) await removeParts(ctx, [result.replaced.part]);
    const body: (XmlNode | undefined)[] = [["ETag", etag], ["LastModified", lastModified]];
    if (written.checksum) body.push(opt(`Checksum${written.checksum.algorithm}`, written.checksum.value));
    return { headers: envelopeHeaders(document.envelope), body: xmlDocument("CopyPartResult", body) };
  },
};

// UploadPart (PUT /<bucket>/<key>?partNumber=N&uploadId=…): the part streams into its own stored
// part under the upload's envelope, with every payload check; a part of the same number is
// replaced. Authorized as s3:PutObject, with the upload's SSE as the SSE condition keys (the part
// request carries none, and a bucket policy that requires SSE-KMS must not refuse the parts of an
// upload it allowed).
import { authorizeS3 } from "../../auth/authorize.ts";
import { S3Errors } from "../../errors.ts";
import { objectArn } from "../../model/arn.ts";
import { quoteEtag } from "../../model/etag.ts";
import { envelopeHeaders, sseConditions } from "../../model/sse.ts";
import { removeParts } from "../object/stored.ts";
import { writeRequestBody } from "../object/write-body.ts";
import type { S3Operation } from "../types.ts";
import { partNumberOf, uploadOf } from "./upload.ts";

export const uploadPart: S3Operation = {
  name: "UploadPart",
  scope: "object",
  async run(ctx) {
    const partNumber = partNumberOf(ctx);
    const { row: upload, document } = await uploadOf(ctx);
    await authorizeS3(ctx, "s3:PutObject", objectArn(ctx.bucketName, ctx.key), sseConditions(document.sse));
    const written = await writeRequestBody(ctx, document.envelope, document.checksumAlgorithm);
    const etag = quoteEtag(written.etagHex);
    const checksums = written.checksum ? { [written.checksum.algorithm]: written.checksum.value } : {};
    let result;
    try {
      result = await ctx.deps.repo.putPart({ uploadId: upload.uploadId, partNumber, size: written.size, etag, lastModified: ctx.deps.clock.now(), checksums, part: written.part });
    } catch (error) {
      await removeParts(ctx, [written.part]);
      throw error;
    }
    if (result.outcome === "no-upload") {
      await removeParts(ctx, [written.part]);
      throw S3Errors.noSuchUpload(upload.uploadId);
    }
    if (result.replaced) await removeParts(ctx, [result.replaced.part]);
    const headers: Record<string, string> = { ETag: etag, ...envelopeHeaders(document.envelope) };
    if (written.checksum) headers[`x-amz-checksum-${written.checksum.algorithm.toLowerCase()}`] = written.checksum.value;
    return { headers };
  },
};

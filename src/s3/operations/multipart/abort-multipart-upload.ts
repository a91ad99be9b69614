// AbortMultipartUpload (DELETE /<bucket>/<key>?uploadId=…): the upload and its parts' bytes go.
// Action s3:AbortMultipartUpload.
import { authorizeS3 } from "../../auth/authorize.ts";
import { S3Errors } from "../../errors.ts";
import { objectArn } from "../../model/arn.ts";
import { removeParts } from "../object/stored.ts";
import type { S3Operation } from "../types.ts";
import { uploadOf } from "./upload.ts";

export const abortMultipartUpload: S3Operation = {
  name: "AbortMultipartUpload",
  scope: "object",
  async run(ctx) {
    await authorizeS3(ctx, "s3:AbortMultipartUpload", objectArn(ctx.bucketName, ctx.key));
    const { row } = await uploadOf(ctx);
    const parts = await ctx.deps.repo.deleteUpload(row.uploadId);
    if (!parts) throw S3Errors.noSuchUpload(row.uploadId);
    await removeParts(ctx, parts.map((p) => p.part));
    return { status: 204 };
  },
};

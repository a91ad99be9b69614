// DeleteBucket (DELETE /<bucket>): only an empty bucket (BucketNotEmpty otherwise); its unfinished
// multipart uploads go with it. Action s3:DeleteBucket.
import { authorizeS3 } from "../../auth/authorize.ts";
import { S3Errors } from "../../errors.ts";
import { bucketArn } from "../../model/arn.ts";
import { removeParts } from "../object/stored.ts";
import type { S3Operation } from "../types.ts";

export const deleteBucket: S3Operation = {
  name: "DeleteBucket",
  scope: "bucket",
  async run(ctx) {
    await authorizeS3(ctx, "s3:DeleteBucket", bucketArn(ctx.bucketName));
    const result = await ctx.deps.repo.deleteBucket(ctx.bucketName);
    if (result.outcome === "no-bucket") throw S3Errors.noSuchBucket(ctx.bucketName);
    if (result.outcome === "not-empty") throw S3Errors.bucketNotEmpty(ctx.bucketName);
    await removeParts(ctx, result.parts.map((p) => p.part));
    return { status: 204 };
  },
};

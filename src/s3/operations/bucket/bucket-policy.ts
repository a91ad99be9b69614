// PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy (/<bucket>?policy). A policy is checked as
// S3 checks it (../../model/bucket-policy.ts) and kept as it was sent. Actions s3:PutBucketPolicy,
// s3:GetBucketPolicy, s3:DeleteBucketPolicy; the owner's root user may always do these.
import { authorizeS3 } from "../../auth/authorize.ts";
import { S3Errors } from "../../errors.ts";
import { readSmallBody } from "../../http/body.ts";
import { bucketArn } from "../../model/arn.ts";
import { MAX_BUCKET_POLICY_BYTES, validateBucketPolicy } from "../../model/bucket-policy.ts";
import type { S3Operation } from "../types.ts";

export const putBucketPolicy: S3Operation = {
  name: "PutBucketPolicy",
  scope: "bucket",
  async run(ctx) {
    await authorizeS3(ctx, "s3:PutBucketPolicy", bucketArn(ctx.bucketName));
    // Read with room to spare, so that an oversized policy gets S3's own message.
    const body = await readSmallBody(ctx, 4 * MAX_BUCKET_POLICY_BYTES);
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    } catch {
      throw S3Errors.malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
    }
    await validateBucketPolicy(text, ctx.bucketName, ctx.deps.iam);
    if (!(await ctx.deps.repo.setBucketPolicy(ctx.bucketName, text))) throw S3Errors.noSuchBucket(ctx.bucketName);
    return { status: 204 };
  },
};

export const getBucketPolicy: S3Operation = {
  name: "GetBucketPolicy",
  scope: "bucket",
  async run(ctx) {
    await authorizeS3(ctx, "s3:GetBucketPolicy", bucketArn(ctx.bucketName));
    if (ctx.bucket.policy === undefined) throw S3Errors.noSuchBucketPolicy(ctx.bucketName);
    return { body: ctx.bucket.policy, contentType: "application/json" };
  },
};

export const deleteBucketPolicy: S3Operation = {
  name: "DeleteBucketPolicy",
  scope: "bucket",
  async run(ctx) {
    await authorizeS3(ctx, "s3:DeleteBucketPolicy", bucketArn(ctx.bucketName));
    await ctx.deps.repo.setBucketPolicy(ctx.bucketName, undefined);
    return { status: 204 };
  },
};

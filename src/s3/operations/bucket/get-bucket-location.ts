// GetBucketLocation (GET /<bucket>?location): the bucket's region, empty for us-east-1 as S3 writes
// it. Action s3:GetBucketLocation.
import { authorizeS3 } from "../../auth/authorize.ts";
import { xmlDocument } from "../../http/xml.ts";
import { bucketArn } from "../../model/arn.ts";
import type { S3Operation } from "../types.ts";

export const getBucketLocation: S3Operation = {
  name: "GetBucketLocation",
  scope: "bucket",
  async run(ctx) {
    await authorizeS3(ctx, "s3:GetBucketLocation", bucketArn(ctx.bucketName));
    return { body: xmlDocument("LocationConstraint", ctx.bucket.region === "us-east-1" ? "" : ctx.bucket.region) };
  },
};

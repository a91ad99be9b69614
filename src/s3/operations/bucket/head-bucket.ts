// HeadBucket (HEAD /<bucket>): 200 with the bucket's region when the caller may list it
// (s3:ListBucket); errors without a body, as for every HEAD.
import { authorizeS3 } from "../../auth/authorize.ts";
import { bucketArn } from "../../model/arn.ts";
import type { S3Operation } from "../types.ts";

export const headBucket: S3Operation = {
  name: "HeadBucket",
  scope: "bucket",
  async run(ctx) {
    await authorizeS3(ctx, "s3:ListBucket", bucketArn(ctx.bucketName));
    return { headers: { "x-amz-bucket-region": ctx.bucket.region, "x-amz-access-point-alias": "false" } };
  },
};

// DeleteObject (DELETE /<bucket>/<key>): 204 whether or not the key existed, as S3 answers an
// unversioned bucket. Action s3:DeleteObject.
import { authorizeS3 } from "../../auth/authorize.ts";
import { objectArn } from "../../model/arn.ts";
import type { S3Operation } from "../types.ts";
import { retireParts, storedBodyOf } from "./stored.ts";

export const deleteObject: S3Operation = {
  name: "DeleteObject",
  scope: "object",
  async run(ctx) {
    await authorizeS3(ctx, "s3:DeleteObject", objectArn(ctx.bucketName, ctx.key));
    const deleted = await ctx.deps.repo.deleteObject(ctx.bucketName, ctx.key);
    if (deleted) retireParts(ctx, storedBodyOf(deleted).parts);
    return { status: 204 };
  },
};

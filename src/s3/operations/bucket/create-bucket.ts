// CreateBucket (PUT /<bucket>): a valid name not taken by anyone, in the region the optional
// CreateBucketConfiguration names (us-east-1 when it names none). Re-creating one's own bucket is
// BucketAlreadyOwnedByYou, except in us-east-1 where S3 answers 200 for legacy compatibility;
// another account's is BucketAlreadyExists. Action s3:CreateBucket, condition s3:locationconstraint.
import { headerValue } from "../../../protocol/index.ts";
import { authorizeS3 } from "../../auth/authorize.ts";
import { S3Errors } from "../../errors.ts";
import { readSmallBody } from "../../http/body.ts";
import { childText, parseRequestXml } from "../../http/xml.ts";
import { bucketArn } from "../../model/arn.ts";
import { isValidBucketName } from "../../model/bucket-name.ts";
import type { S3Context } from "../../context.ts";
import type { S3Operation } from "../types.ts";

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const MAX_CONFIGURATION_BYTES = 64 * 1024;

/** The bucket's region from the request's LocationConstraint and the region it was signed for. */
async function bucketRegion(ctx: S3Context): Promise<string> {
  const body = await readSmallBody(ctx, MAX_CONFIGURATION_BYTES);
  let constraint = "";
  if (body.toString("utf8").trim() !== "") {
    const root = parseRequestXml(body, "CreateBucketConfiguration", MAX_CONFIGURATION_BYTES);
    constraint = (childText(root, "LocationConstraint") ?? "").trim();
  }
  if (constraint === "") {
    if (ctx.region !== "us-east-1") throw S3Errors.illegalLocationConstraint("");
    return "us-east-1";
  }
  if (constraint === "us-east-1" || !REGION.test(constraint)) throw S3Errors.invalidLocationConstraint(constraint);
  // The us-east-1 endpoint takes any region; a regional endpoint only its own.
  if (ctx.region !== "us-east-1" && ctx.region !== constraint) throw S3Errors.illegalLocationConstraint(constraint);
  return constraint;
}

function checkUnsupportedHeaders(ctx: S3Context): void {
  const acl = headerValue(ctx.headers, "x-amz-acl");
  if (acl !== undefined && acl !== "private") throw S3Errors.invalidBucketAcl();
  for (const name of ["x-amz-grant-full-control", "x-amz-grant-read", "x-amz-grant-read-acp", "x-amz-grant-write", "x-amz-grant-write-acp"]) {
    if (headerValue(ctx.headers, name) !== undefined) throw S3Errors.invalidBucketAcl();
  }
  if (headerValue(ctx.headers, "x-amz-bucket-object-lock-enabled")?.toLowerCase() === "true") throw S3Errors.notImplemented("S3 Object Lock");
}

export const createBucket: S3Operation = {
  name: "CreateBucket",
  scope: "new-bucket",
  async run(ctx) {
    const name = ctx.bucketName!;
    if (!isValidBucketName(name)) throw S3Errors.invalidBucketName(name);
    checkUnsupportedHeaders(ctx);
    const region = await bucketRegion(ctx);
    await authorizeS3(ctx, "s3:CreateBucket", bucketArn(name), region === "us-east-1" ? {} : { "s3:locationconstraint": region });
    const result = await ctx.deps.repo.createBucket({ name, accountId: ctx.caller.accountId, region, createdAt: ctx.now, policy: undefined, encryption: undefined });
    if (!result.created) {
      const existing = result.existing;
      if (existing.accountId !== ctx.caller.accountId) throw S3Errors.bucketAlreadyExists(name);
      if (existing.region !== "us-east-1") throw S3Errors.bucketAlreadyOwnedByYou(name);
    }
    return { headers: { Location: `/${name}` } };
  },
};

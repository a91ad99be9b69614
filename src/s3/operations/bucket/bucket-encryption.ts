// PutBucketEncryption, GetBucketEncryption, DeleteBucketEncryption (/<bucket>?encryption): the
// bucket's default encryption, one rule of ApplyServerSideEncryptionByDefault (SSEAlgorithm
// AES256 or aws:kms, KMSMasterKeyID only with aws:kms) and BucketKeyEnabled. A bucket without one
// reports SSE-S3 (AES256), as every bucket does on AWS since January 2023. Actions
// s3:PutEncryptionConfiguration (put and delete) and s3:GetEncryptionConfiguration.
import { authorizeS3 } from "../../auth/authorize.ts";
import { S3Errors } from "../../errors.ts";
import { readSmallBody } from "../../http/body.ts";
import { child, childText, children, parseRequestXml, xmlDocument, type XmlNode } from "../../http/xml.ts";
import { bucketArn } from "../../model/arn.ts";
import type { BucketEncryption } from "../../model/sse.ts";
import type { S3Operation } from "../types.ts";

const MAX_CONFIGURATION_BYTES = 64 * 1024;

function readConfiguration(body: Buffer): BucketEncryption {
  const root = parseRequestXml(body, "ServerSideEncryptionConfiguration", MAX_CONFIGURATION_BYTES);
  const rules = children(root, "Rule");
  if (rules.length !== 1) throw S3Errors.malformedXml();
  const rule = rules[0]!;
  const byDefault = child(rule, "ApplyServerSideEncryptionByDefault");
  if (!byDefault) throw S3Errors.malformedXml();
  const algorithm = childText(byDefault, "SSEAlgorithm")?.trim();
  if (algorithm === undefined) throw S3Errors.malformedXml();
  if (algorithm === "aws:kms:dsse") throw S3Errors.notImplemented("DSSE-KMS (aws:kms:dsse)");
  if (algorithm !== "AES256" && algorithm !== "aws:kms") throw S3Errors.malformedXml();
  const keyId = childText(byDefault, "KMSMasterKeyID")?.trim();
  if (keyId !== undefined && algorithm !== "aws:kms") {
    throw S3Errors.invalidArgument("a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse", "ApplyServerSideEncryptionByDefault");
  }
  const bucketKey = childText(rule, "BucketKeyEnabled")?.trim();
  if (bucketKey !== undefined && bucketKey !== "true" && bucketKey !== "false") throw S3Errors.malformedXml();
  const out: BucketEncryption = { algorithm, bucketKeyEnabled: bucketKey === "true" };
  if (keyId !== undefined && keyId !== "") out.kmsMasterKeyId = keyId;
  return out;
}

export const putBucketEncryption: S3Operation = {
  name: "PutBucketEncryption",
  scope: "bucket",
  async run(ctx) {
    await authorizeS3(ctx, "s3:PutEncryptionConfiguration", bucketArn(ctx.bucketName));
    const configuration = readConfiguration(await readSmallBody(ctx, MAX_CONFIGURATION_BYTES));
    if (!(await ctx.deps.repo.setBucketEncryption(ctx.bucketName, configuration))) throw S3Errors.noSuchBucket(ctx.bucketName);
    return {};
  },
};

export const getBucketEncryption: S3Operation = {
  name: "GetBucketEncryption",
  scope: "bucket",
  async run(ctx) {
    await authorizeS3(ctx, "s3:GetEncryptionConfiguration", bucketArn(ctx.bucketName));
    const configuration = (ctx.bucket.encryption as BucketEncryption | undefined) ?? { algorithm: "AES256", bucketKeyEnabled: false };
    const byDefault: XmlNode[] = [["SSEAlgorithm", configuration.algorithm]];
    if (configuration.kmsMasterKeyId !== undefined) byDefault.push(["KMSMasterKeyID", configuration.kmsMasterKeyId]);
    return {
      body: xmlDocument("ServerSideEncryptionConfiguration", [["Rule", [["ApplyServerSideEncryptionByDefault", byDefault], ["BucketKeyEnabled", configuration.bucketKeyEnabled]]]]),
    };
  },
};

export const deleteBucketEncryption: S3Operation = {
  name: "DeleteBucketEncryption",
  scope: "bucket",
  async run(ctx) {
    await authorizeS3(ctx, "s3:PutEncryptionConfiguration", bucketArn(ctx.bucketName));
    await ctx.deps.repo.setBucketEncryption(ctx.bucketName, undefined);
    return { status: 204 };
  },
};

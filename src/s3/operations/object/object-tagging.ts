// GetObjectTagging, PutObjectTagging, DeleteObjectTagging (/<bucket>/<key>?tagging): an object's
// tags, changed in place (the object, its ETag and Last-Modified stay as they are). Actions
// s3:GetObjectTagging, s3:PutObjectTagging, s3:DeleteObjectTagging.
import type { S3ObjectRow } from "../../../store/index.ts";
import { authorizeS3 } from "../../auth/authorize.ts";
import type { ObjectContext } from "../../context.ts";
import { S3Errors } from "../../errors.ts";
import { readSmallBody } from "../../http/body.ts";
import { child, children, parseRequestXml, xmlDocument, type XmlNode } from "../../http/xml.ts";
import { objectArn } from "../../model/arn.ts";
import { checkTags, type Tags } from "../../model/tagging.ts";
import type { S3Operation } from "../types.ts";
import { extraOf } from "./stored.ts";

const MAX_BODY = 64 * 1024;

async function objectOf(ctx: ObjectContext): Promise<S3ObjectRow> {
  const row = await ctx.deps.repo.getObject(ctx.bucketName, ctx.key);
  if (!row) throw S3Errors.noSuchKey(ctx.key);
  return row;
}

async function setTags(ctx: ObjectContext, tags: Tags | undefined): Promise<void> {
  const row = await objectOf(ctx);
  const extra = { ...extraOf(row) };
  if (tags && Object.keys(tags).length > 0) extra.tags = tags;
  else delete extra.tags;
  // Only the object read above: one replaced meanwhile keeps its own tags.
  if (!(await ctx.deps.repo.setObjectExtra(ctx.bucketName, ctx.key, row.etag, extra as unknown as Record<string, unknown>))) throw S3Errors.noSuchKey(ctx.key);
}

function readTagging(body: Buffer): Tags {
  const root = parseRequestXml(body, "Tagging", MAX_BODY);
  const tagSet = child(root, "TagSet");
  if (!tagSet) throw S3Errors.malformedXml();
  return checkTags(
    children(tagSet, "Tag").map((tag) => {
      const key = child(tag, "Key");
      const value = child(tag, "Value");
      if (!key || !value) throw S3Errors.malformedXml();
      return [key.textContent ?? "", value.textContent ?? ""] as const;
    }),
  );
}

export const getObjectTagging: S3Operation = {
  name: "GetObjectTagging",
  scope: "object",
  async run(ctx) {
    await authorizeS3(ctx, "s3:GetObjectTagging", objectArn(ctx.bucketName, ctx.key));
    const tags = extraOf(await objectOf(ctx)).tags ?? {};
    const tagSet: XmlNode[] = Object.entries(tags).map(([key, value]) => ["Tag", [["Key", key], ["Value", value]]]);
    return { body: xmlDocument("Tagging", [["TagSet", tagSet]]) };
  },
};

export const putObjectTagging: S3Operation = {
  name: "PutObjectTagging",
  scope: "object",
  async run(ctx) {
    await authorizeS3(ctx, "s3:PutObjectTagging", objectArn(ctx.bucketName, ctx.key));
    await setTags(ctx, readTagging(await readSmallBody(ctx, MAX_BODY)));
    return {};
  },
};

export const deleteObjectTagging: S3Operation = {
  name: "DeleteObjectTagging",
  scope: "object",
  async run(ctx) {
    await authorizeS3(ctx, "s3:DeleteObjectTagging", objectArn(ctx.bucketName, ctx.key));
    await setTags(ctx, undefined);
    return { status: 204 };
  },
};

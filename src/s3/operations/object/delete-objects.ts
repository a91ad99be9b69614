// DeleteObjects (POST /<bucket>?delete): up to 1000 keys in a <Delete> document (Content-MD5 or a
// checksum required, as S3 requires), each authorized on its own (s3:DeleteObject) and reported as
// <Deleted> or <Error>; with <Quiet>true</Quiet> only the errors.
import { authorizeS3 } from "../../auth/authorize.ts";
import type { BucketContext } from "../../context.ts";
import { isS3Error, S3Errors } from "../../errors.ts";
import { payloadOf, readSmallBody } from "../../http/body.ts";
import { child, childText, children, parseRequestXml, xmlDocument, type XmlNode } from "../../http/xml.ts";
import { objectArn } from "../../model/arn.ts";
import type { S3Operation } from "../types.ts";
import { retireParts, storedBodyOf } from "./stored.ts";

const MAX_KEYS = 1000;
const MAX_BODY = 2 * 1024 * 1024;

interface Target {
  key: string;
  versionId: string | undefined;
}

function readTargets(body: Buffer): { quiet: boolean; targets: Target[] } {
  const root = parseRequestXml(body, "Delete", MAX_BODY);
  const quietText = childText(root, "Quiet")?.trim();
  if (quietText !== undefined && quietText !== "true" && quietText !== "false") throw S3Errors.malformedXml();
  const objects = children(root, "Object");
  if (objects.length === 0 || objects.length > MAX_KEYS) throw S3Errors.malformedXml();
  const targets = objects.map((object) => {
    const keyElement = child(object, "Key");
    if (!keyElement) throw S3Errors.malformedXml();
    return { key: keyElement.textContent ?? "", versionId: childText(object, "VersionId") };
  });
  return { quiet: quietText === "true", targets };
}

async function deleteOne(ctx: BucketContext, target: Target): Promise<XmlNode> {
  try {
    if (target.versionId !== undefined && target.versionId !== "null") throw S3Errors.invalidArgument("Invalid version id specified", "versionId", target.versionId);
    await authorizeS3(ctx, "s3:DeleteObject", objectArn(ctx.bucketName, target.key));
    const deleted = await ctx.deps.repo.deleteObject(ctx.bucketName, target.key);
    if (deleted) retireParts(ctx, storedBodyOf(deleted).parts);
    return ["Deleted", [["Key", target.key]]];
  } catch (error) {
    if (!isS3Error(error)) throw error;
    return ["Error", [["Key", target.key], ["Code", error.code], ["Message", error.message]]];
  }
}

export const deleteObjects: S3Operation = {
  name: "DeleteObjects",
  scope: "bucket",
  async run(ctx) {
    const payload = payloadOf(ctx);
    if (payload.contentMd5Hex === undefined && payload.checksum === undefined) throw S3Errors.invalidRequest("Missing required header for this request: Content-Md5.");
    const { quiet, targets } = readTargets(await readSmallBody(ctx, MAX_BODY, payload));
    const results: XmlNode[] = [];
    for (const target of targets) {
      const result = await deleteOne(ctx, target);
      if (!quiet || result[0] === "Error") results.push(result);
    }
    return { body: xmlDocument("DeleteResult", results) };
  },
};

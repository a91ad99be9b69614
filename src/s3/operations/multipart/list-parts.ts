// ListParts (GET /<bucket>/<key>?uploadId=…): the upload's parts by number, max-parts (at most
// 1000) after part-number-marker. Action s3:ListMultipartUploadParts.
import { authorizeS3 } from "../../auth/authorize.ts";
import { S3Errors } from "../../errors.ts";
import { opt, xmlDocument, type XmlNode } from "../../http/xml.ts";
import { objectArn } from "../../model/arn.ts";
import { canonicalUserId } from "../../model/canonical-user.ts";
import type { S3Operation } from "../types.ts";
import { uploadOf } from "./upload.ts";

function integerParameter(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value)) throw S3Errors.invalidArgument(`Provided ${name} not an integer or within integer range`, name, value);
  return Number(value);
}

export const listParts: S3Operation = {
  name: "ListParts",
  scope: "object",
  async run(ctx) {
    await authorizeS3(ctx, "s3:ListMultipartUploadParts", objectArn(ctx.bucketName, ctx.key));
    const { row: upload, document } = await uploadOf(ctx);
    const maxParts = Math.min(integerParameter(ctx.query.get("max-parts"), "max-parts", 1000), 1000);
    const marker = integerParameter(ctx.query.get("part-number-marker"), "part-number-marker", 0);
    const rows = await ctx.deps.repo.listParts(upload.uploadId, marker, maxParts + 1);
    const page = rows.slice(0, maxParts);
    const truncated = rows.length > maxParts;
    const parts: XmlNode[] = page.map((p) => [
      "Part",
      [
        ["PartNumber", p.partNumber],
        ["LastModified", p.lastModified],
        ["ETag", p.etag],
        ...Object.entries(p.checksums).map(([algorithm, value]): XmlNode => [`Checksum${algorithm}`, value]),
        ["Size", p.size],
      ],
    ]);
    const owner = canonicalUserId(document.ownerAccountId);
    return {
      body: xmlDocument("ListPartsResult", [
        ["Bucket", ctx.bucketName],
        ["Key", ctx.key],
        ["UploadId", upload.uploadId],
        ["Initiator", [["ID", document.initiator.arn], ["DisplayName", document.initiator.userId]]],
        ["Owner", [["ID", owner]]],
        ["StorageClass", document.storageClass ?? "STANDARD"],
        ["PartNumberMarker", marker],
        opt("NextPartNumberMarker", page.length > 0 ? page[page.length - 1]!.partNumber : undefined),
        ["MaxParts", maxParts],
        ["IsTruncated", truncated],
        opt("ChecksumAlgorithm", document.checksumAlgorithm),
        opt("ChecksumType", document.checksumType),
        ...parts,
      ]),
    };
  },
};

// ListMultipartUploads (GET /<bucket>?uploads): the bucket's unfinished uploads by key, with
// prefix, key-marker / upload-id-marker and max-uploads (at most 1000). Action
// s3:ListBucketMultipartUploads.
import { authorizeS3 } from "../../auth/authorize.ts";
import { S3Errors } from "../../errors.ts";
import { opt, xmlDocument, type XmlNode } from "../../http/xml.ts";
import { bucketArn } from "../../model/arn.ts";
import { canonicalUserId } from "../../model/canonical-user.ts";
import { listEncoder } from "../../model/list-encoding.ts";
import type { S3Operation } from "../types.ts";
import { uploadDocumentOf } from "./upload.ts";

export const listMultipartUploads: S3Operation = {
  name: "ListMultipartUploads",
  scope: "bucket",
  async run(ctx) {
    await authorizeS3(ctx, "s3:ListBucketMultipartUploads", bucketArn(ctx.bucketName));
    const maxText = ctx.query.get("max-uploads");
    if (maxText !== undefined && !/^\d{1,9}$/.test(maxText)) throw S3Errors.invalidArgument("Provided max-uploads not an integer or within integer range", "max-uploads", maxText);
    const maxUploads = Math.min(maxText === undefined ? 1000 : Number(maxText), 1000);
    const prefix = ctx.query.get("prefix") ?? "";
    const keyMarker = ctx.query.get("key-marker") ?? "";
    const uploadIdMarker = ctx.query.get("upload-id-marker") ?? "";
    const encodingType = ctx.query.get("encoding-type");
    if (encodingType !== undefined && encodingType !== "url") throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encodingType);
    const encode = listEncoder(encodingType);
    // Without upload-id-marker, every upload of key-marker itself was listed already.
    const rows = await ctx.deps.repo.listUploads(ctx.bucketName, prefix, keyMarker, uploadIdMarker === "" ? "\u{10FFFF}" : uploadIdMarker, maxUploads + 1);
    const page = rows.slice(0, maxUploads);
    const truncated = rows.length > maxUploads;
    const last = page[page.length - 1];
    const uploads: XmlNode[] = page.map((u) => {
      const document = uploadDocumentOf(u);
      return [
        "Upload",
        [
          ["Key", encode(u.key)],
          ["UploadId", u.uploadId],
          ["Initiator", [["ID", document.initiator.arn], ["DisplayName", document.initiator.userId]]],
          ["Owner", [["ID", canonicalUserId(document.ownerAccountId)]]],
          ["StorageClass", document.storageClass ?? "STANDARD"],
          ["Initiated", u.initiatedAt],
          opt("ChecksumAlgorithm", document.checksumAlgorithm),
        ],
      ];
    });
    return {
      body: xmlDocument("ListMultipartUploadsResult", [
        ["Bucket", ctx.bucketName],
        ["KeyMarker", encode(keyMarker)],
        ["UploadIdMarker", uploadIdMarker],
        opt("NextKeyMarker", truncated && last ? encode(last.key) : undefined),
        opt("NextUploadIdMarker", truncated && last ? last.uploadId : undefined),
        ["Prefix", encode(prefix)],
        ["MaxUploads", maxUploads],
        opt("EncodingType", encodingType),
        ["IsTruncated", truncated],
        ...uploads,
      ]),
    };
  },
};

// ListObjectsV2 (GET /<bucket>?list-type=2) and ListObjects (GET /<bucket>): keys and common
// prefixes in byte order, max-keys at most 1000, paged by an opaque continuation token (V2) or a
// marker (V1), encoding-type=url as the AWS CLI asks for. Action s3:ListBucket with the condition
// keys s3:prefix, s3:delimiter and s3:max-keys.
import type { ContextValue } from "../../../policy/index.ts";
import type { S3ObjectSummary } from "../../../store/index.ts";
import { authorizeS3 } from "../../auth/authorize.ts";
import type { BucketContext } from "../../context.ts";
import { S3Errors } from "../../errors.ts";
import { opt, xmlDocument, type XmlNode } from "../../http/xml.ts";
import { bucketArn } from "../../model/arn.ts";
import { canonicalUserId } from "../../model/canonical-user.ts";
import { listEncoder } from "../../model/list-encoding.ts";
import type { S3Operation } from "../types.ts";
import { listEntries, type Listing } from "./listing.ts";

const MAX_KEYS = 1000;

interface ListParameters {
  prefix: string;
  delimiter: string | undefined;
  maxKeys: number;
  encodingType: string | undefined;
}

function readParameters(ctx: BucketContext): ListParameters {
  const maxText = ctx.query.get("max-keys");
  let maxKeys = MAX_KEYS;
  if (maxText !== undefined) {
    if (!/^\d{1,10}$/.test(maxText) || Number(maxText) > 2 ** 31 - 1) throw S3Errors.invalidArgument("Provided max-keys not an integer or within integer range", "max-keys", maxText);
    maxKeys = Math.min(Number(maxText), MAX_KEYS);
  }
  const encodingType = ctx.query.get("encoding-type");
  if (encodingType !== undefined && encodingType !== "url") throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encodingType);
  const delimiter = ctx.query.get("delimiter");
  return { prefix: ctx.query.get("prefix") ?? "", delimiter: delimiter === "" ? undefined : delimiter, maxKeys, encodingType };
}

async function authorizeList(ctx: BucketContext, p: ListParameters): Promise<void> {
  const conditions: Record<string, ContextValue> = { "s3:prefix": p.prefix, "s3:max-keys": String(ctx.query.get("max-keys") ?? MAX_KEYS) };
  if (ctx.query.has("delimiter")) conditions["s3:delimiter"] = ctx.query.get("delimiter")!;
  await authorizeS3(ctx, "s3:ListBucket", bucketArn(ctx.bucketName), conditions);
}

function contentsOf(rows: readonly S3ObjectSummary[], encode: (text: string) => string, owner: string | undefined): XmlNode[] {
  return rows.map((row) => {
    const algorithms = Object.keys(row.checksums);
    return [
      "Contents",
      [
        ["Key", encode(row.key)],
        ["LastModified", row.lastModified],
        ["ETag", row.etag],
        ...algorithms.map((a): XmlNode => ["ChecksumAlgorithm", a]),
        ...(algorithms.length > 0 ? [["ChecksumType", Object.values(row.checksums).some((v) => v.includes("-")) ? "COMPOSITE" : "FULL_OBJECT"] as XmlNode] : []),
        ["Size", row.size],
        owner !== undefined ? ["Owner", [["ID", owner]]] : undefined,
        ["StorageClass", "STANDARD"],
      ],
    ];
  });
}

function prefixesOf(listing: Listing, encode: (text: string) => string): XmlNode[] {
  return listing.commonPrefixes.map((p) => ["CommonPrefixes", [["Prefix", encode(p)]]]);
}

const TOKEN_TAG = "2:";

function encodeToken(after: string): string {
  return Buffer.from(TOKEN_TAG + after, "utf8").toString("base64");
}

function decodeToken(token: string): string {
  const text = /^[A-Za-z0-9+/]*={0,2}$/.test(token) ? Buffer.from(token, "base64").toString("utf8") : "";
  if (!text.startsWith(TOKEN_TAG)) throw S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
  return text.slice(TOKEN_TAG.length);
}

export const listObjectsV2: S3Operation = {
  name: "ListObjectsV2",
  scope: "bucket",
  async run(ctx) {
    const p = readParameters(ctx);
    const token = ctx.query.get("continuation-token");
    const after = token !== undefined ? decodeToken(token) : ctx.query.get("start-after") ?? "";
    await authorizeList(ctx, p);
    const listing = await listEntries(ctx, { prefix: p.prefix, delimiter: p.delimiter, after, maxKeys: p.maxKeys });
    const encode = listEncoder(p.encodingType);
    const owner = ctx.query.get("fetch-owner") === "true" ? canonicalUserId(ctx.bucket.accountId) : undefined;
    return {
      body: xmlDocument("ListBucketResult", [
        ["Name", ctx.bucketName],
        ["Prefix", encode(p.prefix)],
        opt("ContinuationToken", token),
        opt("StartAfter", token === undefined && ctx.query.has("start-after") ? encode(after) : undefined),
        opt("NextContinuationToken", listing.truncated ? encodeToken(listing.resumeAfter!) : undefined),
        ["KeyCount", listing.contents.length + listing.commonPrefixes.length],
        ["MaxKeys", p.maxKeys],
        opt("Delimiter", p.delimiter === undefined ? undefined : encode(p.delimiter)),
        opt("EncodingType", p.encodingType),
        ["IsTruncated", listing.truncated],
        ...contentsOf(listing.contents, encode, owner),
        ...prefixesOf(listing, encode),
      ]),
    };
  },
};

export const listObjects: S3Operation = {
  name: "ListObjects",
  scope: "bucket",
  async run(ctx) {
    const p = readParameters(ctx);
    const marker = ctx.query.get("marker") ?? "";
    await authorizeList(ctx, p);
    const listing = await listEntries(ctx, { prefix: p.prefix, delimiter: p.delimiter, after: marker, maxKeys: p.maxKeys });
    const encode = listEncoder(p.encodingType);
    return {
      body: xmlDocument("ListBucketResult", [
        ["Name", ctx.bucketName],
        ["Prefix", encode(p.prefix)],
        ["Marker", encode(marker)],
        opt("NextMarker", listing.truncated && p.delimiter !== undefined && listing.last !== undefined ? encode(listing.last) : undefined),
        ["MaxKeys", p.maxKeys],
        opt("Delimiter", p.delimiter === undefined ? undefined : encode(p.delimiter)),
        opt("EncodingType", p.encodingType),
        ["IsTruncated", listing.truncated],
        ...contentsOf(listing.contents, encode, canonicalUserId(ctx.bucket.accountId)),
        ...prefixesOf(listing, encode),
      ]),
    };
  },
};

// S3's answers as the console reads them, the way an SDK would: the XML documents of ListBuckets,
// ListObjectsV2 and GetBucketEncryption (S3's 2006-03-01 namespace), and response headers.
import { childElements, parseXml, textOf } from "../../xml/index.ts";
import type { Element } from "../../xml/index.ts";
import type { S3Response } from "../../s3/index.ts";

const S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/";
/** Listings are at most 1,000 entries; an answer this size is far beyond any. */
const MAX_ANSWER = 8 * 1024 * 1024;

export interface BucketEntry {
  name: string;
  region: string;
  createdAt: string;
}

export interface ObjectEntry {
  key: string;
  size: number;
  lastModified: string;
  etag: string;
}

export interface ObjectPage {
  objects: ObjectEntry[];
  /** The token of the next page, when the listing is truncated. */
  next?: string;
}

export interface DefaultEncryption {
  algorithm: "AES256" | "aws:kms" | string;
  kmsKeyId?: string;
  bucketKey: boolean;
}

function root(response: S3Response): Element {
  const doc = parseXml(response.body ?? "", { maxBytes: MAX_ANSWER });
  if (!doc.documentElement) throw new TypeError("S3 answered without a document");
  return doc.documentElement;
}

const children = (parent: Element, name: string): Element[] => childElements(parent, S3_NS, name);
const text = (parent: Element, name: string): string | undefined => {
  const found = children(parent, name)[0];
  return found ? textOf(found) : undefined;
};

export function readBuckets(response: S3Response): BucketEntry[] {
  const buckets = children(root(response), "Buckets")[0];
  if (!buckets) return [];
  return children(buckets, "Bucket").map((b) => ({ name: text(b, "Name") ?? "", region: text(b, "BucketRegion") ?? "", createdAt: text(b, "CreationDate") ?? "" }));
}

export function readObjectPage(response: S3Response): ObjectPage {
  const top = root(response);
  const objects = children(top, "Contents").map((c) => ({
    key: text(c, "Key") ?? "",
    size: Number(text(c, "Size") ?? "0"),
    lastModified: text(c, "LastModified") ?? "",
    etag: text(c, "ETag") ?? "",
  }));
  const next = text(top, "IsTruncated") === "true" ? text(top, "NextContinuationToken") : undefined;
  return { objects, ...(next ? { next } : {}) };
}

export function readDefaultEncryption(response: S3Response): DefaultEncryption | undefined {
  const rule = children(root(response), "Rule")[0];
  const byDefault = rule ? children(rule, "ApplyServerSideEncryptionByDefault")[0] : undefined;
  if (!rule || !byDefault) return undefined;
  const kmsKeyId = text(byDefault, "KMSMasterKeyID");
  return { algorithm: text(byDefault, "SSEAlgorithm") ?? "", ...(kmsKeyId ? { kmsKeyId } : {}), bucketKey: text(rule, "BucketKeyEnabled") === "true" };
}

/** A response header, whatever the case of its name. */
export function headerOf(response: S3Response, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(response.headers ?? {})) if (key.toLowerCase() === wanted) return String(value);
  return undefined;
}

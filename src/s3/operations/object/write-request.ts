// What a write (PutObject, CopyObject, CreateMultipartUpload) reads from its headers besides the
// body: the key's length, ACL headers (buckets own their objects: only private and
// bucket-owner-full-control), the storage class, and conditional writes (If-None-Match: *, If-Match).
import { headerValue, type HeaderBag } from "../../../protocol/index.ts";
import type { S3WriteCondition } from "../../../store/index.ts";
import { S3Errors } from "../../errors.ts";
import { normalizeEtag } from "../../model/etag.ts";

const STORAGE_CLASSES = new Set([
  "STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "GLACIER_IR", "OUTPOSTS", "SNOW", "EXPRESS_ONEZONE",
]);

export function checkKey(key: string): void {
  const size = Buffer.byteLength(key, "utf8");
  if (size > 1024) throw S3Errors.keyTooLong(size);
}

export function checkObjectAcl(headers: HeaderBag): void {
  const acl = headerValue(headers, "x-amz-acl");
  if (acl !== undefined && acl !== "private" && acl !== "bucket-owner-full-control") throw S3Errors.aclNotSupported();
  for (const name of ["x-amz-grant-full-control", "x-amz-grant-read", "x-amz-grant-read-acp", "x-amz-grant-write-acp"]) {
    if (headerValue(headers, name) !== undefined) throw S3Errors.aclNotSupported();
  }
}

/** The storage class asked for; undefined for STANDARD (which S3 does not report). */
export function readStorageClass(headers: HeaderBag): string | undefined {
  const value = headerValue(headers, "x-amz-storage-class");
  if (value === undefined || value === "STANDARD") return undefined;
  if (!STORAGE_CLASSES.has(value)) throw S3Errors.invalidStorageClass(value);
  return value;
}

export function readWriteCondition(headers: HeaderBag): S3WriteCondition | undefined {
  const ifNoneMatch = headerValue(headers, "if-none-match");
  const ifMatch = headerValue(headers, "if-match");
  if (ifNoneMatch === undefined && ifMatch === undefined) return undefined;
  const condition: S3WriteCondition = {};
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== "*") throw S3Errors.notImplemented("If-None-Match other than * on a write");
    condition.ifAbsent = true;
  }
  if (ifMatch !== undefined) condition.ifEtag = normalizeEtag(ifMatch);
  return condition;
}

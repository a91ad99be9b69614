// Which operation a request names, by method, what it addresses (the service, a bucket, an object)
// and its subresource (?policy, ?uploads, ?uploadId=…): S3's REST routing. Subresources federa
// does not implement are NotImplemented; methods a resource does not take are MethodNotAllowed.
import { headerValue, type HeaderBag } from "../../protocol/index.ts";
import { S3Errors } from "../errors.ts";
import type { S3Operation } from "./types.ts";
import { createBucket } from "./bucket/create-bucket.ts";
import { deleteBucket } from "./bucket/delete-bucket.ts";
import { headBucket } from "./bucket/head-bucket.ts";
import { listBuckets } from "./bucket/list-buckets.ts";
import { getBucketLocation } from "./bucket/get-bucket-location.ts";
import { deleteBucketPolicy, getBucketPolicy, putBucketPolicy } from "./bucket/bucket-policy.ts";
import { deleteBucketEncryption, getBucketEncryption, putBucketEncryption } from "./bucket/bucket-encryption.ts";
import { putObject } from "./object/put-object.ts";
import { getObject, headObject } from "./object/get-object.ts";
import { deleteObject } from "./object/delete-object.ts";
import { deleteObjects } from "./object/delete-objects.ts";
import { listObjects, listObjectsV2 } from "./object/list-objects.ts";
import { copyObject } from "./object/copy-object.ts";
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from "./object/object-tagging.ts";
import { createMultipartUpload } from "./multipart/create-multipart-upload.ts";
import { uploadPart } from "./multipart/upload-part.ts";
import { uploadPartCopy } from "./multipart/upload-part-copy.ts";
import { completeMultipartUpload } from "./multipart/complete-multipart-upload.ts";
import { abortMultipartUpload } from "./multipart/abort-multipart-upload.ts";
import { listParts } from "./multipart/list-parts.ts";
import { listMultipartUploads } from "./multipart/list-multipart-uploads.ts";

/** Subresources S3 has that federa does not implement. */
const UNIMPLEMENTED = [
  "accelerate", "acl", "analytics", "attributes", "cors", "intelligent-tiering", "inventory", "legal-hold", "lifecycle", "logging",
  "metadataConfiguration", "metrics", "notification", "object-lock", "ownershipControls", "policyStatus", "publicAccessBlock",
  "replication", "requestPayment", "restore", "retention", "select", "tagging", "torrent", "versioning", "versions", "website",
];

function unimplemented(query: ReadonlyMap<string, string>): S3Operation | undefined {
  const found = UNIMPLEMENTED.find((name) => query.has(name));
  if (found) throw S3Errors.notImplemented(`?${found}`);
  return undefined;
}

function serviceOperation(method: string): S3Operation {
  if (method === "GET") return listBuckets;
  throw S3Errors.methodNotAllowed(method, "SERVICE");
}

function bucketOperation(method: string, query: ReadonlyMap<string, string>): S3Operation {
  switch (method) {
    case "PUT":
      if (query.has("policy")) return putBucketPolicy;
      if (query.has("encryption")) return putBucketEncryption;
      return unimplemented(query) ?? createBucket;
    case "GET":
      if (query.has("policy")) return getBucketPolicy;
      if (query.has("encryption")) return getBucketEncryption;
      if (query.has("location")) return getBucketLocation;
      if (query.has("uploads")) return listMultipartUploads;
      if (query.get("list-type") === "2") return listObjectsV2;
      return unimplemented(query) ?? listObjects;
    case "HEAD":
      return headBucket;
    case "DELETE":
      if (query.has("policy")) return deleteBucketPolicy;
      if (query.has("encryption")) return deleteBucketEncryption;
      return unimplemented(query) ?? deleteBucket;
    case "POST":
      if (query.has("delete")) return deleteObjects;
      throw S3Errors.methodNotAllowed(method, "BUCKET");
    default:
      throw S3Errors.methodNotAllowed(method, "BUCKET");
  }
}

function objectOperation(method: string, query: ReadonlyMap<string, string>, headers: HeaderBag): S3Operation {
  if (query.has("tagging")) {
    if (method === "GET") return getObjectTagging;
    if (method === "PUT") return putObjectTagging;
    if (method === "DELETE") return deleteObjectTagging;
    throw S3Errors.methodNotAllowed(method, "OBJECT");
  }
  switch (method) {
    case "PUT":
      if (query.has("uploadId") || query.has("partNumber")) {
        return headerValue(headers, "x-amz-copy-source") !== undefined ? uploadPartCopy : uploadPart;
      }
      if (unimplemented(query)) break;
      return headerValue(headers, "x-amz-copy-source") !== undefined ? copyObject : putObject;
    case "GET":
      if (query.has("uploadId")) return listParts;
      return unimplemented(query) ?? getObject;
    case "HEAD":
      return headObject;
    case "DELETE":
      if (query.has("uploadId")) return abortMultipartUpload;
      return unimplemented(query) ?? deleteObject;
    case "POST":
      if (query.has("uploads")) return createMultipartUpload;
      if (query.has("uploadId")) return completeMultipartUpload;
      return unimplemented(query) ?? methodNotAllowed(method);
  }
  return methodNotAllowed(method);
}

function methodNotAllowed(method: string): never {
  throw S3Errors.methodNotAllowed(method, "OBJECT");
}

export function resolveOperation(method: string, bucket: string | undefined, key: string | undefined, query: ReadonlyMap<string, string>, headers: HeaderBag): S3Operation {
  if (bucket === undefined) return serviceOperation(method);
  if (key === undefined) return bucketOperation(method, query);
  return objectOperation(method, query, headers);
}

// CopyObject (PUT /<bucket>/<key> with x-amz-copy-source): reads the source as the caller
// (s3:GetObject on it, under its bucket's policy; kms:Decrypt for an SSE-KMS source) and writes a
// new object (s3:PutObject, with the request's SSE headers, x-amz-copy-source and
// x-amz-metadata-directive as condition keys), re-encrypted as the request or the destination
// bucket's default says. Metadata is copied (COPY) or taken from the request (REPLACE).
import { headerValue } from "../../../protocol/index.ts";
import type { ContextValue } from "../../../policy/index.ts";
import type { S3ObjectRow } from "../../../store/index.ts";
import type { StoredBody } from "../../storage/index.ts";
import { authorizeS3 } from "../../auth/authorize.ts";
import type { ObjectContext } from "../../context.ts";
import { S3Errors } from "../../errors.ts";
import { xmlDocument, type XmlNode } from "../../http/xml.ts";
import { objectArn } from "../../model/arn.ts";
import { checkCopySourcePreconditions } from "../../model/conditional.ts";
import { quoteEtag } from "../../model/etag.ts";
import { readContentType, readStoredHeaders, readUserMetadata } from "../../model/metadata.ts";
import { effectiveSse, readSseHeaders, sseConditions, writeResponseHeaders, type BucketEncryption } from "../../model/sse.ts";
import { readTaggingHeader } from "../../model/tagging.ts";
import type { S3Operation } from "../types.ts";
import { copyBytes, readCopySource, sourceObject } from "./copy-source.ts";
import { storeObject } from "./store-object.ts";
import { extraOf, removeParts, storedBodyOf, type ObjectExtra } from "./stored.ts";
import { MAX_SINGLE_UPLOAD } from "./write-body.ts";
import { checkKey, checkObjectAcl, readStorageClass, readWriteCondition } from "./write-request.ts";

function readDirective(ctx: ObjectContext): "COPY" | "REPLACE" {
  const directive = headerValue(ctx.headers, "x-amz-metadata-directive") ?? "COPY";
  if (directive !== "COPY" && directive !== "REPLACE") throw S3Errors.invalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", directive);
  return directive;
}

export const copyObject: S3Operation = {
  name: "CopyObject",
  scope: "object",
  async run(ctx: ObjectContext) {
    checkKey(ctx.key);
    checkObjectAcl(ctx.headers);
    const source = readCopySource(headerValue(ctx.headers, "x-amz-copy-source")!);
    const directive = readDirective(ctx);
    const sse = readSseHeaders(ctx.headers);
    const storageClass = readStorageClass(ctx.headers);
    const condition = readWriteCondition(ctx.headers);
    const taggingDirective = headerValue(ctx.headers, "x-amz-tagging-directive") ?? "COPY";
    if (taggingDirective !== "COPY" && taggingDirective !== "REPLACE") throw S3Errors.invalidArgument("Unknown tagging directive.", "x-amz-tagging-directive", taggingDirective);
    const requestTags = taggingDirective === "REPLACE" ? readTaggingHeader(headerValue(ctx.headers, "x-amz-tagging")) : undefined;
    const { bucket: sourceBucket, row: sourceRow } = await sourceObject(ctx, source);
    checkCopySourcePreconditions(ctx.headers, sourceRow.etag, sourceRow.lastModified);
    if (sourceRow.size > MAX_SINGLE_UPLOAD) throw S3Errors.invalidRequest(`The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_SINGLE_UPLOAD}`);

    const arn = objectArn(ctx.bucketName, ctx.key);
    const conditions: Record<string, ContextValue> = { ...sseConditions(sse), "s3:x-amz-copy-source": source.text };
    if (headerValue(ctx.headers, "x-amz-metadata-directive") !== undefined) conditions["s3:x-amz-metadata-directive"] = directive;
    await authorizeS3(ctx, "s3:PutObject", arn, conditions);
    if (requestTags) await authorizeS3(ctx, "s3:PutObjectTagging", arn);
    const sameObject = source.bucket === ctx.bucketName && source.key === ctx.key;
    if (sameObject && directive === "COPY" && sse.algorithm === undefined && storageClass === undefined) {
      throw S3Errors.invalidRequest(
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      );
    }

    const envelope = await ctx.deps.bodies.newEnvelope(effectiveSse(sse, ctx.bucket.encryption as BucketEncryption | undefined), arn, ctx.who);
    const written = await copyBytes(ctx, sourceBucket, sourceRow, undefined, envelope);
    const part = { blobId: written.blobId, size: written.size };
    if (written.size !== sourceRow.size) {
      await removeParts(ctx, [part]);
      throw new Error("the copy's size differs from its source's");
    }
    const body: StoredBody = { envelope, parts: [part], size: written.size, md5Hex: written.etagHex };
    const sourceExtra = extraOf(sourceRow);
    // A full-object checksum still describes the bytes; a composite one described the source's parts.
    const checksums = sourceExtra.checksumType === "FULL_OBJECT" ? sourceRow.checksums : {};
    const extra: ObjectExtra = {
      headers: directive === "COPY" ? sourceExtra.headers : readStoredHeaders(ctx.headers),
      ...(Object.keys(checksums).length > 0 ? { checksumType: "FULL_OBJECT" as const } : {}),
      ...(storageClass ? { storageClass } : {}),
      ...(taggingDirective === "COPY" ? (sourceExtra.tags ? { tags: sourceExtra.tags } : {}) : requestTags ? { tags: requestTags } : {}),
    };
    const row: S3ObjectRow = {
      bucket: ctx.bucketName,
      key: ctx.key,
      size: written.size,
      etag: quoteEtag(written.etagHex),
      lastModified: ctx.deps.clock.now(),
      contentType: directive === "COPY" ? sourceRow.contentType : readContentType(ctx.headers),
      metadata: directive === "COPY" ? sourceRow.metadata : readUserMetadata(ctx.headers),
      checksums,
      body,
      extra: extra as unknown as Record<string, unknown>,
    };
    await storeObject(ctx, row, condition, [part]);
    const result: XmlNode[] = [["ETag", row.etag], ["LastModified", row.lastModified]];
    for (const [algorithm, value] of Object.entries(checksums)) result.push([`Checksum${algorithm}`, value]);
    return { headers: writeResponseHeaders(envelope, sse), body: xmlDocument("CopyObjectResult", result) };
  },
};

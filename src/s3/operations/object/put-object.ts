// PutObject (PUT /<bucket>/<key>): authorized as s3:PutObject with the request's SSE headers as
// condition keys (before any default encryption applies, as AWS evaluates them), then encrypted as
// the request, the bucket's default or SSE-S3 says, streamed to a stored part, and only then made
// visible, in one transaction that replaces any object of that key. Conditional writes:
// If-None-Match: * and If-Match.
import { headerValue } from "../../../protocol/index.ts";
import type { S3ObjectRow } from "../../../store/index.ts";
import type { StoredBody } from "../../storage/index.ts";
import { authorizeS3 } from "../../auth/authorize.ts";
import type { ObjectContext } from "../../context.ts";
import { objectArn } from "../../model/arn.ts";
import { quoteEtag } from "../../model/etag.ts";
import { readContentType, readStoredHeaders, readUserMetadata } from "../../model/metadata.ts";
import { effectiveSse, readSseHeaders, sseConditions, writeResponseHeaders, type BucketEncryption } from "../../model/sse.ts";
import { readTaggingHeader } from "../../model/tagging.ts";
import type { S3Operation } from "../types.ts";
import type { ObjectExtra } from "./stored.ts";
import { writeRequestBody } from "./write-body.ts";
import { checkKey, checkObjectAcl, readStorageClass, readWriteCondition } from "./write-request.ts";
import { storeObject } from "./store-object.ts";

export const putObject: S3Operation = {
  name: "PutObject",
  scope: "object",
  async run(ctx: ObjectContext) {
    checkKey(ctx.key);
    checkObjectAcl(ctx.headers);
    const sse = readSseHeaders(ctx.headers);
    const metadata = readUserMetadata(ctx.headers);
    const storageClass = readStorageClass(ctx.headers);
    const condition = readWriteCondition(ctx.headers);
    const tags = readTaggingHeader(headerValue(ctx.headers, "x-amz-tagging"));
    const arn = objectArn(ctx.bucketName, ctx.key);
    await authorizeS3(ctx, "s3:PutObject", arn, sseConditions(sse));
    if (tags) await authorizeS3(ctx, "s3:PutObjectTagging", arn);

    const envelope = await ctx.deps.bodies.newEnvelope(effectiveSse(sse, ctx.bucket.encryption as BucketEncryption | undefined), arn, ctx.who);
    const written = await writeRequestBody(ctx, envelope);
    const body: StoredBody = { envelope, parts: [written.part], size: written.size, md5Hex: written.etagHex };
    const extra: ObjectExtra = { headers: readStoredHeaders(ctx.headers), ...(written.checksum ? { checksumType: "FULL_OBJECT" as const } : {}), ...(storageClass ? { storageClass } : {}), ...(tags ? { tags } : {}) };
    const row: S3ObjectRow = {
      bucket: ctx.bucketName,
      key: ctx.key,
      size: written.size,
      etag: quoteEtag(written.etagHex),
      lastModified: ctx.deps.clock.now(),
      contentType: readContentType(ctx.headers),
      metadata,
      checksums: written.checksum ? { [written.checksum.algorithm]: written.checksum.value } : {},
      body,
      extra: extra as unknown as Record<string, unknown>,
    };
    await storeObject(ctx, row, condition, [written.part]);
    const headers: Record<string, string> = { ETag: row.etag, ...writeResponseHeaders(envelope, sse) };
    if (written.checksum) {
      headers[`x-amz-checksum-${written.checksum.algorithm.toLowerCase()}`] = written.checksum.value;
      headers["x-amz-checksum-type"] = "FULL_OBJECT";
    }
    return { headers };
  },
};


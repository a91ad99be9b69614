// CompleteMultipartUpload (POST /<bucket>/<key>?uploadId=…): the parts the request lists, in
// ascending order (InvalidPartOrder), each uploaded with the ETag given (InvalidPart), every one
// but the last at least 5 MiB (EntityTooSmall), become the object in one transaction — its ETag
// the MD5 of the parts' MD5s with "-<count>", its checksum the composite of the parts' when the
// upload chose one. Parts left out are removed. Authorized as s3:PutObject with the upload's SSE.
import { checksumOf, headerValue, type ChecksumAlgorithm } from "../../../protocol/index.ts";
import type { S3ObjectRow, S3PartRow } from "../../../store/index.ts";
import type { StoredBody, StoredPart } from "../../storage/index.ts";
import { authorizeS3 } from "../../auth/authorize.ts";
import type { ObjectContext } from "../../context.ts";
import { S3Errors } from "../../errors.ts";
import { readSmallBody } from "../../http/body.ts";
import { childText, children, parseRequestXml, xmlDocument, type XmlNode } from "../../http/xml.ts";
import { objectArn } from "../../model/arn.ts";
import { etagHex, multipartEtagHex, normalizeEtag, quoteEtag } from "../../model/etag.ts";
import { sseConditions, writeResponseHeaders } from "../../model/sse.ts";
import { removeParts, retireParts, storedBodyOf, type ObjectExtra } from "../object/stored.ts";
import { readWriteCondition } from "../object/write-request.ts";
import type { S3Operation } from "../types.ts";
import { uploadOf, type UploadDocument } from "./upload.ts";

const MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_OBJECT_SIZE = 5 * 1024 ** 4;
const MAX_BODY = 4 * 1024 * 1024;

interface RequestedPart {
  partNumber: number;
  etag: string;
  checksums: Record<string, string>;
}

function readRequestedParts(body: Buffer): RequestedPart[] {
  const root = parseRequestXml(body, "CompleteMultipartUpload", MAX_BODY);
  const parts = children(root, "Part").map((part) => {
    const numberText = childText(part, "PartNumber")?.trim() ?? "";
    const etag = childText(part, "ETag");
    if (!/^\d{1,5}$/.test(numberText) || etag === undefined) throw S3Errors.malformedXml();
    const checksums: Record<string, string> = {};
    for (const algorithm of ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"]) {
      const value = childText(part, `Checksum${algorithm}`);
      if (value !== undefined) checksums[algorithm] = value.trim();
    }
    return { partNumber: Number(numberText), etag: normalizeEtag(etag), checksums };
  });
  if (parts.length === 0) throw S3Errors.malformedXml();
  return parts;
}

/** The stored parts the request names, checked as S3 checks them. */
function chooseParts(requested: readonly RequestedPart[], stored: readonly S3PartRow[], uploadId: string): S3PartRow[] {
  const byNumber = new Map(stored.map((p) => [p.partNumber, p]));
  const chosen: S3PartRow[] = [];
  let previous = 0;
  for (const want of requested) {
    if (want.partNumber <= previous) throw S3Errors.invalidPartOrder(uploadId);
    previous = want.partNumber;
    const part = byNumber.get(want.partNumber);
    if (!part || part.etag !== want.etag) throw S3Errors.invalidPart(want.partNumber, want.etag, uploadId);
    for (const [algorithm, value] of Object.entries(want.checksums)) {
      if (part.checksums[algorithm] !== value) throw S3Errors.invalidPart(want.partNumber, want.etag, uploadId);
    }
    chosen.push(part);
  }
  for (let i = 0; i < chosen.length - 1; i++) {
    if (chosen[i]!.size < MIN_PART_SIZE) throw S3Errors.entityTooSmall(chosen[i]!.size, MIN_PART_SIZE);
  }
  return chosen;
}

/** A composite checksum: the checksum of the parts' checksums, "-<count>". */
async function compositeChecksum(algorithm: ChecksumAlgorithm, parts: readonly S3PartRow[]): Promise<string | undefined> {
  const values = parts.map((p) => p.checksums[algorithm]);
  if (values.some((v) => v === undefined)) return undefined;
  const joined = Buffer.concat(values.map((v) => Buffer.from(v!, "base64")));
  return `${await checksumOf(algorithm, joined)}-${parts.length}`;
}

async function objectChecksums(document: UploadDocument, parts: readonly S3PartRow[]): Promise<Record<string, string>> {
  if (!document.checksumAlgorithm || document.checksumType !== "COMPOSITE") return {};
  const value = await compositeChecksum(document.checksumAlgorithm, parts);
  return value === undefined ? {} : { [document.checksumAlgorithm]: value };
}

function location(ctx: ObjectContext): string {
  const host = headerValue(ctx.headers, "host") ?? "localhost";
  const scheme = ctx.secureTransport ? "https" : "http";
  const key = ctx.key.split("/").map(encodeURIComponent).join("/");
  return `${scheme}://${host}/${encodeURIComponent(ctx.bucketName)}/${key}`;
}

export const completeMultipartUpload: S3Operation = {
  name: "CompleteMultipartUpload",
  scope: "object",
  async run(ctx) {
    const { row: upload, document } = await uploadOf(ctx);
    const condition = readWriteCondition(ctx.headers);
    await authorizeS3(ctx, "s3:PutObject", objectArn(ctx.bucketName, ctx.key), sseConditions(document.sse));
    const requested = readRequestedParts(await readSmallBody(ctx, MAX_BODY));
    const stored = await ctx.deps.repo.listParts(upload.uploadId, 0, 10_000);
    const parts = chooseParts(requested, stored, upload.uploadId);
    const size = parts.reduce((sum, p) => sum + p.size, 0);
    if (size > MAX_OBJECT_SIZE) throw S3Errors.entityTooLarge(size, MAX_OBJECT_SIZE);
    const etagText = multipartEtagHex(parts.map((p) => etagHex(p.etag)));
    const checksums = await objectChecksums(document, parts);
    const body: StoredBody = { envelope: document.envelope, parts: parts.map((p) => p.part as StoredPart), size, md5Hex: etagText.slice(0, 32) };
    const extra: ObjectExtra = {
      headers: document.headers,
      partsCount: parts.length,
      ...(Object.keys(checksums).length > 0 ? { checksumType: "COMPOSITE" as const } : {}),
      ...(document.storageClass ? { storageClass: document.storageClass } : {}),
      ...(document.tags ? { tags: document.tags } : {}),
    };
    const row: S3ObjectRow = {
      bucket: ctx.bucketName,
      key: ctx.key,
      size,
      etag: quoteEtag(etagText),
      lastModified: ctx.deps.clock.now(),
      contentType: document.contentType,
      metadata: document.metadata,
      checksums,
      body,
      extra: extra as unknown as Record<string, unknown>,
    };
    const result = await ctx.deps.repo.completeUpload(upload.uploadId, row, parts.map((p) => p.partNumber), condition);
    switch (result.outcome) {
      case "no-upload":
        throw S3Errors.noSuchUpload(upload.uploadId);
      case "no-object":
        throw S3Errors.noSuchKey(ctx.key);
      case "precondition-failed":
        throw S3Errors.preconditionFailed(condition?.ifAbsent ? "If-None-Match" : "If-Match");
      case "stored":
        await removeParts(ctx, result.unused.map((p) => p.part));
        if (result.replaced) retireParts(ctx, storedBodyOf(result.replaced).parts);
    }
    const resultXml: XmlNode[] = [["Location", location(ctx)], ["Bucket", ctx.bucketName], ["Key", ctx.key], ["ETag", row.etag]];
    for (const [algorithm, value] of Object.entries(checksums)) resultXml.push([`Checksum${algorithm}`, value]);
    if (Object.keys(checksums).length > 0) resultXml.push(["ChecksumType", "COMPOSITE"]);
    return { headers: writeResponseHeaders(document.envelope, document.sse), body: xmlDocument("CompleteMultipartUploadResult", resultXml) };
  },
};

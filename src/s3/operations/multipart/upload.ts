// A multipart upload as the store keeps it: the envelope made when it was created (every part is
// encrypted under it), what the object will carry (content type, metadata, stored headers, storage
// class), the checksum algorithm the parts get, and the SSE headers of the CreateMultipartUpload
// request, which stand in for the SSE condition keys of UploadPart and CompleteMultipartUpload.
import type { ChecksumAlgorithm } from "../../../protocol/index.ts";
import type { S3UploadRow } from "../../../store/index.ts";
import type { Envelope } from "../../storage/index.ts";
import type { ObjectContext } from "../../context.ts";
import { S3Errors } from "../../errors.ts";
import type { StoredHeaders } from "../../model/metadata.ts";
import type { SseHeaders } from "../../model/sse.ts";
import type { Tags } from "../../model/tagging.ts";

export interface UploadDocument {
  envelope: Envelope;
  /** The CreateMultipartUpload request's SSE headers (context as sent, to echo). */
  sse: SseHeaders;
  contentType: string;
  metadata: Record<string, string>;
  headers: StoredHeaders;
  storageClass?: string;
  tags?: Tags;
  checksumAlgorithm?: ChecksumAlgorithm;
  checksumType?: "COMPOSITE" | "FULL_OBJECT";
  initiator: { arn: string; userId: string };
  ownerAccountId: string;
}

export const uploadDocumentOf = (row: S3UploadRow): UploadDocument => row.document as UploadDocument;

/** The upload the request names (?uploadId=), which must be of this bucket and key. */
export async function uploadOf(ctx: ObjectContext): Promise<{ row: S3UploadRow; document: UploadDocument }> {
  const uploadId = ctx.query.get("uploadId") ?? "";
  const row = uploadId === "" ? undefined : await ctx.deps.repo.getUpload(uploadId);
  if (!row || row.bucket !== ctx.bucketName || row.key !== ctx.key) throw S3Errors.noSuchUpload(uploadId);
  return { row, document: uploadDocumentOf(row) };
}

/** The part number (1–10000) of ?partNumber=. */
export function partNumberOf(ctx: ObjectContext): number {
  const text = ctx.query.get("partNumber") ?? "";
  const number = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(number >= 1 && number <= 10_000)) throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", text);
  return number;
}

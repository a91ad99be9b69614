// Objects as the store keeps them and as responses describe them: the body document (the bodies'
// StoredBody), the stored representation headers, the headers every response about an object
// carries, and removing bytes that nothing refers to any more (never failing the request: a file
// left behind is only space).
import type { S3ObjectRow } from "../../../store/index.ts";
import type { StoredBody, StoredPart } from "../../storage/index.ts";
import type { S3Context } from "../../context.ts";
import { httpDate } from "../../model/http-date.ts";
import { metadataHeaders, STORED_HEADERS, type StoredHeaders } from "../../model/metadata.ts";
import { envelopeHeaders } from "../../model/sse.ts";
import type { Tags } from "../../model/tagging.ts";

/** What an object keeps besides its columns. */
export interface ObjectExtra {
  headers: StoredHeaders;
  /** How the stored checksum covers the object. */
  checksumType?: "FULL_OBJECT" | "COMPOSITE";
  /** For multipart objects: how many parts. */
  partsCount?: number;
  /** The storage class, when not STANDARD. */
  storageClass?: string;
  /** The object's tags. */
  tags?: Tags;
}

export const storedBodyOf = (row: S3ObjectRow): StoredBody => row.body as StoredBody;
export const extraOf = (row: S3ObjectRow): ObjectExtra => row.extra as unknown as ObjectExtra;

/** Removes stored parts that never became visible (or belong to no object), now; a failure is logged, not thrown. */
export async function removeParts(ctx: S3Context, parts: readonly unknown[]): Promise<void> {
  if (parts.length === 0) return;
  try {
    await ctx.deps.bodies.remove(parts as StoredPart[]);
  } catch (error) {
    ctx.deps.logger.warn({ event: "s3.remove_failed", requestId: ctx.requestId, errorName: (error as Error)?.name }, "could not remove an object's stored parts");
  }
}

/** Removes the parts of a body that was visible (replaced, deleted) once no read still holds them. */
export function retireParts(ctx: S3Context, parts: readonly unknown[]): void {
  ctx.leases.retire(parts as StoredPart[]);
}

/** The headers that describe an object (GetObject, HeadObject). */
export function objectHeaders(row: S3ObjectRow): Record<string, string> {
  const extra = extraOf(row);
  const headers: Record<string, string> = {
    "Last-Modified": httpDate(row.lastModified),
    ETag: row.etag,
    "Content-Type": row.contentType,
    "Accept-Ranges": "bytes",
    ...envelopeHeaders(storedBodyOf(row).envelope),
    ...metadataHeaders(row.metadata),
  };
  for (const name of STORED_HEADERS) {
    const value = extra.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  if (extra.storageClass !== undefined) headers["x-amz-storage-class"] = extra.storageClass;
  const tagCount = Object.keys(extra.tags ?? {}).length;
  if (tagCount > 0) headers["x-amz-tagging-count"] = String(tagCount);
  return headers;
}

/** x-amz-checksum-<algorithm> (and its type) of an object, for responses that report them. */
export function checksumHeaders(row: S3ObjectRow): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [algorithm, value] of Object.entries(row.checksums)) headers[`x-amz-checksum-${algorithm.toLowerCase()}`] = value;
  const type = extraOf(row).checksumType;
  if (Object.keys(headers).length > 0 && type) headers["x-amz-checksum-type"] = type;
  return headers;
}

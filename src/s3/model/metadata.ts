// What an object keeps of the request that wrote it besides its bytes: user metadata
// (x-amz-meta-*, at most 2 KB of names and values) and the representation headers S3 stores and
// sends back (Content-Type, Cache-Control, Content-Disposition, Content-Encoding without
// aws-chunked, Content-Language, Expires).
import { headerValue, type HeaderBag } from "../../protocol/index.ts";
import { S3Errors } from "../errors.ts";

export const DEFAULT_CONTENT_TYPE = "binary/octet-stream";
const META_PREFIX = "x-amz-meta-";
const MAX_METADATA_BYTES = 2048;

/** Stored headers, by the name S3 sends them back under. */
export const STORED_HEADERS = ["Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires"] as const;
export type StoredHeaders = Partial<Record<(typeof STORED_HEADERS)[number], string>>;

export function readUserMetadata(headers: HeaderBag): Record<string, string> {
  const metadata: Record<string, string> = {};
  let size = 0;
  for (const name of Object.keys(headers)) {
    if (!name.startsWith(META_PREFIX)) continue;
    const value = headerValue(headers, name) ?? "";
    const key = name.slice(META_PREFIX.length);
    metadata[key] = value;
    size += Buffer.byteLength(key, "utf8") + Buffer.byteLength(value, "utf8");
  }
  if (size > MAX_METADATA_BYTES) throw S3Errors.metadataTooLarge(size);
  return metadata;
}

export function readStoredHeaders(headers: HeaderBag): StoredHeaders {
  const stored: StoredHeaders = {};
  for (const name of STORED_HEADERS) {
    let value = headerValue(headers, name.toLowerCase());
    if (name === "Content-Encoding" && value !== undefined) {
      // aws-chunked describes how the request was sent, not the object.
      value = value.split(",").map((v) => v.trim()).filter((v) => v !== "" && v.toLowerCase() !== "aws-chunked").join(",");
      if (value === "") value = undefined;
    }
    if (value !== undefined) stored[name] = value;
  }
  return stored;
}

export function readContentType(headers: HeaderBag): string {
  return headerValue(headers, "content-type") ?? DEFAULT_CONTENT_TYPE;
}

/** Response headers of an object's user metadata. */
export function metadataHeaders(metadata: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) out[META_PREFIX + key] = value;
  return out;
}

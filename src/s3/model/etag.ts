// Entity tags: a single PUT's is the MD5 of its bytes; a multipart object's is the MD5 of its parts'
// MD5s followed by "-<number of parts>". Always sent quoted.
import { createDigest } from "../../crypto/index.ts";

export const quoteEtag = (hex: string): string => `"${hex}"`;

/** An ETag as a client wrote it (quoted or not, W/ or not) → the quoted form S3 stores. */
export function normalizeEtag(text: string): string {
  let value = text.trim();
  if (value.startsWith("W/")) value = value.slice(2);
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  return `"${value}"`;
}

/** The multipart ETag of parts with these MD5s (hex), unquoted. */
export function multipartEtagHex(partMd5s: readonly string[]): string {
  const digest = createDigest("md5");
  for (const md5 of partMd5s) digest.update(Buffer.from(md5, "hex"));
  return `${digest.digest().toString("hex")}-${partMd5s.length}`;
}

/** The hex MD5 inside a single-part ETag ("\"abc…\"" → "abc…"). */
export const etagHex = (etag: string): string => etag.replace(/^"|"$/g, "");

/** If-Match / If-None-Match lists: "*", or quoted tags separated by commas. */
export function etagListMatches(header: string, etag: string): boolean {
  for (const item of header.split(",")) {
    const trimmed = item.trim();
    if (trimmed === "*") return true;
    if (trimmed !== "" && normalizeEtag(trimmed) === etag) return true;
  }
  return false;
}

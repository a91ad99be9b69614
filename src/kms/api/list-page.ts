// Paging as KMS's list operations do it: Limit (1–1000 in the model; each operation has its own
// default and ceiling), an opaque Marker that KMS issued (anything else is InvalidMarkerException),
// and NextMarker with Truncated when more follow.
import type { JsonObject } from "../../protocol/index.ts";
import { kmsError, validationError } from "../errors.ts";
import { optionalInteger, optionalString } from "./params.ts";

const PREFIX = "federa-page:";

export function readLimit(params: JsonObject, max = 1000): number | undefined {
  return optionalInteger(params, "Limit", { min: 1, max });
}

/** The Marker member as sent (1–1024 characters of U+0020–U+00FF), not yet decoded. */
export function readMarker(params: JsonObject): string | undefined {
  const marker = optionalString(params, "Marker", { min: 1, max: 1024 });
  if (marker !== undefined && !/^[\u0020-\u00FF]*$/.test(marker)) {
    throw validationError("marker", marker, "Member must satisfy regular expression pattern: [\\u0020-\\u00FF]*");
  }
  return marker;
}

/** The marker that continues a listing after the item of this id, which ended the page at `next`. */
export function encodeMarker(scope: string, next: number, afterId: string): string {
  return Buffer.from(`${PREFIX}${scope}:${next}:${afterId}`, "utf8").toString("base64url");
}

/** Where a marker continues, for this listing; InvalidMarkerException if it is not one of ours. */
export function decodeMarker(scope: string, marker: string): { next: number; afterId: string } {
  const text = /^[A-Za-z0-9_-]+$/.test(marker) ? Buffer.from(marker, "base64url").toString("utf8") : "";
  const head = `${PREFIX}${scope}:`;
  const m = text.startsWith(head) ? /^(\d{1,9}):(.+)$/s.exec(text.slice(head.length)) : null;
  if (!m) throw kmsError("InvalidMarkerException", "Invalid marker");
  return { next: Number(m[1]), afterId: m[2]! };
}

export interface Page<T> {
  items: T[];
  nextMarker?: string;
}

/** One page of `items` (in their listing order) after the marker's item, at most `limit` long. */
export function pageOf<T>(items: readonly T[], idOf: (item: T) => string, scope: string, marker: string | undefined, limit: number): Page<T> {
  let start = 0;
  if (marker !== undefined) {
    const { next, afterId } = decodeMarker(scope, marker);
    const index = items.findIndex((item) => idOf(item) === afterId);
    // The item the marker names may be gone since (retired, revoked): continue where the page ended.
    start = index >= 0 ? index + 1 : Math.min(next, items.length);
  }
  const end = start + limit;
  const slice = items.slice(start, end);
  const last = slice[slice.length - 1];
  return end < items.length && last !== undefined ? { items: slice, nextMarker: encodeMarker(scope, end, idOf(last)) } : { items: slice };
}

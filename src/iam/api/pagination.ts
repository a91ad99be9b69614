// IAM's Marker/MaxItems pagination: at most MaxItems (default 100) items, IsTruncated, and a
// Marker to continue from. The marker carries the last item's sort key (opaque to clients), so
// a page continues correctly when entities are added or deleted between calls.
import { IamError } from "../errors.ts";

export const DEFAULT_MAX_ITEMS = 100;

export interface Page<T> {
  items: T[];
  isTruncated: boolean;
  /** Present only when truncated. */
  marker: string | undefined;
}

const encodeMarker = (key: string) => Buffer.from(key, "utf8").toString("base64url");

function decodeMarker(marker: string): string {
  const key = /^[A-Za-z0-9_-]+$/.test(marker) ? Buffer.from(marker, "base64url").toString("utf8") : "";
  if (!key || encodeMarker(key) !== marker) throw new IamError("InvalidInput", "Invalid Marker.");
  return key;
}

/** One page of `all`, ordered by `keyOf` (keys must be unique). */
export function paginate<T>(all: readonly T[], keyOf: (item: T) => string, marker: string | undefined, maxItems: number | undefined): Page<T> {
  const limit = maxItems ?? DEFAULT_MAX_ITEMS;
  const keyed = all.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const after = marker === undefined ? undefined : decodeMarker(marker);
  const rest = after === undefined ? keyed : keyed.filter((k) => k.key > after);
  const page = rest.slice(0, limit);
  const isTruncated = rest.length > limit;
  const last = page[page.length - 1];
  return { items: page.map((k) => k.item), isTruncated, marker: isTruncated && last ? encodeMarker(last.key) : undefined };
}

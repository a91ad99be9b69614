// The canonical query string (SigV4 step 1, third line): every name and value decoded from the
// wire and URI-encoded again, pairs sorted by encoded name and then by encoded value, "name=" for
// empty values, X-Amz-Signature left out.
import { CANONICAL_QUERY, canonicalizeEncoded } from "./uri-encode.ts";
import type { RawPair } from "./query-pairs.ts";

function byNameThenValue(a: RawPair, b: RawPair): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.value !== b.value) return a.value < b.value ? -1 : 1;
  return 0;
}

/** "X-Amz-Signature" in any case, compared without making a lower-case copy. */
function isSignatureName(name: string): boolean {
  if (name.length !== 15) return false;
  const wanted = "x-amz-signature";
  for (let i = 0; i < 15; i++) {
    // Setting bit 5 lower-cases ASCII letters and leaves "-" (0x2d) as it is.
    if ((name.charCodeAt(i) | 0x20) !== wanted.charCodeAt(i)) return false;
  }
  return true;
}

/** The canonical query of a raw query string and the pairs split from it. */
export function canonicalQuery(rawQuery: string, pairs: readonly RawPair[]): string {
  if (pairs.length === 0) return "";
  return canonicalAsSent(rawQuery, pairs) ?? canonicalRebuilt(pairs);
}

/**
 * What the SDKs send: every name and value canonical already and the pairs in order. Then the
 * canonical query is the pairs joined as they are, with no decoding or encoding; undefined when
 * the query is not in that form. One regular expression checks the whole query (a character
 * loop costs several times more).
 */
function canonicalAsSent(rawQuery: string, pairs: readonly RawPair[]): string | undefined {
  if (!CANONICAL_QUERY.test(rawQuery)) return undefined;
  let out = "";
  let previous: RawPair | undefined;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    if (isSignatureName(pair.name)) continue;
    if (previous !== undefined && byNameThenValue(previous, pair) > 0) return undefined;
    out += (previous === undefined ? "" : "&") + pair.name + "=" + pair.value;
    previous = pair;
  }
  return out;
}

function canonicalRebuilt(pairs: readonly RawPair[]): string {
  const encoded: RawPair[] = [];
  for (const pair of pairs) {
    const name = canonicalizeEncoded(pair.name);
    if (isSignatureName(name)) continue;
    encoded.push({ name, value: canonicalizeEncoded(pair.value) });
  }
  // Encoded text is ASCII, so comparing strings compares bytes, as AWS sorts.
  encoded.sort(byNameThenValue);
  let out = "";
  for (let i = 0; i < encoded.length; i++) {
    const pair = encoded[i]!;
    out += (i === 0 ? "" : "&") + pair.name + "=" + pair.value;
  }
  return out;
}

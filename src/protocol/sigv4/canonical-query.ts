// The canonical query string (SigV4 step 1, third line): every name and value decoded from the
// wire and URI-encoded again, pairs sorted by encoded name and then by encoded value, "name=" for
// empty values, X-Amz-Signature left out.
import { canonicalizeEncoded } from "./uri-encode.ts";
import type { RawPair } from "./query-pairs.ts";

function byNameThenValue(a: RawPair, b: RawPair): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.value !== b.value) return a.value < b.value ? -1 : 1;
  return 0;
}

export function canonicalQuery(pairs: readonly RawPair[]): string {
  if (pairs.length === 0) return "";
  const encoded: RawPair[] = [];
  for (const pair of pairs) {
    const name = canonicalizeEncoded(pair.name);
    if (name.length === 15 && name.toLowerCase() === "x-amz-signature") continue;
    encoded.push({ name, value: canonicalizeEncoded(pair.value) });
  }
  // Encoded text is ASCII, so comparing strings compares bytes, as AWS sorts. The SDKs send the
  // query sorted already, so look before sorting.
  for (let i = 1; i < encoded.length; i++) {
    if (byNameThenValue(encoded[i - 1]!, encoded[i]!) > 0) {
      encoded.sort(byNameThenValue);
      break;
    }
  }
  let out = "";
  for (let i = 0; i < encoded.length; i++) {
    const pair = encoded[i]!;
    out += (i === 0 ? "" : "&") + pair.name + "=" + pair.value;
  }
  return out;
}

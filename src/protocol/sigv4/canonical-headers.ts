// Canonical headers (SigV4 step 1, fourth and fifth lines): for each signed header, in the order
// of SignedHeaders, "name:value\n" with the values trimmed, runs of whitespace folded to one space,
// and repeated headers joined with ",". A signed header that is absent is signed as empty, so the
// signature fails as AWS's does.

export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

function canonicalValue(value: string): string {
  let folded = value;
  if (/[\t\r\n]| {2}/.test(folded)) folded = folded.replace(/[ \t\r\n]+/g, " ");
  return folded.trim();
}

export function headerValue(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  return value.join(",");
}

export function canonicalHeaders(headers: HeaderBag, signedHeaders: readonly string[]): string {
  let out = "";
  for (const name of signedHeaders) {
    const value = headers[name];
    let text: string;
    if (value === undefined) text = "";
    else if (typeof value === "string") text = canonicalValue(value);
    else text = value.map(canonicalValue).join(",");
    out += name + ":" + text + "\n";
  }
  return out;
}

// The request's headers as SigV4 needs them: lower-case names, one string per header, and an
// array only when a header really came more than once (Node's `headers` would join those with
// ", ", which is not how AWS canonicalises them).
import type { IncomingMessage } from "node:http";
import type { HeaderBag } from "../sigv4/canonical-headers.ts";

export function headerBag(req: IncomingMessage): HeaderBag {
  const distinct = req.headersDistinct;
  const bag: Record<string, string | readonly string[]> = Object.create(null) as Record<string, string | readonly string[]>;
  for (const name of Object.keys(distinct)) {
    const values = distinct[name];
    if (values === undefined) continue;
    bag[name] = values.length === 1 ? values[0]! : values;
  }
  return bag;
}

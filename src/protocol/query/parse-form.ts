// Reads Query protocol parameters: the form-encoded body of a POST
// (application/x-www-form-urlencoded) and the query string, SigV4's own presigned parameters
// left out. "+" is a space, as in forms; a name sent twice keeps its first value.
import { decodeQueryComponent, splitRawQuery } from "../sigv4/query-pairs.ts";

const SIGV4_QUERY_PARAMETERS = new Set([
  "X-Amz-Algorithm",
  "X-Amz-Credential",
  "X-Amz-Date",
  "X-Amz-Expires",
  "X-Amz-SignedHeaders",
  "X-Amz-Signature",
  "X-Amz-Security-Token",
  "X-Amz-Content-Sha256",
]);

export function isFormContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semicolon = contentType.indexOf(";");
  const type = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return type === "application/x-www-form-urlencoded";
}

/** Adds the pairs of an encoded form to `into`, first value winning. */
export function addFormPairs(into: Map<string, string>, encoded: string, skipSigV4: boolean): void {
  for (const pair of splitRawQuery(encoded)) {
    const name = decodeQueryComponent(pair.name, true);
    if (skipSigV4 && SIGV4_QUERY_PARAMETERS.has(name)) continue;
    if (!into.has(name)) into.set(name, decodeQueryComponent(pair.value, true));
  }
}

/** The flat parameters of a Query request: the body's first, then the query string's. */
export function readQueryParameters(rawQuery: string, body: Buffer | undefined): Map<string, string> {
  const params = new Map<string, string>();
  if (body !== undefined && body.length > 0) addFormPairs(params, body.toString("utf8"), false);
  if (rawQuery !== "") addFormPairs(params, rawQuery, true);
  return params;
}

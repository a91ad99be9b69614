// One-byte changes of a signed request: every character of the method, path and query, of every
// signed header's value, and every byte of the body, each replaced by another ("z", or "y" for
// "z": letters that are no hex digit, so a change never hides inside a %XX escape's case).
import { createHash } from "node:crypto";
import type { SignedRequest } from "../../../src/protocol/index.ts";

export interface Variant {
  /** What was changed, for assertion messages. */
  where: string;
  /** Which part: decides which refusal codes are right. */
  part: "method" | "path" | "query" | "query-auth" | "header" | "body";
  header?: string;
  request: SignedRequest;
}

const other = (c: string) => (c === "z" ? "y" : "z");
const replaceAt = (text: string, i: number) => text.slice(0, i) + other(text[i]!) + text.slice(i + 1);

/** Index ranges of SigV4's own presigned parameters (and the "&" before each) in a raw query. */
function authRanges(rawQuery: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (const piece of rawQuery.split("&")) {
    const end = start + piece.length;
    if (piece.toLowerCase().startsWith("x-amz-")) ranges.push([Math.max(0, start - 1), end]);
    start = end + 1;
  }
  return ranges;
}

export function* oneByteChanges(request: SignedRequest, body: Buffer, signedHeaders: readonly string[]): Generator<Variant> {
  for (let i = 0; i < request.method.length; i++) {
    yield { where: `method[${i}]`, part: "method", request: { ...request, method: replaceAt(request.method, i) } };
  }
  for (let i = 0; i < request.rawPath.length; i++) {
    yield { where: `path[${i}]`, part: "path", request: { ...request, rawPath: replaceAt(request.rawPath, i) } };
  }
  const ranges = authRanges(request.rawQuery);
  for (let i = 0; i < request.rawQuery.length; i++) {
    const auth = ranges.some(([from, to]) => i >= from && i <= to);
    yield { where: `query[${i}]`, part: auth ? "query-auth" : "query", request: { ...request, rawQuery: replaceAt(request.rawQuery, i) } };
  }
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (typeof value !== "string") continue;
    for (let i = 0; i < value.length; i++) {
      yield { where: `${name}[${i}]`, part: "header", header: name, request: { ...request, headers: { ...request.headers, [name]: replaceAt(value, i) } } };
    }
  }
  for (let i = 0; i < body.length; i++) {
    const changed = Buffer.from(body);
    changed[i] = changed[i] === 0x7a ? 0x79 : 0x7a;
    yield { where: `body[${i}]`, part: "body", request: { ...request, bodySha256Hex: createHash("sha256").update(changed).digest("hex") } };
  }
}

/** The signed header names of a header-signed or presigned request. */
export function signedHeaderNames(request: SignedRequest): string[] {
  const authorization = request.headers["authorization"];
  if (typeof authorization === "string") return /SignedHeaders=([^,\s]+)/.exec(authorization)![1]!.split(";");
  const match = /(?:^|&)X-Amz-SignedHeaders=([^&]+)/.exec(request.rawQuery);
  return decodeURIComponent(match![1]!).split(";");
}

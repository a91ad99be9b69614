// The canonical request and the string to sign (SigV4 steps 1 and 2):
//   METHOD \n canonical URI \n canonical query \n canonical headers \n signed headers \n payload hash
//   AWS4-HMAC-SHA256 \n X-Amz-Date \n scope \n hex(SHA-256(canonical request))
import { sha256Hex } from "../../crypto/index.ts";
import { ALGORITHM } from "./constants.ts";
import { canonicalUri } from "./canonical-uri.ts";
import { canonicalQuery } from "./canonical-query.ts";
import { canonicalHeaders, type HeaderBag } from "./canonical-headers.ts";
import type { RawPair } from "./query-pairs.ts";

export interface CanonicalRequestInput {
  method: string;
  rawPath: string;
  rawQuery: string;
  queryPairs: readonly RawPair[];
  headers: HeaderBag;
  signedHeaders: readonly string[];
  payloadHash: string;
  s3: boolean;
}

export function canonicalRequest(input: CanonicalRequestInput): string {
  return (
    input.method +
    "\n" +
    canonicalUri(input.rawPath, input.s3) +
    "\n" +
    canonicalQuery(input.rawQuery, input.queryPairs) +
    "\n" +
    canonicalHeaders(input.headers, input.signedHeaders) +
    "\n" +
    input.signedHeaders.join(";") +
    "\n" +
    input.payloadHash
  );
}

export function stringToSign(amzDate: string, scopeText: string, canonical: string): string {
  return ALGORITHM + "\n" + amzDate + "\n" + scopeText + "\n" + sha256Hex(canonical);
}

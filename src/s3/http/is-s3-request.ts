// For the composition root: is this request for S3? From the request line and headers only: a
// SigV4 credential scope whose service is "s3" (Authorization header or a presigned URL's
// X-Amz-Credential), or a Host "<bucket>.localhost[:port]" (virtual-hosted style).
import type { IncomingMessage } from "node:http";
import { decodeQueryComponent } from "../../protocol/index.ts";
import { virtualHostBucket } from "./address.ts";

const HEADER_S3_SCOPE = /Credential=[^/,\s]+\/\d{8}\/[^/,\s]+\/s3\/aws4_request/;
const QUERY_CREDENTIAL = /(?:^|&)X-Amz-Credential=([^&]*)/;
const QUERY_S3_SCOPE = /^[^/]+\/\d{8}\/[^/]+\/s3\/aws4_request$/;

export function isS3Request(req: IncomingMessage): boolean {
  const authorization = req.headers.authorization;
  if (typeof authorization === "string" && authorization.startsWith("AWS4-HMAC-SHA256")) return HEADER_S3_SCOPE.test(authorization);
  const url = req.url ?? "/";
  const question = url.indexOf("?");
  if (question !== -1) {
    const credential = QUERY_CREDENTIAL.exec(url.slice(question + 1));
    if (credential) return QUERY_S3_SCOPE.test(decodeQueryComponent(credential[1]!));
  }
  return virtualHostBucket(req.headers.host) !== undefined;
}

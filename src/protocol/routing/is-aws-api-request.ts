// For the composition root: is this request for the AWS APIs (and not the IdP or console)? From
// the request line and headers only: a SigV4 Authorization header or presigned query, an
// X-Amz-Target header, or a Query call to "/" (a form POST, or a GET with Action).
import type { IncomingMessage } from "node:http";
import { isFormContentType } from "../query/parse-form.ts";
import { splitTarget } from "../http/client-info.ts";

const PRESIGNED = /(?:^|&)X-Amz-(?:Algorithm|Credential|Signature)=/;
const ACTION = /(?:^|&)Action=/;

export function isAwsApiRequest(req: IncomingMessage): boolean {
  const authorization = req.headers.authorization;
  if (authorization !== undefined && (authorization.startsWith("AWS4-") || authorization.startsWith("AWS "))) return true;
  if (req.headers["x-amz-target"] !== undefined) return true;
  const { rawPath, rawQuery } = splitTarget(req.url);
  if (rawQuery !== "" && PRESIGNED.test(rawQuery)) return true;
  if (rawPath !== "/") return false;
  if (req.method === "POST" && isFormContentType(req.headers["content-type"])) return true;
  return req.method === "GET" && ACTION.test(rawQuery);
}

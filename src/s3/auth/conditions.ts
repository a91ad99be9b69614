// The condition keys every S3 request gives its policies (besides the caller's global keys that
// src/iam adds): transport, source and how it was signed. s3:ResourceAccount is the owner of the
// bucket being authorized, which ../auth/authorize.ts adds (a copy's source is another bucket).
import { headerValue } from "../../protocol/index.ts";
import type { ContextValue } from "../../policy/index.ts";
import type { S3Context } from "../context.ts";

export function requestConditions(ctx: S3Context): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {
    "aws:SecureTransport": ctx.secureTransport,
    "aws:SourceIp": ctx.sourceIp,
    "aws:RequestedRegion": ctx.region,
    "s3:authType": ctx.origin.presigned ? "REST-QUERY-STRING" : "REST-HEADER",
    "s3:signatureversion": "AWS4-HMAC-SHA256",
    "s3:signatureAge": String(Math.max(0, ctx.now.getTime() - ctx.origin.signedAt.getTime())),
  };
  const userAgent = headerValue(ctx.headers, "user-agent");
  if (userAgent !== undefined) context["aws:UserAgent"] = userAgent;
  const referer = headerValue(ctx.headers, "referer");
  if (referer !== undefined) context["aws:Referer"] = referer;
  const contentSha256 = headerValue(ctx.headers, "x-amz-content-sha256");
  if (contentSha256 !== undefined) context["s3:x-amz-content-sha256"] = contentSha256;
  if (ctx.origin.tlsVersion) context["s3:TlsVersion"] = ctx.origin.tlsVersion;
  return context;
}

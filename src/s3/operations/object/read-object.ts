// What GetObject and HeadObject share: authorization (s3:GetObject), the object or the right
// refusal for a missing one (NoSuchKey to a caller who may list the bucket, AccessDenied to one
// who may not, as S3 does not reveal which keys exist), the preconditions, and the range.
import { headerValue } from "../../../protocol/index.ts";
import type { S3ObjectRow } from "../../../store/index.ts";
import { authorizeS3, isAllowed } from "../../auth/authorize.ts";
import type { ObjectContext } from "../../context.ts";
import { S3Errors } from "../../errors.ts";
import { bucketArn, objectArn } from "../../model/arn.ts";
import { evaluatePreconditions } from "../../model/conditional.ts";
import { httpDate } from "../../model/http-date.ts";
import { parseRange, type ByteRange } from "../../model/range.ts";
import { checksumHeaders, objectHeaders } from "./stored.ts";

/** Query parameters that override response headers (presigned URLs use them). */
const OVERRIDES: ReadonlyArray<readonly [string, string]> = [
  ["response-content-type", "Content-Type"],
  ["response-content-language", "Content-Language"],
  ["response-expires", "Expires"],
  ["response-cache-control", "Cache-Control"],
  ["response-content-disposition", "Content-Disposition"],
  ["response-content-encoding", "Content-Encoding"],
];

export type ObjectRead =
  | { kind: "not-modified"; headers: Record<string, string> }
  | { kind: "object"; row: S3ObjectRow; range: ByteRange | undefined; status: number; headers: Record<string, string>; length: number };

export async function readObject(ctx: ObjectContext): Promise<ObjectRead> {
  await authorizeS3(ctx, "s3:GetObject", objectArn(ctx.bucketName, ctx.key));
  if (ctx.query.has("versionId") && ctx.query.get("versionId") !== "null") throw S3Errors.invalidArgument("Invalid version id specified", "versionId", ctx.query.get("versionId"));
  const row = await ctx.deps.repo.getObject(ctx.bucketName, ctx.key);
  if (!row) {
    if (await isAllowed(ctx, "s3:ListBucket", bucketArn(ctx.bucketName))) throw S3Errors.noSuchKey(ctx.key);
    throw S3Errors.accessDenied();
  }
  if (evaluatePreconditions(ctx.headers, row.etag, row.lastModified) === "not-modified") {
    return { kind: "not-modified", headers: { ETag: row.etag, "Last-Modified": httpDate(row.lastModified) } };
  }
  const range = parseRange(headerValue(ctx.headers, "range"), row.size);
  const headers = objectHeaders(row);
  for (const [parameter, header] of OVERRIDES) {
    const value = ctx.query.get(parameter);
    if (value !== undefined) headers[header] = value;
  }
  if (range) {
    headers["Content-Range"] = `bytes ${range.start}-${range.end}/${row.size}`;
  } else if (headerValue(ctx.headers, "x-amz-checksum-mode")?.toUpperCase() === "ENABLED") {
    Object.assign(headers, checksumHeaders(row));
  }
  const length = range ? range.end - range.start + 1 : row.size;
  return { kind: "object", row, range, status: range ? 206 : 200, headers, length };
}

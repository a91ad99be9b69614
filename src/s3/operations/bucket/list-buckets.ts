// ListBuckets (GET /): the caller's account's buckets by name, with their regions; prefix,
// bucket-region, max-buckets and continuation-token narrow and page it. Action s3:ListAllMyBuckets.
import { authorizeS3 } from "../../auth/authorize.ts";
import { S3Errors } from "../../errors.ts";
import { opt, xmlDocument, type XmlNode } from "../../http/xml.ts";
import { canonicalUserId } from "../../model/canonical-user.ts";
import type { S3Operation } from "../types.ts";

const MAX_BUCKETS = 10_000;

function decodeToken(token: string): string {
  const text = Buffer.from(token, "base64").toString("utf8");
  if (!text.startsWith("b:")) throw S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
  return text.slice(2);
}

export const listBuckets: S3Operation = {
  name: "ListBuckets",
  scope: "service",
  async run(ctx) {
    await authorizeS3(ctx, "s3:ListAllMyBuckets", "*");
    const prefix = ctx.query.get("prefix") ?? "";
    const region = ctx.query.get("bucket-region");
    const maxText = ctx.query.get("max-buckets");
    const max = maxText === undefined ? MAX_BUCKETS : Number(maxText);
    if (!Number.isInteger(max) || max < 1 || max > MAX_BUCKETS) throw S3Errors.invalidArgument("Argument max-buckets must be an integer between 1 and 10000", "max-buckets", maxText);
    const token = ctx.query.get("continuation-token");
    const after = token === undefined ? "" : decodeToken(token);
    const all = (await ctx.deps.repo.listBuckets(ctx.caller.accountId)).filter((b) => b.name.startsWith(prefix) && b.name > after && (region === undefined || b.region === region));
    const page = all.slice(0, max);
    const next = all.length > max ? Buffer.from(`b:${page[page.length - 1]!.name}`, "utf8").toString("base64") : undefined;
    const buckets: XmlNode[] = page.map((b) => ["Bucket", [["Name", b.name], ["CreationDate", b.createdAt], ["BucketRegion", b.region]]]);
    return {
      body: xmlDocument("ListAllMyBucketsResult", [
        ["Owner", [["ID", canonicalUserId(ctx.caller.accountId)]]],
        ["Buckets", buckets],
        opt("ContinuationToken", next),
        opt("Prefix", ctx.query.get("prefix")),
      ]),
    };
  },
};

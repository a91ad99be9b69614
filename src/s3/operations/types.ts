// One S3 operation: its name, what it needs the request to name (no bucket, a bucket to create, an
// existing bucket, an object in one), and what it does. Each authorizes itself, since what it asks
// for (action, resource, condition keys) depends on the request: see ../auth/authorize.ts.
import type { BucketContext, ObjectContext, S3Context, S3Response } from "../context.ts";

export type S3Operation =
  | { name: string; scope: "service" | "new-bucket"; run(ctx: S3Context): Promise<S3Response> }
  | { name: string; scope: "bucket"; run(ctx: BucketContext): Promise<S3Response> }
  | { name: string; scope: "object"; run(ctx: ObjectContext): Promise<S3Response> };

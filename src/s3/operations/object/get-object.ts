// GetObject and HeadObject (GET and HEAD /<bucket>/<key>): the object's headers (SSE ones included:
// the key's ARN for SSE-KMS), 304 and 412 by the conditional headers, 206 for a range. GetObject
// streams the plaintext from the bodies, which ask KMS to decrypt the data key as the caller (so a
// caller without kms:Decrypt is refused there); HeadObject never touches the key, as on AWS.
import { storedBodyOf } from "./stored.ts";
import { readObject } from "./read-object.ts";
import type { S3Operation } from "../types.ts";

export const getObject: S3Operation = {
  name: "GetObject",
  scope: "object",
  async run(ctx) {
    const read = await readObject(ctx);
    if (read.kind === "not-modified") return { status: 304, headers: read.headers };
    const body = storedBodyOf(read.row);
    const release = ctx.leases.hold(body.parts);
    let source: AsyncIterable<Uint8Array>;
    try {
      source = await ctx.deps.bodies.read(body, read.range, ctx.who);
    } catch (error) {
      release();
      throw error;
    }
    return { status: read.status, headers: read.headers, stream: { source: ctx.leases.holding(source, release), length: read.length } };
  },
};

export const headObject: S3Operation = {
  name: "HeadObject",
  scope: "object",
  async run(ctx) {
    const read = await readObject(ctx);
    if (read.kind === "not-modified") return { status: 304, headers: read.headers };
    return { status: read.status, headers: { ...read.headers, "Content-Length": String(read.length) } };
  },
};

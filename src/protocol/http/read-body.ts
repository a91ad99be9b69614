// Reads a request body into memory, refusing more than a limit (Content-Length checked up front,
// the actual bytes counted as they come).
import type { IncomingMessage } from "node:http";
import { AwsError } from "../errors/aws-error.ts";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function tooLarge(limit: number): AwsError {
  return new AwsError("RequestEntityTooLarge", `Request body must be at most ${limit} bytes.`, { status: 413 });
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!failed) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on("error", (error) => {
      if (!failed) {
        failed = true;
        reject(error);
      }
    });
  });
}

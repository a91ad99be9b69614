// Shared by the storage tests: object bodies over a fresh directory, sources of plaintext cut in
// chosen ways, and what is on disk.
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { loadOrCreateFileRootKey, type RootKeyProvider } from "../../src/crypto/index.ts";
import type { KmsDeps } from "../../src/kms/index.ts";
import type { Caller } from "../../src/sts/index.ts";
import { createObjectBodies, type ObjectBodies, type SseCaller } from "../../src/s3/storage/index.ts";

export const MARKER = Buffer.from("<<FEDERA-PLAINTEXT-MARKER>>");
export const KiB = 1024;
export const MiB = 1024 * KiB;
export const SEGMENT = 64 * KiB;

/** The lab's root, as a caller (SSE-S3 never asks KMS, so no KMS engine is needed). */
export const ROOT_CALLER = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "unused",
  accountId: "111122223333",
  arn: "arn:aws:iam::111122223333:root",
  userId: "111122223333",
  principal: { type: "root", arn: "arn:aws:iam::111122223333:root", accountId: "111122223333", userId: "111122223333" },
} as unknown as Caller;

export function who(caller: Caller = ROOT_CALLER): SseCaller {
  return { caller, region: "us-east-1", sourceIp: "127.0.0.1", secureTransport: false, now: new Date(), requestId: "test-request" };
}

export interface Sse3Bodies {
  bodies: ObjectBodies;
  dir: string;
  rootKey: RootKeyProvider;
}

/** Object bodies for SSE-S3 only, over a fresh directory (a KMS engine that must never be called). */
export function sseS3Bodies(dir = mkdtempSync(join(tmpdir(), "federa-s3-storage-"))): Sse3Bodies {
  const rootKey = loadOrCreateFileRootKey(dir);
  const kms = new Proxy({}, { get: () => { throw new Error("SSE-S3 must not call KMS"); } }) as KmsDeps;
  return { bodies: createObjectBodies({ dir: join(dir, "s3"), kms, rootKey }), dir: join(dir, "s3"), rootKey };
}

/** `size` random bytes with the marker written in every 4 KiB (so any plaintext on disk would show). */
export function plaintext(size: number): Buffer {
  const bytes = randomBytes(size);
  for (let at = 0; at + MARKER.length <= size; at += 4 * KiB) MARKER.copy(bytes, at);
  return bytes;
}

/** The bytes as a source, in chunks of the given sizes (cycled), as a request body arrives. */
export async function* chunked(bytes: Buffer, sizes: number[] = [16 * KiB]): AsyncGenerator<Uint8Array> {
  let at = 0;
  let i = 0;
  while (at < bytes.length) {
    const n = Math.max(1, sizes[i++ % sizes.length]!);
    yield new Uint8Array(bytes.subarray(at, at + n));
    at += n;
  }
}

export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** True when no file under `dir` holds `needle`. */
export function noneHolds(dir: string, needle: Buffer): boolean {
  return filesUnder(dir).every((path) => !readFileSync(path).includes(needle));
}

/** The path of a stored blob. */
export function blobPath(dir: string, blobId: string): string {
  return join(dir, "objects", blobId.slice(0, 2), blobId);
}

/** The error a promise (or the first pass over a stream) failed with. */
export async function failure(run: () => Promise<unknown>): Promise<Error & { code?: string; status?: number }> {
  try {
    await run();
  } catch (error) {
    return error as Error & { code?: string; status?: number };
  }
  throw new Error("expected a failure");
}

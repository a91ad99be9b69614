// A 1 GB body streams through writePart and read with flat memory: the data is made on the fly,
// chunk by chunk as a request body arrives, and the process's resident memory may not grow by
// 100 MB at any point, writing or reading.
import { after, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { rmSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { blobPath, KiB, MiB, sseS3Bodies, who } from "./storage-support.ts";

const TOTAL = 1024 * MiB;
const CHUNK = 64 * KiB + 123; // not a multiple of the segment size, as network reads are not
const LIMIT = 100 * MiB;

const { bodies, dir, rootKey } = sseS3Bodies();
after(async () => {
  await rootKey.close();
  rmSync(dirname(dir), { recursive: true, force: true });
});

/** Resident memory, its peak as sampled, against a baseline taken once everything is warm. */
function memoryWatch() {
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  return {
    sample() {
      const rss = process.memoryUsage().rss;
      if (rss > peak) peak = rss;
    },
    growth: () => peak - baseline,
  };
}

it("writes and reads 1 GB with flat memory", async () => {
  // Warm up: the code paths, the buffers' pools.
  const warm = await bodies.newEnvelope({ algorithm: "AES256" }, "arn:aws:s3:::big/warm", who());
  const warmPart = await bodies.writePart(warm, (async function* () { yield randomBytes(4 * MiB); })(), who());
  for await (const _ of await bodies.read({ envelope: warm, parts: [warmPart], size: warmPart.size, md5Hex: warmPart.etagHex }, undefined, who())) void _;

  const envelope = await bodies.newEnvelope({ algorithm: "AES256" }, "arn:aws:s3:::big/one-gigabyte", who());
  const block = randomBytes(CHUNK);
  const sent = createHash("md5");
  const watch = memoryWatch();
  async function* generated(): AsyncGenerator<Uint8Array> {
    for (let at = 0, n = 0; at < TOTAL; at += CHUNK, n++) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, TOTAL - at));
      block.copy(chunk, 0, 0, chunk.length);
      chunk.writeUInt32BE(n, 0); // every chunk differs
      sent.update(chunk);
      if (n % 256 === 0) watch.sample();
      yield chunk;
    }
  }
  const started = Date.now();
  const part = await bodies.writePart(envelope, generated(), who());
  const wrote = Date.now() - started;
  assert.equal(part.size, TOTAL);
  const sentMd5 = sent.digest("hex");
  assert.equal(part.md5Hex, sentMd5);
  assert.equal(statSync(blobPath(dir, part.blobId)).size, 8 + TOTAL + 16 * (TOTAL / (64 * KiB)));
  const afterWrite = watch.growth();

  const received = createHash("md5");
  let bytes = 0;
  let n = 0;
  const readStarted = Date.now();
  for await (const chunk of await bodies.read({ envelope, parts: [{ blobId: part.blobId, size: part.size }], size: part.size, md5Hex: part.md5Hex }, undefined, who())) {
    received.update(chunk);
    bytes += chunk.length;
    if (++n % 256 === 0) watch.sample();
  }
  const read = Date.now() - readStarted;
  assert.equal(bytes, TOTAL);
  assert.equal(received.digest("hex"), sentMd5);
  const mb = (b: number) => (b / MiB).toFixed(1);
  console.log(`# 1 GB: write ${wrote} ms (${(1024 / (wrote / 1000)).toFixed(0)} MiB/s), read ${read} ms (${(1024 / (read / 1000)).toFixed(0)} MiB/s); RSS growth ${mb(afterWrite)} MiB writing, ${mb(watch.growth())} MiB overall`);
  assert.ok(watch.growth() < LIMIT, `RSS grew by ${mb(watch.growth())} MiB`);
});

// Acknowledged objects survive kill -9, and nothing half-written ever shows: a federa process is
// killed without warning while several clients upload SSE-KMS objects (one of them a large body
// that is still streaming, one a multipart upload that is never completed); started again on the
// same data directory, every object whose PUT was acknowledged reads back exactly, every object
// that is listed is whole, and the unfinished ones are absent.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { CreateBucketCommand, CreateMultipartUploadCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, UploadPartCommand } from "@aws-sdk/client-s3";
import { bytesOf, s3Client } from "./api-helpers.ts";
import { startFederaProcess } from "../support/federa-process.ts";

const md5 = (data: Buffer) => createHash("md5").update(data).digest("hex");
const BUCKET = "durable-bucket";

describe("durability of objects", () => {
  it("keeps every acknowledged object across kill -9, and never shows a partial one", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "federa-s3-kill-"));
    try {
      const first = await startFederaProcess(dataDir);
      const s3 = s3Client(first.url);
      await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
      const intended = new Map<string, string>();
      const acknowledged = new Map<string, string>();
      let stop = false;
      const writer = async (n: number) => {
        for (let i = 0; !stop; i++) {
          const key = `w${n}/object-${i}`;
          const data = randomBytes(64 * 1024 + ((n * 7919 + i * 104_729) % (256 * 1024)));
          intended.set(key, md5(data));
          try {
            await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: data, ServerSideEncryption: "aws:kms" }));
            acknowledged.set(key, md5(data));
          } catch {
            return; // the connection died with the process: nothing was acknowledged
          }
        }
      };
      // A large body that is still streaming when the process dies.
      const big = randomBytes(64 * 1024 * 1024);
      intended.set("big/streaming", md5(big));
      async function* slowly(): AsyncGenerator<Buffer> {
        for (let offset = 0; offset < big.length; offset += 1024 * 1024) {
          yield big.subarray(offset, offset + 1024 * 1024);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      const streaming = s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "big/streaming", Body: Readable.from(slowly()), ContentLength: big.length })).catch(() => undefined);
      // A multipart upload whose parts are stored but which is never completed.
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "unfinished/multipart", ServerSideEncryption: "aws:kms" }));
      await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: "unfinished/multipart", UploadId, PartNumber: 1, Body: randomBytes(5 * 1024 * 1024) }));

      const writers = [0, 1, 2, 3].map(writer);
      await new Promise((r) => setTimeout(r, 1500));
      const exited = new Promise((r) => first.child.on("exit", r));
      first.child.kill("SIGKILL");
      await exited;
      stop = true;
      await Promise.all([...writers, streaming]);
      assert.ok(acknowledged.size >= 10, `only ${acknowledged.size} objects were stored before the kill`);

      const second = await startFederaProcess(dataDir);
      try {
        const again = s3Client(second.url);
        for (const [key, sum] of acknowledged) {
          const body = await bytesOf((await again.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body);
          assert.equal(md5(body), sum, key);
        }
        const listed: string[] = [];
        let token: string | undefined;
        do {
          const page = await again.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: token }));
          listed.push(...(page.Contents ?? []).map((c) => c.Key!));
          token = page.NextContinuationToken;
        } while (token);
        for (const key of listed) {
          assert.ok(intended.has(key), `an object nobody wrote: ${key}`);
          const body = await bytesOf((await again.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body);
          assert.equal(md5(body), intended.get(key), `a partial object: ${key}`);
        }
        assert.ok(!listed.includes("big/streaming"), "the body that was still streaming became an object");
        assert.ok(!listed.includes("unfinished/multipart"), "an unfinished multipart upload became an object");
      } finally {
        const exited2 = new Promise((r) => second.child.on("exit", r));
        second.child.kill("SIGTERM");
        await exited2;
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

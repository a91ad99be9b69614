// Multipart uploads through the AWS SDK: Create, UploadPart (parts replaced by number), ListParts,
// Complete (the "md5-of-md5s-N" ETag, composite checksums), Abort, ListMultipartUploads, and the
// refusals in S3's words: InvalidPart, InvalidPartOrder, EntityTooSmall, NoSuchUpload, and an
// incomplete upload that is never visible.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { bytesOf, refusal, s3Client } from "./api-helpers.ts";

let federa: RunningFedera;
let s3: S3Client;
const BUCKET = "multipart-bucket";
const MiB = 1024 * 1024;
const md5 = (data: Buffer) => createHash("md5").update(data).digest();

before(async () => {
  federa = await startFedera();
  s3 = s3Client(federa.url);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
after(() => federa.stop());

async function start(key: string, extra: Record<string, unknown> = {}): Promise<string> {
  return (await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key, ...extra }))).UploadId!;
}

async function part(key: string, uploadId: string, partNumber: number, body: Buffer, extra: Record<string, unknown> = {}) {
  return s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: body, ...extra }));
}

describe("a multipart upload", () => {
  it("assembles parts into one object whose ETag is the MD5 of the parts' MD5s", async () => {
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(123_457)];
    const uploadId = await start("big.bin", { ContentType: "application/x-big", Metadata: { kind: "multipart" } });
    const etags: string[] = [];
    for (const [i, data] of parts.entries()) {
      const out = await part("big.bin", uploadId, i + 1, data);
      assert.equal(out.ETag, `"${md5(data).toString("hex")}"`);
      assert.equal(out.ServerSideEncryption, "AES256");
      etags.push(out.ETag!);
    }
    const listed = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: "big.bin", UploadId: uploadId }));
    assert.deepEqual(listed.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag]), parts.map((d, i) => [i + 1, d.length, etags[i]]));
    // Before completion there is no object.
    assert.equal((await refusal(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "big.bin" })))).status, 404);
    const done = await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "big.bin", UploadId: uploadId, MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) } }),
    );
    const expected = createHash("md5").update(Buffer.concat(parts.map(md5))).digest("hex");
    assert.equal(done.ETag, `"${expected}-3"`);
    assert.equal(done.Bucket, BUCKET);
    assert.equal(done.Key, "big.bin");
    assert.match(done.Location ?? "", new RegExp(`/${BUCKET}/big\\.bin$`));
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "big.bin" }));
    const body = await bytesOf(got.Body);
    assert.ok(body.equals(Buffer.concat(parts)));
    assert.equal(got.ContentType, "application/x-big");
    assert.deepEqual(got.Metadata, { kind: "multipart" });
    // A range across the parts' boundary.
    const across = await bytesOf((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "big.bin", Range: `bytes=${5 * MiB - 10}-${5 * MiB + 9}` }))).Body);
    assert.ok(across.equals(Buffer.concat(parts).subarray(5 * MiB - 10, 5 * MiB + 10)));
    assert.equal((await refusal(s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: "big.bin", UploadId: uploadId })))).name, "NoSuchUpload");
  });

  it("a part uploaded again replaces the earlier one; parts left out are dropped", async () => {
    const uploadId = await start("replaced.bin");
    await part("replaced.bin", uploadId, 1, Buffer.from("first version"));
    const second = await part("replaced.bin", uploadId, 1, Buffer.from("second version"));
    await part("replaced.bin", uploadId, 2, Buffer.from("left out"));
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "replaced.bin", UploadId: uploadId, MultipartUpload: { Parts: [{ ETag: second.ETag, PartNumber: 1 }] } }));
    assert.equal((await bytesOf((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "replaced.bin" }))).Body)).toString(), "second version");
  });

  it("composite checksums: each part's CRC32, and the object's checksum of them with -N", async () => {
    const data = [randomBytes(5 * MiB), randomBytes(1000)];
    const uploadId = await start("checksummed.bin", { ChecksumAlgorithm: "CRC32" });
    const outs = [];
    for (const [i, d] of data.entries()) outs.push(await part("checksummed.bin", uploadId, i + 1, d, { ChecksumAlgorithm: "CRC32" }));
    assert.ok(outs.every((o) => typeof o.ChecksumCRC32 === "string"));
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: "checksummed.bin",
        UploadId: uploadId,
        MultipartUpload: { Parts: outs.map((o, i) => ({ ETag: o.ETag, PartNumber: i + 1, ChecksumCRC32: o.ChecksumCRC32 })) },
      }),
    );
    assert.match(done.ChecksumCRC32 ?? "", /^[A-Za-z0-9+/]{6}==-2$/);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "checksummed.bin", ChecksumMode: "ENABLED" }));
    assert.equal(head.ChecksumCRC32, done.ChecksumCRC32);
    assert.equal(head.ChecksumType, "COMPOSITE");
  });
});

describe("UploadPartCopy", () => {
  it("makes parts of another object's bytes, whole or a range of them", async () => {
    const source = randomBytes(6 * MiB);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "copy-source.bin", Body: source }));
    const uploadId = await start("assembled.bin");
    const first = await s3.send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: "assembled.bin", UploadId: uploadId, PartNumber: 1, CopySource: `${BUCKET}/copy-source.bin` }));
    assert.equal(first.CopyPartResult?.ETag, `"${md5(source).toString("hex")}"`);
    const second = await s3.send(
      new UploadPartCopyCommand({ Bucket: BUCKET, Key: "assembled.bin", UploadId: uploadId, PartNumber: 2, CopySource: `${BUCKET}/copy-source.bin`, CopySourceRange: "bytes=100-199" }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: "assembled.bin",
        UploadId: uploadId,
        MultipartUpload: { Parts: [{ ETag: first.CopyPartResult!.ETag, PartNumber: 1 }, { ETag: second.CopyPartResult!.ETag, PartNumber: 2 }] },
      }),
    );
    const body = await bytesOf((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "assembled.bin" }))).Body);
    assert.ok(body.equals(Buffer.concat([source, source.subarray(100, 200)])));
    const outside = await refusal(
      s3.send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: "x.bin", UploadId: await start("x.bin"), PartNumber: 1, CopySource: `${BUCKET}/copy-source.bin`, CopySourceRange: `bytes=0-${6 * MiB}` })),
    );
    assert.equal(outside.name, "InvalidArgument");
  });
});

describe("reads and changes", () => {
  it("a GetObject that began before the object was deleted reads the old body to its end", async () => {
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(3 * MiB)];
    const uploadId = await start("read-while-deleted.bin");
    const etags = [];
    for (const [i, data] of parts.entries()) etags.push((await part("read-while-deleted.bin", uploadId, i + 1, data)).ETag);
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "read-while-deleted.bin", UploadId: uploadId, MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) } }));
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "read-while-deleted.bin" }));
    const iterator = (got.Body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    const first = await iterator.next();
    const chunks = [Buffer.from(first.value!)];
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "read-while-deleted.bin" }));
    // Past the grace that a removal waits for anyway: only the read's hold keeps the bytes now.
    await new Promise((r) => setTimeout(r, 2_500));
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) chunks.push(Buffer.from(next.value));
    assert.ok(Buffer.concat(chunks).equals(Buffer.concat(parts)));
    assert.equal((await refusal(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "read-while-deleted.bin" })))).status, 404);
  });
});

describe("refusals", () => {
  it("InvalidPart for an unknown part or a wrong ETag; InvalidPartOrder for descending numbers", async () => {
    const uploadId = await start("bad.bin");
    const one = await part("bad.bin", uploadId, 1, randomBytes(5 * MiB));
    const two = await part("bad.bin", uploadId, 2, Buffer.from("tail"));
    const unknown = await refusal(
      s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "bad.bin", UploadId: uploadId, MultipartUpload: { Parts: [{ ETag: one.ETag, PartNumber: 1 }, { ETag: two.ETag, PartNumber: 3 }] } })),
    );
    assert.deepEqual(unknown, {
      name: "InvalidPart",
      message: "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      status: 400,
    });
    const wrongTag = await refusal(s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "bad.bin", UploadId: uploadId, MultipartUpload: { Parts: [{ ETag: two.ETag, PartNumber: 1 }] } })));
    assert.equal(wrongTag.name, "InvalidPart");
    const order = await refusal(
      s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "bad.bin", UploadId: uploadId, MultipartUpload: { Parts: [{ ETag: two.ETag, PartNumber: 2 }, { ETag: one.ETag, PartNumber: 1 }] } })),
    );
    assert.deepEqual(order, { name: "InvalidPartOrder", message: "The list of parts was not in ascending order. Parts must be ordered by part number.", status: 400 });
    // Still there after the refusals.
    assert.equal((await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: "bad.bin", UploadId: uploadId }))).Parts?.length, 2);
  });

  it("EntityTooSmall for a part under 5 MiB that is not the last", async () => {
    const uploadId = await start("small.bin");
    const one = await part("small.bin", uploadId, 1, randomBytes(1024));
    const two = await part("small.bin", uploadId, 2, randomBytes(1024));
    const refused = await refusal(
      s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "small.bin", UploadId: uploadId, MultipartUpload: { Parts: [{ ETag: one.ETag, PartNumber: 1 }, { ETag: two.ETag, PartNumber: 2 }] } })),
    );
    assert.deepEqual(refused, { name: "EntityTooSmall", message: "Your proposed upload is smaller than the minimum allowed size", status: 400 });
    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: "small.bin", UploadId: uploadId }));
  });

  it("NoSuchUpload for an unknown or aborted upload, and for an upload of another key", async () => {
    const uploadId = await start("aborted.bin");
    await part("aborted.bin", uploadId, 1, Buffer.from("x"));
    const listed = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: "aborted" }));
    assert.deepEqual(listed.Uploads?.map((u) => [u.Key, u.UploadId]), [["aborted.bin", uploadId]]);
    const otherKey = await refusal(part("another-key.bin", uploadId, 1, Buffer.from("x")));
    assert.equal(otherKey.name, "NoSuchUpload");
    assert.equal((await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: "aborted.bin", UploadId: uploadId }))).$metadata.httpStatusCode, 204);
    const gone = await refusal(part("aborted.bin", uploadId, 2, Buffer.from("x")));
    assert.deepEqual(gone, { name: "NoSuchUpload", message: "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", status: 404 });
    assert.equal((await refusal(s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: "aborted.bin", UploadId: uploadId })))).name, "NoSuchUpload");
    assert.equal((await refusal(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "aborted.bin" })))).status, 404);
  });

  it("part numbers outside 1–10000 are InvalidArgument", async () => {
    const uploadId = await start("numbers.bin");
    const refused = await refusal(part("numbers.bin", uploadId, 10001, Buffer.from("x")));
    assert.deepEqual(refused, { name: "InvalidArgument", message: "Part number must be an integer between 1 and 10000, inclusive", status: 400 });
  });
});

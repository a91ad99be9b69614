// Objects through the AWS SDK: PutObject and GetObject round trips (empty, small, 1 MiB, streamed
// bodies, metadata and representation headers), ranges (206, InvalidRange 416), conditional GETs
// (304, 412) and conditional PUTs, HeadObject, DeleteObject and DeleteObjects (Quiet), the
// listings (ListObjectsV2 with prefix, delimiter, pages, start-after, encoding-type; ListObjects
// with markers) and CopyObject (metadata directives, self-copy, copy-source conditions).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { randomBytes, createHash } from "node:crypto";
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectTaggingCommand,
  GetObjectTaggingCommand,
  PutObjectTaggingCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { bytesOf, errorOf, refusal, s3Client, signedFetch } from "./api-helpers.ts";

let federa: RunningFedera;
let s3: S3Client;
const BUCKET = "objects-bucket";
const md5 = (data: Buffer | string) => createHash("md5").update(data).digest("hex");

before(async () => {
  federa = await startFedera();
  s3 = s3Client(federa.url);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
after(() => federa.stop());

async function get(key: string, extra: Record<string, unknown> = {}) {
  const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, ...extra }));
  return { out, body: await bytesOf(out.Body) };
}

describe("PutObject and GetObject", () => {
  it("round-trips bytes, with the ETag of their MD5, metadata and representation headers", async () => {
    const data = randomBytes(1024 * 1024);
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "data/one.bin",
        Body: data,
        ContentType: "application/x-test",
        CacheControl: "max-age=60",
        ContentDisposition: 'attachment; filename="one.bin"',
        ContentLanguage: "en",
        Metadata: { owner: "bob", purpose: "round trip" },
      }),
    );
    assert.equal(put.ETag, `"${md5(data)}"`);
    assert.equal(put.ServerSideEncryption, "AES256");
    const { out, body } = await get("data/one.bin");
    assert.ok(body.equals(data));
    assert.equal(out.ETag, put.ETag);
    assert.equal(out.ContentType, "application/x-test");
    assert.equal(out.CacheControl, "max-age=60");
    assert.equal(out.ContentDisposition, 'attachment; filename="one.bin"');
    assert.equal(out.ContentLanguage, "en");
    assert.equal(out.ContentLength, data.length);
    assert.deepEqual(out.Metadata, { owner: "bob", purpose: "round trip" });
    assert.equal(out.ServerSideEncryption, "AES256");
    assert.ok(out.LastModified instanceof Date);
  });

  it("stores an empty object", async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "empty", Body: "" }));
    assert.equal(put.ETag, '"d41d8cd98f00b204e9800998ecf8427e"');
    const { out, body } = await get("empty");
    assert.equal(body.length, 0);
    assert.equal(out.ContentLength, 0);
  });

  it("takes a streamed body (aws-chunked with a trailing checksum) and keeps no aws-chunked encoding", async () => {
    const data = randomBytes(300_000);
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "streamed", Body: Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]), ContentLength: data.length }));
    assert.equal(put.ETag, `"${md5(data)}"`);
    const { out, body } = await get("streamed");
    assert.ok(body.equals(data));
    assert.equal(out.ContentEncoding, undefined);
  });

  it("keeps keys as written: unicode, spaces, plus signs, percent signs and slashes", async () => {
    const key = "dir/sub dir/ünïcødé+plus%25 and ?question#hash.txt";
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: "odd" }));
    assert.equal((await get(key)).body.toString(), "odd");
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "dir/" }));
    assert.deepEqual(listed.Contents?.map((c) => c.Key), [key]);
  });

  it("replaces an object of the same key", async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "replaced", Body: "first" }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "replaced", Body: "second" }));
    assert.equal((await get("replaced")).body.toString(), "second");
  });

  it("conditional writes: If-None-Match: * and If-Match", async () => {
    const first = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "once", Body: "1", IfNoneMatch: "*" }));
    const again = await refusal(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "once", Body: "2", IfNoneMatch: "*" })));
    assert.deepEqual(again, { name: "PreconditionFailed", message: "At least one of the pre-conditions you specified did not hold", status: 412 });
    const stale = await refusal(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "once", Body: "2", IfMatch: '"0123456789abcdef0123456789abcdef"' })));
    assert.equal(stale.status, 412);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "once", Body: "3", IfMatch: first.ETag }));
    assert.equal((await get("once")).body.toString(), "3");
    const missing = await refusal(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "never-was", Body: "x", IfMatch: first.ETag })));
    assert.equal(missing.name, "NoSuchKey");
  });

  it("NoSuchKey for a missing key, with the key in the XML body", async () => {
    const refused = await refusal(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "missing/key" })));
    assert.deepEqual(refused, { name: "NoSuchKey", message: "The specified key does not exist.", status: 404 });
    const response = await signedFetch(federa.url, { method: "GET", path: `/${BUCKET}/missing/key`, payloadHash: "UNSIGNED-PAYLOAD" });
    assert.match(response.body, /<Key>missing\/key<\/Key>/);
    const head = await refusal(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "missing/key" })));
    assert.equal(head.status, 404);
  });

  it("refuses a key longer than 1024 bytes (KeyTooLongError)", async () => {
    const refused = await refusal(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "k".repeat(1025), Body: "x" })));
    assert.deepEqual(refused, { name: "KeyTooLongError", message: "Your key is too long", status: 400 });
  });

  it("refuses more than 2 KB of user metadata (MetadataTooLarge)", async () => {
    const refused = await refusal(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "meta", Body: "x", Metadata: { big: "v".repeat(2100) } })));
    assert.equal(refused.name, "MetadataTooLarge");
  });
});

describe("ranges and conditional GETs", () => {
  const text = "0123456789abcdefghij";
  let etag: string;
  let modified: Date;
  before(async () => {
    etag = (await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "ranged", Body: text }))).ETag!;
    modified = (await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "ranged" }))).LastModified!;
  });

  for (const [range, expected, contentRange] of [
    ["bytes=0-4", "01234", "bytes 0-4/20"],
    ["bytes=15-", "fghij", "bytes 15-19/20"],
    ["bytes=-3", "hij", "bytes 17-19/20"],
    ["bytes=18-100", "ij", "bytes 18-19/20"],
  ] as const) {
    it(`${range} → 206 ${contentRange}`, async () => {
      const { out, body } = await get("ranged", { Range: range });
      assert.equal(out.$metadata.httpStatusCode, 206);
      assert.equal(body.toString(), expected);
      assert.equal(out.ContentRange, contentRange);
      assert.equal(out.ContentLength, expected.length);
    });
  }

  it("a range past the end is InvalidRange (416); an unreadable one is ignored", async () => {
    const refused = await refusal(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "ranged", Range: "bytes=20-30" })));
    assert.deepEqual(refused, { name: "InvalidRange", message: "The requested range is not satisfiable", status: 416 });
    const ignored = await get("ranged", { Range: "bytes=a-b" });
    assert.equal(ignored.out.$metadata.httpStatusCode, 200);
    assert.equal(ignored.body.toString(), text);
  });

  it("HeadObject with a range answers 206 and the range's length", async () => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "ranged", Range: "bytes=2-5" }));
    assert.equal(head.ContentLength, 4);
    assert.equal(head.ContentRange, "bytes 2-5/20");
  });

  it("If-None-Match with the ETag and If-Modified-Since a later time are 304", async () => {
    assert.equal((await refusal(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "ranged", IfNoneMatch: etag })))).status, 304);
    assert.equal((await refusal(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "ranged", IfModifiedSince: new Date(modified.getTime() + 1000) })))).status, 304);
    assert.equal((await refusal(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "ranged", IfNoneMatch: "*" })))).status, 304);
    const changed = await get("ranged", { IfModifiedSince: new Date(modified.getTime() - 60_000) });
    assert.equal(changed.body.toString(), text);
  });

  it("If-Match with another ETag and If-Unmodified-Since an earlier time are 412 PreconditionFailed", async () => {
    const mismatch = await refusal(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "ranged", IfMatch: '"ffffffffffffffffffffffffffffffff"' })));
    assert.deepEqual(mismatch, { name: "PreconditionFailed", message: "At least one of the pre-conditions you specified did not hold", status: 412 });
    const response = await signedFetch(federa.url, { method: "GET", path: `/${BUCKET}/ranged`, headers: { "if-match": '"nope"' }, payloadHash: "UNSIGNED-PAYLOAD" });
    assert.match(response.body, /<Condition>If-Match<\/Condition>/);
    const unmodified = await refusal(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "ranged", IfUnmodifiedSince: new Date(modified.getTime() - 60_000) })));
    assert.equal(unmodified.status, 412);
    // If-Match holds: If-Unmodified-Since is not consulted.
    const both = await get("ranged", { IfMatch: etag, IfUnmodifiedSince: new Date(modified.getTime() - 60_000) });
    assert.equal(both.body.toString(), text);
  });

  it("response-* query parameters override the answer's headers", async () => {
    const { out } = await get("ranged", { ResponseContentType: "text/plain", ResponseContentDisposition: "inline", ResponseCacheControl: "no-cache" });
    assert.equal(out.ContentType, "text/plain");
    assert.equal(out.ContentDisposition, "inline");
    assert.equal(out.CacheControl, "no-cache");
  });
});

describe("DeleteObject and DeleteObjects", () => {
  it("DeleteObject is 204 whether or not the key exists", async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "to-delete", Body: "x" }));
    assert.equal((await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "to-delete" }))).$metadata.httpStatusCode, 204);
    assert.equal((await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "to-delete" }))).$metadata.httpStatusCode, 204);
    assert.equal((await refusal(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "to-delete" })))).name, "NoSuchKey");
  });

  it("DeleteObjects reports every key, and only errors when Quiet", async () => {
    for (const key of ["batch/a", "batch/b", "batch/c"]) await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    const loud = await s3.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: "batch/a" }, { Key: "batch/missing" }] } }));
    assert.deepEqual(loud.Deleted?.map((d) => d.Key).sort(), ["batch/a", "batch/missing"]);
    assert.equal(loud.Errors, undefined);
    const quiet = await s3.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Quiet: true, Objects: [{ Key: "batch/b" }, { Key: "batch/c", VersionId: "not-a-version" }] } }));
    assert.equal(quiet.Deleted, undefined);
    assert.deepEqual(quiet.Errors?.map((e) => [e.Key, e.Code]), [["batch/c", "InvalidArgument"]]);
    const left = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "batch/" }));
    assert.deepEqual(left.Contents?.map((c) => c.Key), ["batch/c"]);
  });

  it("DeleteObjects without Content-MD5 or a checksum is InvalidRequest; a malformed document MalformedXML", async () => {
    const body = '<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>x</Key></Object></Delete>';
    const noDigest = await signedFetch(federa.url, { method: "POST", path: `/${BUCKET}`, query: { delete: "" }, body, payloadHash: "UNSIGNED-PAYLOAD" });
    assert.equal(noDigest.status, 400);
    assert.deepEqual(errorOf(noDigest.body), { code: "InvalidRequest", message: "Missing required header for this request: Content-Md5." });
    const broken = "<Delete><Object><Key>x</Key></Object>";
    const malformed = await signedFetch(federa.url, {
      method: "POST",
      path: `/${BUCKET}`,
      query: { delete: "" },
      body: broken,
      headers: { "content-md5": createHash("md5").update(broken).digest("base64") },
      payloadHash: "UNSIGNED-PAYLOAD",
    });
    assert.deepEqual(errorOf(malformed.body), { code: "MalformedXML", message: "The XML you provided was not well-formed or did not validate against our published schema" });
  });
});

describe("listings", () => {
  const LIST = "listing-bucket";
  const keys = ["a.txt", "b/1.txt", "b/2.txt", "b/c/3.txt", "c/4.txt", "d.txt", "e/5.txt"];
  before(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: LIST }));
    for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: LIST, Key: key, Body: key }));
  });

  it("ListObjectsV2: everything in key order, with sizes, ETags and KeyCount", async () => {
    const all = await s3.send(new ListObjectsV2Command({ Bucket: LIST }));
    assert.deepEqual(all.Contents?.map((c) => c.Key), keys);
    assert.equal(all.KeyCount, keys.length);
    assert.equal(all.IsTruncated, false);
    assert.equal(all.Contents?.[0]?.Size, "a.txt".length);
    assert.equal(all.Contents?.[0]?.ETag, `"${md5("a.txt")}"`);
    assert.equal(all.Contents?.[0]?.StorageClass, "STANDARD");
  });

  it("prefix and delimiter roll keys up into CommonPrefixes", async () => {
    const top = await s3.send(new ListObjectsV2Command({ Bucket: LIST, Delimiter: "/" }));
    assert.deepEqual(top.Contents?.map((c) => c.Key), ["a.txt", "d.txt"]);
    assert.deepEqual(top.CommonPrefixes?.map((p) => p.Prefix), ["b/", "c/", "e/"]);
    assert.equal(top.KeyCount, 5);
    const b = await s3.send(new ListObjectsV2Command({ Bucket: LIST, Prefix: "b/", Delimiter: "/" }));
    assert.deepEqual(b.Contents?.map((c) => c.Key), ["b/1.txt", "b/2.txt"]);
    assert.deepEqual(b.CommonPrefixes?.map((p) => p.Prefix), ["b/c/"]);
  });

  it("pages with max-keys and continuation tokens, prefixes counting as entries", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: LIST, Delimiter: "/", MaxKeys: 2, ContinuationToken: token }));
      pages++;
      assert.ok((page.KeyCount ?? 0) <= 2);
      seen.push(...(page.Contents ?? []).map((c) => c.Key!), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
      if (page.IsTruncated) assert.ok(token);
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(seen.sort(), ["a.txt", "b/", "c/", "d.txt", "e/"]);
  });

  it("start-after, and a bad continuation token", async () => {
    const after = await s3.send(new ListObjectsV2Command({ Bucket: LIST, StartAfter: "b/2.txt" }));
    assert.deepEqual(after.Contents?.map((c) => c.Key), ["b/c/3.txt", "c/4.txt", "d.txt", "e/5.txt"]);
    assert.equal(after.StartAfter, "b/2.txt");
    const bad = await refusal(s3.send(new ListObjectsV2Command({ Bucket: LIST, ContinuationToken: "garbage" })));
    assert.deepEqual(bad, { name: "InvalidArgument", message: "The continuation token provided is incorrect", status: 400 });
    const badMax = await signedFetch(federa.url, { method: "GET", path: `/${LIST}`, query: { "list-type": "2", "max-keys": "-1" }, payloadHash: "UNSIGNED-PAYLOAD" });
    assert.equal(errorOf(badMax.body).code, "InvalidArgument");
  });

  it("encoding-type=url encodes keys and prefixes in the answer", async () => {
    await s3.send(new PutObjectCommand({ Bucket: LIST, Key: "z space/ü+.txt", Body: "x" }));
    const response = await signedFetch(federa.url, { method: "GET", path: `/${LIST}`, query: { "list-type": "2", prefix: "z ", "encoding-type": "url" }, payloadHash: "UNSIGNED-PAYLOAD" });
    assert.match(response.body, /<Key>z%20space\/%C3%BC%2B\.txt<\/Key>/);
    assert.match(response.body, /<Prefix>z%20<\/Prefix>/);
    assert.match(response.body, /<EncodingType>url<\/EncodingType>/);
    await s3.send(new DeleteObjectCommand({ Bucket: LIST, Key: "z space/ü+.txt" }));
  });

  it("ListObjects (v1): markers, and NextMarker with a delimiter", async () => {
    const first = await s3.send(new ListObjectsCommand({ Bucket: LIST, Delimiter: "/", MaxKeys: 2 }));
    assert.deepEqual([...(first.Contents ?? []).map((c) => c.Key), ...(first.CommonPrefixes ?? []).map((p) => p.Prefix)], ["a.txt", "b/"]);
    assert.equal(first.IsTruncated, true);
    assert.equal(first.NextMarker, "b/");
    const second = await s3.send(new ListObjectsCommand({ Bucket: LIST, Delimiter: "/", MaxKeys: 2, Marker: first.NextMarker }));
    assert.deepEqual([...(second.Contents ?? []).map((c) => c.Key), ...(second.CommonPrefixes ?? []).map((p) => p.Prefix)], ["d.txt", "c/"]);
    const plain = await s3.send(new ListObjectsCommand({ Bucket: LIST, Marker: "c/4.txt" }));
    assert.deepEqual(plain.Contents?.map((c) => c.Key), ["d.txt", "e/5.txt"]);
    assert.match(plain.Contents?.[0]?.Owner?.ID ?? "", /^[0-9a-f]{64}$/);
  });
});

describe("object tags", () => {
  it("x-amz-tagging on PutObject, GetObjectTagging, PutObjectTagging, DeleteObjectTagging, and tags copied by CopyObject", async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "tagged", Body: "t", Tagging: "project=lab&stage=test" }));
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: "tagged" }));
    assert.deepEqual(tags.TagSet, [{ Key: "project", Value: "lab" }, { Key: "stage", Value: "test" }]);
    assert.equal((await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "tagged" }))).TagCount, 2);
    assert.equal((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "tagged" }))).TagCount, 2);
    await s3.send(new PutObjectTaggingCommand({ Bucket: BUCKET, Key: "tagged", Tagging: { TagSet: [{ Key: "owner", Value: "bob" }] } }));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: "tagged" }))).TagSet, [{ Key: "owner", Value: "bob" }]);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "tagged" }));
    assert.equal(head.ETag, put.ETag);
    await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "tagged-copy", CopySource: `${BUCKET}/tagged` }));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: "tagged-copy" }))).TagSet, [{ Key: "owner", Value: "bob" }]);
    await s3.send(new DeleteObjectTaggingCommand({ Bucket: BUCKET, Key: "tagged" }));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: "tagged" }))).TagSet ?? [], []);
    const tooMany = await refusal(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "over-tagged", Body: "t", Tagging: Array.from({ length: 11 }, (_, i) => `k${i}=v`).join("&") })));
    assert.equal(tooMany.name, "InvalidTag");
    assert.equal((await refusal(s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: "never-tagged" })))).name, "NoSuchKey");
  });
});

describe("CopyObject", () => {
  before(async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "source.txt", Body: "copy me", ContentType: "text/plain", Metadata: { origin: "source" } }));
  });

  it("copies bytes and metadata (COPY), answering the new ETag", async () => {
    const copied = await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "copy.txt", CopySource: `${BUCKET}/source.txt` }));
    assert.equal(copied.CopyObjectResult?.ETag, `"${md5("copy me")}"`);
    assert.ok(copied.CopyObjectResult?.LastModified instanceof Date);
    const { out, body } = await get("copy.txt");
    assert.equal(body.toString(), "copy me");
    assert.equal(out.ContentType, "text/plain");
    assert.deepEqual(out.Metadata, { origin: "source" });
  });

  it("replaces metadata (REPLACE), also in place, and copies across buckets", async () => {
    await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "source.txt", CopySource: `${BUCKET}/source.txt`, MetadataDirective: "REPLACE", Metadata: { origin: "replaced" }, ContentType: "text/x-new" }));
    const { out, body } = await get("source.txt");
    assert.equal(body.toString(), "copy me");
    assert.deepEqual(out.Metadata, { origin: "replaced" });
    assert.equal(out.ContentType, "text/x-new");
    await s3.send(new CreateBucketCommand({ Bucket: "copy-target" }));
    await s3.send(new CopyObjectCommand({ Bucket: "copy-target", Key: "elsewhere", CopySource: `/${BUCKET}/${encodeURIComponent("source.txt")}` }));
    const elsewhere = await bytesOf((await s3.send(new GetObjectCommand({ Bucket: "copy-target", Key: "elsewhere" }))).Body);
    assert.equal(elsewhere.toString(), "copy me");
  });

  it("refuses a copy onto itself that changes nothing, a missing source, and a failed copy-source condition", async () => {
    const self = await refusal(s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "source.txt", CopySource: `${BUCKET}/source.txt` })));
    assert.equal(self.name, "InvalidRequest");
    assert.match(self.message, /^This copy request is illegal because it is trying to copy an object to itself/);
    const missing = await refusal(s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "x", CopySource: `${BUCKET}/nothing-here` })));
    assert.equal(missing.name, "NoSuchKey");
    const noBucket = await refusal(s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "x", CopySource: "no-such-source-bucket/k" })));
    assert.equal(noBucket.name, "NoSuchBucket");
    const condition = await refusal(s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "x", CopySource: `${BUCKET}/source.txt`, CopySourceIfMatch: '"0000"' })));
    assert.equal(condition.status, 412);
  });
});

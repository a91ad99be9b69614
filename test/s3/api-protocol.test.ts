// S3 on the wire, below the SDK's conveniences: aws-chunked bodies with chunk signatures and
// signed or unsigned trailers, the checksums the SDKs send by default (x-amz-checksum-* headers
// and trailers), Content-MD5, the signed payload hash, presigned URLs (and their expiry), and
// virtual-hosted addressing (<bucket>.localhost). A body that fails a check is never stored.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { crc32 } from "@aws-crypto/crc32";
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { bytesOf, errorOf, presignedUrl, rawRequest, ROOT, s3Client, signedFetch, signRequest } from "./api-helpers.ts";

let federa: RunningFedera;
let s3: S3Client;
const BUCKET = "wire-bucket";
const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();

before(async () => {
  federa = await startFedera();
  s3 = s3Client(federa.url);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
after(() => federa.stop());

const read = async (key: string) => (await bytesOf((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body)).toString();

interface ChunkedOptions {
  signed: boolean;
  trailer?: { name: string; value: string };
  chunkSizes: number[];
  /** Breaks the upload in one place. */
  tamper?: "chunk-signature" | "trailer-signature" | "truncate";
}

/** PUTs `data` as an aws-chunked body, signed as the SDKs that sign chunks do. */
async function chunkedPut(key: string, data: Buffer, options: ChunkedOptions) {
  const mode = options.signed ? (options.trailer ? "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" : "STREAMING-AWS4-HMAC-SHA256-PAYLOAD") : "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const size of options.chunkSizes) {
    chunks.push(data.subarray(offset, offset + size));
    offset += size;
  }
  chunks.push(Buffer.alloc(0));
  // The framing's length is known before signing only by computing it: header lines, data, CRLFs.
  const sigLength = options.signed ? ";chunk-signature=".length + 64 : 0;
  let length = chunks.reduce((sum, c) => sum + c.length.toString(16).length + sigLength + 2 + c.length + (c.length > 0 ? 2 : 0), 0);
  if (options.trailer) {
    length += `${options.trailer.name}:${options.trailer.value}\r\n`.length;
    if (options.signed) length += "x-amz-trailer-signature:".length + 64 + 2;
  }
  length += 2;
  const amzDate = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const headers: Record<string, string> = {
    "content-encoding": "aws-chunked",
    "x-amz-decoded-content-length": String(data.length),
    // Cut short (the last chunk never comes), the body's declared length stays honest.
    "content-length": String(options.tamper === "truncate" ? length - 40 : length),
    "x-amz-date": amzDate,
    ...(options.trailer ? { "x-amz-trailer": options.trailer.name } : {}),
  };
  const signed = await signRequest(federa.url, { method: "PUT", path: `/${BUCKET}/${key}`, headers, payloadHash: mode });
  const seed = /Signature=([0-9a-f]{64})/.exec(signed["authorization"]!)![1]!;
  const scope = `${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`;
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${ROOT.secretAccessKey}`, amzDate.slice(0, 8)), "us-east-1"), "s3"), "aws4_request");
  let previous = seed;
  const parts: Buffer[] = [];
  for (const [i, chunk] of chunks.entries()) {
    let line = chunk.length.toString(16);
    if (options.signed) {
      let signature = hmac(signingKey, ["AWS4-HMAC-SHA256-PAYLOAD", amzDate, scope, previous, sha256(""), sha256(chunk)].join("\n")).toString("hex");
      previous = signature;
      if (options.tamper === "chunk-signature" && i === 1) signature = "0".repeat(64);
      line += `;chunk-signature=${signature}`;
    }
    parts.push(Buffer.from(`${line}\r\n`), chunk);
    if (chunk.length > 0) parts.push(Buffer.from("\r\n"));
  }
  if (options.trailer) {
    const canonical = `${options.trailer.name}:${options.trailer.value}\n`;
    parts.push(Buffer.from(canonical.replace("\n", "\r\n")));
    if (options.signed) {
      let signature = hmac(signingKey, ["AWS4-HMAC-SHA256-TRAILER", amzDate, scope, previous, sha256(canonical)].join("\n")).toString("hex");
      if (options.tamper === "trailer-signature") signature = "f".repeat(64);
      parts.push(Buffer.from(`x-amz-trailer-signature:${signature}\r\n`));
    }
  }
  parts.push(Buffer.from("\r\n"));
  let body = Buffer.concat(parts);
  assert.equal(body.length, length);
  if (options.tamper === "truncate") body = body.subarray(0, body.length - 40);
  return rawRequest(federa.url, { method: "PUT", path: `/${BUCKET}/${key}`, headers: signed, body });
}

const crc32Base64 = (data: Buffer) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data));
  return out.toString("base64");
};

describe("aws-chunked bodies", () => {
  const data = Buffer.alloc(140_000);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7) % 251;

  it("signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)", async () => {
    const response = await chunkedPut("signed", data, { signed: true, chunkSizes: [65_536, 65_536, 8_928] });
    assert.equal(response.status, 200, response.body);
    assert.equal(response.headers.get("etag"), `"${createHash("md5").update(data).digest("hex")}"`);
    const stored = await bytesOf((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "signed" }))).Body);
    assert.ok(stored.equals(data));
  });

  it("signed chunks with a signed checksum trailer", async () => {
    const response = await chunkedPut("signed-trailer", data, { signed: true, chunkSizes: [65_536, 74_464], trailer: { name: "x-amz-checksum-crc32", value: crc32Base64(data) } });
    assert.equal(response.status, 200, response.body);
    assert.equal(response.headers.get("x-amz-checksum-crc32"), crc32Base64(data));
  });

  it("unsigned chunks with a checksum trailer (what the SDKs send for streams)", async () => {
    const response = await chunkedPut("unsigned-trailer", data, { signed: false, chunkSizes: [1000, 139_000], trailer: { name: "x-amz-checksum-crc32", value: crc32Base64(data) } });
    assert.equal(response.status, 200, response.body);
  });

  it("refuses a wrong chunk signature, a wrong trailer signature, a wrong trailing checksum, a short chunk and a cut body — storing nothing", async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "kept", Body: "old verified value" }));
    const chunk = await chunkedPut("kept", data, { signed: true, chunkSizes: [65_536, 65_536, 8_928], tamper: "chunk-signature" });
    assert.equal(chunk.status, 403);
    assert.equal(errorOf(chunk.body).code, "SignatureDoesNotMatch");
    const trailer = await chunkedPut("kept", data, { signed: true, chunkSizes: [140_000], trailer: { name: "x-amz-checksum-crc32", value: crc32Base64(data) }, tamper: "trailer-signature" });
    assert.equal(errorOf(trailer.body).code, "SignatureDoesNotMatch");
    const checksum = await chunkedPut("kept", data, { signed: false, chunkSizes: [140_000], trailer: { name: "x-amz-checksum-crc32", value: "AAAAAA==" } });
    assert.deepEqual(errorOf(checksum.body), { code: "BadDigest", message: "The CRC32 you specified did not match the calculated checksum." });
    const small = await chunkedPut("kept", data, { signed: true, chunkSizes: [1000, 139_000] });
    assert.deepEqual(errorOf(small.body), { code: "InvalidChunkSizeError", message: "Only the last chunk is allowed to have a size less than 8192 bytes" });
    const cut = await chunkedPut("kept", data, { signed: true, chunkSizes: [65_536, 74_464], tamper: "truncate" });
    assert.equal(cut.status, 400);
    assert.equal(errorOf(cut.body).code, "IncompleteBody");
    assert.equal(await read("kept"), "old verified value");
  });
});

describe("checksums and digests", () => {
  it("the SDK's default CRC32 is checked, stored, and returned with ChecksumMode ENABLED", async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "crc", Body: "checksummed" }));
    assert.equal(put.ChecksumCRC32, crc32Base64(Buffer.from("checksummed")));
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "crc", ChecksumMode: "ENABLED" }));
    assert.equal(got.ChecksumCRC32, put.ChecksumCRC32);
    assert.equal((await bytesOf(got.Body)).toString(), "checksummed");
  });

  for (const algorithm of ["CRC32C", "CRC64NVME", "SHA1", "SHA256"] as const) {
    it(`${algorithm}, as the SDK computes it`, async () => {
      const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `sum-${algorithm}`, Body: `body for ${algorithm}`, ChecksumAlgorithm: algorithm }));
      const field = `Checksum${algorithm}` as const;
      assert.ok(put[field]);
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `sum-${algorithm}`, ChecksumMode: "ENABLED" }));
      assert.equal(head[field], put[field]);
    });
  }

  it("a checksum header that does not match is BadDigest; a malformed one InvalidRequest; two are refused", async () => {
    const put = (headers: Record<string, string>) => signedFetch(federa.url, { method: "PUT", path: `/${BUCKET}/digest`, body: "payload", headers, payloadHash: "UNSIGNED-PAYLOAD" });
    const wrong = await put({ "x-amz-checksum-sha256": createHash("sha256").update("other").digest("base64") });
    assert.deepEqual(errorOf(wrong.body), { code: "BadDigest", message: "The SHA256 you specified did not match the calculated checksum." });
    const malformed = await put({ "x-amz-checksum-crc32": "not base64!" });
    assert.deepEqual(errorOf(malformed.body), { code: "InvalidRequest", message: "Value for x-amz-checksum-crc32 header is invalid." });
    const two = await put({ "x-amz-checksum-crc32": crc32Base64(Buffer.from("payload")), "x-amz-checksum-sha1": createHash("sha1").update("payload").digest("base64") });
    assert.deepEqual(errorOf(two.body), { code: "InvalidRequest", message: "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed." });
  });

  it("Content-MD5: BadDigest when it does not match, InvalidDigest when malformed", async () => {
    const put = (md5: string) => signedFetch(federa.url, { method: "PUT", path: `/${BUCKET}/md5`, body: "payload", headers: { "content-md5": md5 }, payloadHash: "UNSIGNED-PAYLOAD" });
    const wrong = await put(createHash("md5").update("other").digest("base64"));
    assert.deepEqual(errorOf(wrong.body), { code: "BadDigest", message: "The Content-MD5 you specified did not match what we received." });
    const malformed = await put("abc");
    assert.deepEqual(errorOf(malformed.body), { code: "InvalidDigest", message: "The Content-MD5 you specified is not valid." });
    const right = await put(createHash("md5").update("payload").digest("base64"));
    assert.equal(right.status, 200);
  });

  it("a body that does not match its signed x-amz-content-sha256 is XAmzContentSHA256Mismatch", async () => {
    const response = await signedFetch(federa.url, { method: "PUT", path: `/${BUCKET}/sha`, body: "payload", payloadHash: sha256("something else") });
    assert.equal(response.status, 400);
    assert.deepEqual(errorOf(response.body), { code: "XAmzContentSHA256Mismatch", message: "The provided 'x-amz-content-sha256' header does not match what was computed." });
    const good = await signedFetch(federa.url, { method: "PUT", path: `/${BUCKET}/sha`, body: "payload", payloadHash: sha256("payload") });
    assert.equal(good.status, 200);
  });

  it("a wrong signature is SignatureDoesNotMatch; a missing payload hash InvalidRequest", async () => {
    const headers = await signRequest(federa.url, { method: "GET", path: `/${BUCKET}/sha`, payloadHash: "UNSIGNED-PAYLOAD" });
    headers["authorization"] = headers["authorization"]!.replace(/Signature=[0-9a-f]{4}/, "Signature=0000");
    const forged = await rawRequest(federa.url, { method: "GET", path: `/${BUCKET}/sha`, headers });
    assert.equal(forged.status, 403);
    assert.equal(errorOf(forged.body).code, "SignatureDoesNotMatch");
    const missing = await signedFetch(federa.url, { method: "GET", path: `/${BUCKET}/sha` });
    assert.deepEqual(errorOf(missing.body), { code: "InvalidRequest", message: "Missing required header for this request: x-amz-content-sha256" });
  });
});

describe("presigned URLs", () => {
  it("GET and PUT by presigned URL", async () => {
    const putUrl = await presignedUrl(federa.url, { method: "PUT", path: `/${BUCKET}/presigned.txt` });
    const put = await fetch(putUrl, { method: "PUT", body: "via presigned URL" });
    assert.equal(put.status, 200);
    const getUrl = await presignedUrl(federa.url, { method: "GET", path: `/${BUCKET}/presigned.txt` }, { expiresIn: 604_800 });
    const got = await fetch(getUrl);
    assert.equal(got.status, 200);
    assert.equal(await got.text(), "via presigned URL");
  });

  it("an expired URL is AccessDenied \"Request has expired\"; one valid longer than a week is refused", async () => {
    const expired = await presignedUrl(federa.url, { method: "GET", path: `/${BUCKET}/presigned.txt` }, { expiresIn: 60, signingDate: new Date(Date.now() - 3_600_000) });
    const refused = await fetch(expired);
    assert.equal(refused.status, 403);
    assert.deepEqual(errorOf(await refused.text()), { code: "AccessDenied", message: "Request has expired" });
    const week = await presignedUrl(federa.url, { method: "GET", path: `/${BUCKET}/presigned.txt` }, { expiresIn: 604_800 });
    const long = await fetch(week.replace("X-Amz-Expires=604800", "X-Amz-Expires=604801"));
    assert.equal(long.status, 400);
    assert.equal(errorOf(await long.text()).code, "AuthorizationQueryParametersError");
  });
});

describe("virtual-hosted style", () => {
  it("<bucket>.localhost addresses the bucket, the path the key", async () => {
    const host = `${BUCKET}.localhost:${new URL(federa.url).port}`;
    const put = await signedFetch(federa.url, { method: "PUT", path: "/virtual/key.txt", host, body: "virtual", payloadHash: sha256("virtual") });
    assert.equal(put.status, 200, put.body);
    const got = await signedFetch(federa.url, { method: "GET", path: "/virtual/key.txt", host, payloadHash: "UNSIGNED-PAYLOAD" });
    assert.equal(got.body, "virtual");
    const listed = await signedFetch(federa.url, { method: "GET", path: "/", host, query: { "list-type": "2", prefix: "virtual/" }, payloadHash: "UNSIGNED-PAYLOAD" });
    assert.match(listed.body, /<Key>virtual\/key\.txt<\/Key>/);
    assert.equal(await read("virtual/key.txt"), "virtual");
  });
});

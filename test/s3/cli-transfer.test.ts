// S3 with the AWS CLI v2 (/usr/bin/aws, --endpoint-url): aws s3 mb/cp/ls/rm/rb, a 20 MB file that
// the CLI uploads in parts (above its 8 MB threshold) and downloads in ranges, and the s3api
// commands of the lab: put-object with SSE-KMS, put-bucket-encryption, put-bucket-policy,
// head-object, get-object, list-objects-v2, and refusals as the CLI prints them.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes, createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { s3Cli } from "./api-helpers.ts";

let federa: RunningFedera;
let aws: ReturnType<typeof s3Cli>;
const work = mkdtempSync(join(tmpdir(), "federa-s3-cli-"));
const file = (name: string) => join(work, name);
const md5 = (data: Buffer) => createHash("md5").update(data).digest("hex");

before(async () => {
  federa = await startFedera();
  aws = s3Cli(federa.url);
});
after(() => federa.stop());

describe("aws s3", () => {
  it("mb, cp up and down, ls, rm, rb", async () => {
    const made = await aws(["s3", "mb", "s3://cli-bucket"]);
    assert.ok(made.ok, made.stderr);
    writeFileSync(file("hello.txt"), "hello from the CLI\n");
    const up = await aws(["s3", "cp", file("hello.txt"), "s3://cli-bucket/docs/hello.txt"]);
    assert.ok(up.ok, up.stderr);
    const buckets = await aws(["s3", "ls"]);
    assert.ok(buckets.ok, buckets.stderr);
    const listed = await awsText(["s3", "ls", "s3://cli-bucket/docs/"]);
    assert.match(listed, /\s19 hello\.txt/);
    const top = await awsText(["s3", "ls", "s3://cli-bucket"]);
    assert.match(top, /PRE docs\//);
    const down = await aws(["s3", "cp", "s3://cli-bucket/docs/hello.txt", file("hello.back.txt")]);
    assert.ok(down.ok, down.stderr);
    assert.equal(readFileSync(file("hello.back.txt"), "utf8"), "hello from the CLI\n");
    const removed = await aws(["s3", "rm", "s3://cli-bucket/docs/hello.txt"]);
    assert.ok(removed.ok, removed.stderr);
    assert.equal((await awsText(["s3", "ls", "s3://cli-bucket", "--recursive"])).trim(), "");
    const gone = await aws(["s3", "rb", "s3://cli-bucket"]);
    assert.ok(gone.ok, gone.stderr);
  });

  it("a 20 MB file goes up in parts and comes back whole", async () => {
    assert.ok((await aws(["s3", "mb", "s3://big-bucket"])).ok);
    const data = randomBytes(20 * 1024 * 1024);
    writeFileSync(file("big.bin"), data);
    const up = await aws(["s3", "cp", file("big.bin"), "s3://big-bucket/big.bin"]);
    assert.ok(up.ok, up.stderr);
    const head = await aws(["s3api", "head-object", "--bucket", "big-bucket", "--key", "big.bin"]);
    assert.ok(head.ok, head.stderr);
    assert.equal(head.json.ContentLength, data.length);
    // Uploaded in parts: a multipart ETag.
    assert.match(head.json.ETag, /^"[0-9a-f]{32}-\d+"$/);
    const down = await aws(["s3", "cp", "s3://big-bucket/big.bin", file("big.back.bin")]);
    assert.ok(down.ok, down.stderr);
    assert.equal(md5(readFileSync(file("big.back.bin"))), md5(data));
    // S3 to S3: the CLI copies it in parts too (UploadPartCopy).
    const copied = await aws(["s3", "cp", "s3://big-bucket/big.bin", "s3://big-bucket/copy.bin"]);
    assert.ok(copied.ok, copied.stderr);
    const copyHead = await aws(["s3api", "head-object", "--bucket", "big-bucket", "--key", "copy.bin"]);
    assert.equal(copyHead.json.ContentLength, data.length);
    assert.match(copyHead.json.ETag, /-\d+"$/);
    const recursive = await aws(["s3", "rm", "s3://big-bucket", "--recursive"]);
    assert.ok(recursive.ok, recursive.stderr);
  });
});

describe("aws s3api", () => {
  let keyId: string;
  let keyArn: string;
  before(async () => {
    const key = await aws(["kms", "create-key", "--description", "cli s3 key"]);
    keyId = key.json.KeyMetadata.KeyId;
    keyArn = key.json.KeyMetadata.Arn;
    assert.ok((await aws(["s3api", "create-bucket", "--bucket", "api-bucket"])).ok);
  });

  it("put-object with SSE-KMS, head-object and get-object report the key", async () => {
    writeFileSync(file("secret.txt"), "kms protected\n");
    const put = await aws(["s3api", "put-object", "--bucket", "api-bucket", "--key", "secret.txt", "--body", file("secret.txt"), "--server-side-encryption", "aws:kms", "--ssekms-key-id", keyId]);
    assert.ok(put.ok, put.stderr);
    assert.equal(put.json.ServerSideEncryption, "aws:kms");
    assert.equal(put.json.SSEKMSKeyId, keyArn);
    const head = await aws(["s3api", "head-object", "--bucket", "api-bucket", "--key", "secret.txt"]);
    assert.equal(head.json.SSEKMSKeyId, keyArn);
    const got = await aws(["s3api", "get-object", "--bucket", "api-bucket", "--key", "secret.txt", file("secret.back.txt")]);
    assert.ok(got.ok, got.stderr);
    assert.equal(readFileSync(file("secret.back.txt"), "utf8"), "kms protected\n");
  });

  it("put-bucket-encryption makes SSE-KMS the default for aws s3 cp", async () => {
    const config = JSON.stringify({ Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyId }, BucketKeyEnabled: true }] });
    const put = await aws(["s3api", "put-bucket-encryption", "--bucket", "api-bucket", "--server-side-encryption-configuration", config]);
    assert.ok(put.ok, put.stderr);
    const got = await aws(["s3api", "get-bucket-encryption", "--bucket", "api-bucket"]);
    assert.equal(got.json.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm, "aws:kms");
    writeFileSync(file("plain.txt"), "defaulted\n");
    assert.ok((await aws(["s3", "cp", file("plain.txt"), "s3://api-bucket/plain.txt"])).ok);
    const head = await aws(["s3api", "head-object", "--bucket", "api-bucket", "--key", "plain.txt"]);
    assert.equal(head.json.ServerSideEncryption, "aws:kms");
    assert.equal(head.json.SSEKMSKeyId, keyArn);
    assert.equal(head.json.BucketKeyEnabled, true);
  });

  it("put-bucket-policy and get-bucket-policy; a malformed policy is refused", async () => {
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::api-bucket/*" }] });
    const put = await aws(["s3api", "put-bucket-policy", "--bucket", "api-bucket", "--policy", policy]);
    assert.ok(put.ok, put.stderr);
    const got = await aws(["s3api", "get-bucket-policy", "--bucket", "api-bucket"]);
    assert.equal(got.json.Policy, policy);
    const refused = await aws(["s3", "rm", "s3://api-bucket/plain.txt"]);
    assert.match(refused.stderr, /AccessDenied/);
    const malformed = await aws(["s3api", "put-bucket-policy", "--bucket", "api-bucket", "--policy", '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::api-bucket"}]}']);
    assert.equal(malformed.code, "MalformedPolicy");
    assert.equal(malformed.message, "Missing required field Principal");
  });

  it("list-objects-v2 (the CLI asks for encoding-type=url) and errors as the CLI prints them", async () => {
    writeFileSync(file("odd.txt"), "odd");
    assert.ok((await aws(["s3api", "put-object", "--bucket", "api-bucket", "--key", "odd name+plus.txt", "--body", file("odd.txt")])).ok);
    const listed = await aws(["s3api", "list-objects-v2", "--bucket", "api-bucket"]);
    assert.ok(listed.ok, listed.stderr);
    assert.ok(listed.json.Contents.some((c: { Key: string }) => c.Key === "odd name+plus.txt"));
    const missing = await aws(["s3api", "get-object", "--bucket", "api-bucket", "--key", "nope", file("nope")]);
    assert.equal(missing.code, "NoSuchKey");
    const noBucket = await aws(["s3api", "list-objects-v2", "--bucket", "no-such-cli-bucket"]);
    assert.equal(noBucket.code, "NoSuchBucket");
  });
});

/** The CLI's text output (aws s3 ls prints no JSON). */
async function awsText(args: string[]): Promise<string> {
  const result = await aws(args);
  assert.ok(result.ok, result.stderr);
  return result.stdout;
}

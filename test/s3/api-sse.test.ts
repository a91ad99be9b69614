// Server-side encryption through the AWS SDK: SSE-KMS with a customer managed key (by id, ARN,
// alias), the AWS managed key alias/aws/s3 made on first use, the encryption context header, the
// bucket's default encryption (and SSE-S3 when there is none), the bucket-key flag, KMS's refusals
// as S3 passes them on (KMS.DisabledException, KMS.NotFoundException, AccessDenied without
// kms:GenerateDataKey or kms:Decrypt), malformed SSE headers, and no plaintext on disk.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  CreateBucketCommand,
  DeleteBucketEncryptionCommand,
  GetBucketEncryptionCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  CompleteMultipartUploadCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, DisableKeyCommand, EnableKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { bytesOf, errorOf, federatedCredentials, kmsClient, LAB, refusal, s3Client, signedFetch, type Credentials } from "./api-helpers.ts";

let federa: RunningFedera;
let s3: S3Client;
let kms: KMSClient;
let keyArn: string;
let keyId: string;
const BUCKET = "sse-bucket";

before(async () => {
  federa = await startFedera();
  s3 = s3Client(federa.url);
  kms = kmsClient(federa.url);
  const key = await kms.send(new CreateKeyCommand({ Description: "s3 test key" }));
  keyArn = key.KeyMetadata!.Arn!;
  keyId = key.KeyMetadata!.KeyId!;
  await kms.send(new CreateAliasCommand({ AliasName: "alias/s3-test", TargetKeyId: keyId }));
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
after(() => federa.stop());

const body = async (key: string, client: S3Client = s3) => (await bytesOf((await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body)).toString();

describe("SSE-KMS", () => {
  for (const [label, named] of [
    ["key id", () => keyId],
    ["key ARN", () => keyArn],
    ["alias name", () => "alias/s3-test"],
    ["alias ARN", () => `arn:aws:kms:us-east-1:${LAB}:alias/s3-test`],
  ] as const) {
    it(`encrypts under a customer managed key named by its ${label}, and reports the key's ARN`, async () => {
      const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `kms-${label}`, Body: "secret", ServerSideEncryption: "aws:kms", SSEKMSKeyId: named() }));
      assert.equal(put.ServerSideEncryption, "aws:kms");
      assert.equal(put.SSEKMSKeyId, keyArn);
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `kms-${label}` }));
      assert.equal(got.ServerSideEncryption, "aws:kms");
      assert.equal(got.SSEKMSKeyId, keyArn);
      assert.equal((await bytesOf(got.Body)).toString(), "secret");
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `kms-${label}` }));
      assert.equal(head.SSEKMSKeyId, keyArn);
    });
  }

  it("gives an SSE-KMS object an ETag that is not the MD5 of its data, as S3 does, and still checks a Content-MD5", async () => {
    const data = "etag me";
    const md5 = createHash("md5").update(data);
    const digest = md5.copy().digest("hex");
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "kms-etag", Body: data, ServerSideEncryption: "aws:kms", SSEKMSKeyId: keyId }));
    assert.match(put.ETag ?? "", /^"[0-9a-f]{32}"$/);
    assert.notEqual(put.ETag, `"${digest}"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "kms-etag" }));
    assert.equal(head.ETag, put.ETag);
    const plain = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "s3-etag", Body: data, ServerSideEncryption: "AES256" }));
    assert.equal(plain.ETag, `"${digest}"`, "SSE-S3's ETag is the MD5");
    const wrong = await refusal(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "kms-etag", Body: data, ServerSideEncryption: "aws:kms", SSEKMSKeyId: keyId, ContentMD5: createHash("md5").update("other").digest("base64") })));
    assert.equal(wrong.name, "BadDigest");
    assert.equal((await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "kms-etag" }))).ETag, put.ETag, "the refused write changed nothing");
    const right = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "kms-etag", Body: data, ServerSideEncryption: "aws:kms", SSEKMSKeyId: keyId, ContentMD5: md5.digest("base64") }));
    assert.notEqual(right.ETag, `"${digest}"`);
    assert.equal(await body("kms-etag"), data);
  });

  it("without a key, uses the AWS managed key alias/aws/s3, made on first use", async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "managed", Body: "managed secret", ServerSideEncryption: "aws:kms" }));
    const managed = await kms.send(new DescribeKeyCommand({ KeyId: "alias/aws/s3" }));
    assert.equal(managed.KeyMetadata?.KeyManager, "AWS");
    assert.equal(put.SSEKMSKeyId, managed.KeyMetadata?.Arn);
    assert.equal(await body("managed"), "managed secret");
  });

  it("echoes the encryption context, with aws:s3:arn, and honours the bucket-key flag", async () => {
    const context = Buffer.from(JSON.stringify({ project: "lab" })).toString("base64");
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "with-context", Body: "ctx", ServerSideEncryption: "aws:kms", SSEKMSKeyId: keyId, SSEKMSEncryptionContext: context, BucketKeyEnabled: true }));
    assert.deepEqual(JSON.parse(Buffer.from(put.SSEKMSEncryptionContext!, "base64").toString()), { project: "lab", "aws:s3:arn": `arn:aws:s3:::${BUCKET}` });
    assert.equal(put.BucketKeyEnabled, true);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "with-context" }));
    assert.equal(head.BucketKeyEnabled, true);
    assert.equal(await body("with-context"), "ctx");
  });

  it("SSE-KMS multipart uploads: the upload's key on every part and on the object", async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "kms-multipart", ServerSideEncryption: "aws:kms", SSEKMSKeyId: keyId }));
    const part = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: "kms-multipart", UploadId, PartNumber: 1, Body: "only part" }));
    assert.equal(part.ServerSideEncryption, "aws:kms");
    assert.equal(part.SSEKMSKeyId, keyArn);
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "kms-multipart", UploadId, MultipartUpload: { Parts: [{ ETag: part.ETag, PartNumber: 1 }] } }));
    assert.equal(done.SSEKMSKeyId, keyArn);
    assert.equal(await body("kms-multipart"), "only part");
  });

  it("CopyObject re-encrypts as the request says", async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "plain-source", Body: "to be re-encrypted" }));
    const copied = await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "kms-copy", CopySource: `${BUCKET}/plain-source`, ServerSideEncryption: "aws:kms", SSEKMSKeyId: keyId }));
    assert.equal(copied.SSEKMSKeyId, keyArn);
    assert.equal(await body("kms-copy"), "to be re-encrypted");
    const back = await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "kms-copy", CopySource: `${BUCKET}/kms-copy`, ServerSideEncryption: "AES256" }));
    assert.equal(back.ServerSideEncryption, "AES256");
    assert.equal(back.SSEKMSKeyId, undefined);
  });
});

describe("bucket default encryption", () => {
  it("reports SSE-S3 until configured, then encrypts every plain upload as configured", async () => {
    const before = await s3.send(new GetBucketEncryptionCommand({ Bucket: BUCKET }));
    assert.equal(before.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm, "AES256");
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: BUCKET,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }] },
      }),
    );
    const configured = await s3.send(new GetBucketEncryptionCommand({ Bucket: BUCKET }));
    assert.deepEqual(configured.ServerSideEncryptionConfiguration?.Rules, [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }]);
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "by-default", Body: "defaulted" }));
    assert.equal(put.ServerSideEncryption, "aws:kms");
    assert.equal(put.SSEKMSKeyId, keyArn);
    assert.equal(put.BucketKeyEnabled, true);
    // A request that names AES256 wins over the default.
    const explicit = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "explicit-s3", Body: "x", ServerSideEncryption: "AES256" }));
    assert.equal(explicit.ServerSideEncryption, "AES256");
    await s3.send(new DeleteBucketEncryptionCommand({ Bucket: BUCKET }));
    const after = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "after-default", Body: "x" }));
    assert.equal(after.ServerSideEncryption, "AES256");
    assert.equal(await body("by-default"), "defaulted");
  });

  it("refuses a KMSMasterKeyID with AES256, and malformed configurations", async () => {
    const refused = await refusal(
      s3.send(new PutBucketEncryptionCommand({ Bucket: BUCKET, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256", KMSMasterKeyID: keyArn } }] } })),
    );
    assert.equal(refused.name, "InvalidArgument");
    const wrong = await refusal(
      s3.send(new PutBucketEncryptionCommand({ Bucket: BUCKET, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES128" as never } }] } })),
    );
    assert.equal(wrong.name, "MalformedXML");
  });
});

describe("KMS's refusals, as S3 passes them on", () => {
  it("a disabled key is KMS.DisabledException, for writes and reads", async () => {
    const key = await kms.send(new CreateKeyCommand({}));
    const id = key.KeyMetadata!.KeyId!;
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "under-disabled", Body: "x", ServerSideEncryption: "aws:kms", SSEKMSKeyId: id }));
    await kms.send(new DisableKeyCommand({ KeyId: id }));
    const write = await refusal(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "new", Body: "x", ServerSideEncryption: "aws:kms", SSEKMSKeyId: id })));
    assert.equal(write.name, "KMS.DisabledException");
    assert.equal(write.status, 400);
    const read = await refusal(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "under-disabled" })));
    assert.equal(read.name, "KMS.DisabledException");
    // HeadObject never asks KMS.
    assert.equal((await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "under-disabled" }))).SSEKMSKeyId, key.KeyMetadata!.Arn);
    await kms.send(new EnableKeyCommand({ KeyId: id }));
    assert.equal(await body("under-disabled"), "x");
  });

  it("an unknown key is KMS.NotFoundException", async () => {
    const refused = await refusal(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "x", Body: "x", ServerSideEncryption: "aws:kms", SSEKMSKeyId: "alias/no-such-alias" })));
    assert.equal(refused.name, "KMS.NotFoundException");
    assert.equal(refused.status, 400);
  });

  it("a caller without kms:Decrypt is refused GetObject with AccessDenied; without kms:GenerateDataKey, PutObject", async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "auditable", Body: "x", ServerSideEncryption: "aws:kms", SSEKMSKeyId: keyId }));
    const auditor: Credentials = await federatedCredentials(federa.url, "erin", "Erin!Passw0rd1", "ADFS-Auditors");
    const asAuditor = s3Client(federa.url, auditor);
    // The auditor may read objects (s3:Get*) and their metadata, but not decrypt.
    assert.equal((await asAuditor.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "auditable" }))).ServerSideEncryption, "aws:kms");
    const read = await refusal(asAuditor.send(new GetObjectCommand({ Bucket: BUCKET, Key: "auditable" })));
    assert.equal(read.name, "AccessDenied");
    assert.equal(read.status, 403);
    // An IAM user the bucket policy lets write, but whom no policy lets use the key.
    const user = await federa.server.iam.createUser({ accountId: LAB, userName: "writer" });
    const access = await federa.server.iam.createAccessKey(LAB, "writer");
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: BUCKET,
        Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: user.arn }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${BUCKET}/*` }] }),
      }),
    );
    const writer = s3Client(federa.url, { accessKeyId: access.accessKeyId, secretAccessKey: access.secretAccessKey });
    await writer.send(new PutObjectCommand({ Bucket: BUCKET, Key: "by-writer", Body: "x" }));
    // S3's own words for it (no encoded authorization message: S3 sends none).
    const write = await writer.send(new PutObjectCommand({ Bucket: BUCKET, Key: "by-writer", Body: "x", ServerSideEncryption: "aws:kms", SSEKMSKeyId: keyId })).then(
      () => assert.fail("the upload was not refused"),
      (error: Error & { $metadata?: { httpStatusCode?: number } }) => error,
    );
    assert.equal(write.name, "AccessDenied");
    assert.equal(write.$metadata?.httpStatusCode, 403);
    assert.equal(
      write.message,
      `User: ${user.arn} is not authorized to perform: kms:GenerateDataKey on this resource because the resource does not exist in this Region, no resource-based policies allow access, or a resource-based policy explicitly denies access`,
    );
  });
});

describe("malformed SSE headers", () => {
  it("a key id without aws:kms, an unknown algorithm, a context that is not base64 JSON: InvalidArgument", async () => {
    const keyWithoutKms = await signedFetch(federa.url, { method: "PUT", path: `/${BUCKET}/x`, body: "x", headers: { "x-amz-server-side-encryption-aws-kms-key-id": keyId }, payloadHash: "UNSIGNED-PAYLOAD" });
    assert.deepEqual(errorOf(keyWithoutKms.body), { code: "InvalidArgument", message: "Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms" });
    const algorithm = await refusal(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "x", Body: "x", ServerSideEncryption: "AES512" as never })));
    assert.deepEqual(algorithm, { name: "InvalidArgument", message: "The encryption method specified is not supported", status: 400 });
    const context = await refusal(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "x", Body: "x", ServerSideEncryption: "aws:kms", SSEKMSEncryptionContext: "not json" })));
    assert.equal(context.name, "InvalidArgument");
  });
});

describe("at rest", () => {
  it("no object's plaintext is ever written under the data directory", async () => {
    const marker = "PLAINTEXT-MARKER-7f3a9c";
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "marked-s3", Body: marker.repeat(100), ServerSideEncryption: "AES256" }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "marked-kms", Body: marker.repeat(100), ServerSideEncryption: "aws:kms", SSEKMSKeyId: keyId }));
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : [path];
      });
    })(join(federa.dataDir, "s3"));
    assert.ok(files.length > 0);
    for (const file of files) assert.equal(readFileSync(file).includes(marker), false, file);
  });
});

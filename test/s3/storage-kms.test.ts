// SSE-KMS bodies against a real federa's KMS engine: data keys from GenerateDataKey and Decrypt
// asked for in-process as the caller (federated credentials from the IdP and STS), through S3
// (kms:ViaService), with the encryption context aws:s3:arn; the AWS managed key aws/s3 when no key
// is named; a disabled key (KMS.DisabledException), a key pending deletion
// (KMS.KMSInvalidStateException), an unknown key (KMS.NotFoundException), and a caller without
// kms:Decrypt (AccessDenied on read), in S3's words.
//
// federa's server does not expose its KmsDeps, so the engine here is a second connection to the
// running federa's data directory (as test/kms/clocked.ts does): the same store, root key and IAM.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { loadOrCreateServiceKey } from "../../src/crypto/index.ts";
import { systemClock } from "../../src/shared/index.ts";
import { createCredentialLookup, createSessionTokens, type Caller } from "../../src/sts/index.ts";
import { createObjectBodies, type Envelope, type ObjectBodies, type SseCaller, type SseRequest, type StoredBody } from "../../src/s3/storage/index.ts";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { engineOf } from "../kms/clocked.ts";
import { federatedCredentials, kmsClient, LAB, refusal, ROOT, type Credentials } from "../kms/helpers.ts";
import { chunked, collect, failure, MARKER, noneHolds, plaintext, SEGMENT } from "./storage-support.ts";

let federa: RunningFedera;
let engine: ReturnType<typeof engineOf>;
let kms: KMSClient;
let bodies: ObjectBodies;
let bodiesDir: string;
let bob: Caller;
let bobCredentials: Credentials;
let erin: Caller;
let root: Caller;
let keyId: string;
let keyArn: string;
let viaS3Only: string;

const OBJECT = "arn:aws:s3:::lab-bucket/reports/q1.csv";
const as = (caller: Caller): SseCaller => ({ caller, region: "us-east-1", sourceIp: "127.0.0.1", secureTransport: false, now: new Date(), requestId: "req-1" });
const fromStore = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A key policy that lets ADFS-Developers use the key (with `users`' extra members), and the account's root manage it (all of kms:*, or only `rootActions`). */
const keyPolicy = (users: object, rootActions: string | string[] = "kms:*") =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LAB}:root` }, Action: rootActions, Resource: "*" },
      { Sid: "Allow use of the key", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LAB}:role/ADFS-Developers` }, Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: "*", ...users },
    ],
  });

before(async () => {
  federa = await startFedera();
  kms = kmsClient(federa.url);
  engine = engineOf(federa.dataDir, systemClock);
  bodiesDir = mkdtempSync(join(tmpdir(), "federa-s3-kms-"));
  bodies = createObjectBodies({ dir: join(bodiesDir, "s3"), kms: engine.deps, rootKey: engine.deps.rootKey });
  const lookup = createCredentialLookup(engine.deps.iam, createSessionTokens(loadOrCreateServiceKey(federa.dataDir)), systemClock);
  const callerOf = async (c: { accessKeyId: string; sessionToken?: string }) => (await lookup(c.accessKeyId, c.sessionToken))!;
  bobCredentials = await federatedCredentials(federa.url, "bob", "Bob!Passw0rd1", "ADFS-Developers");
  bob = await callerOf(bobCredentials);
  erin = await callerOf(await federatedCredentials(federa.url, "erin", "Erin!Passw0rd1", "ADFS-Auditors"));
  root = await callerOf(ROOT);
  assert.match(bob.arn, /assumed-role\/ADFS-Developers\/bob/);
  assert.match(erin.arn, /assumed-role\/ADFS-Auditors\/erin/);
  const created = await kms.send(new CreateKeyCommand({ Description: "lab s3 key", Policy: keyPolicy({}) }));
  keyId = created.KeyMetadata!.KeyId!;
  keyArn = created.KeyMetadata!.Arn!;
  await kms.send(new CreateAliasCommand({ AliasName: "alias/lab-s3", TargetKeyId: keyId }));
  // Developers may use this one only through S3, and only for lab-bucket's objects; the key policy
  // does not delegate cryptography to IAM policies (which allow Developers everything).
  const conditioned = await kms.send(
    new CreateKeyCommand({
      Description: "through S3 only",
      Policy: keyPolicy(
        { Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" }, StringLike: { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::lab-bucket/*" } } },
        ["kms:Describe*", "kms:Get*", "kms:List*", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"],
      ),
    }),
  );
  viaS3Only = conditioned.KeyMetadata!.KeyId!;
});
after(async () => {
  await engine?.close();
  await federa?.stop();
  if (bodiesDir) rmSync(bodiesDir, { recursive: true, force: true });
});

async function put(sse: SseRequest, bytes: Buffer, caller: Caller = bob, objectArn = OBJECT): Promise<StoredBody> {
  const envelope = await bodies.newEnvelope(sse, objectArn, as(caller));
  const part = await bodies.writePart(envelope, chunked(bytes), as(caller));
  return fromStore({ envelope, parts: [{ blobId: part.blobId, size: part.size }], size: part.size, md5Hex: part.etagHex });
}
const get = async (body: StoredBody, caller: Caller = bob, range?: { start: number; end: number }) => collect(await bodies.read(body, range, as(caller)));

describe("SSE-KMS with the caller's permissions", () => {
  it("encrypts under the key the request names, by id, ARN, alias or alias ARN, and reads back", async () => {
    const bytes = plaintext(2 * SEGMENT + 99);
    for (const name of [keyId, keyArn, "alias/lab-s3", `arn:aws:kms:us-east-1:${LAB}:alias/lab-s3`]) {
      const body = await put({ algorithm: "aws:kms", kmsKeyId: name }, bytes);
      assert.equal(body.envelope.algorithm, "aws:kms");
      assert.equal(body.envelope.kmsKeyArn, keyArn);
      assert.deepEqual(body.envelope.context, { "aws:s3:arn": OBJECT });
      assert.deepEqual(await get(body), bytes);
      assert.deepEqual(await get(body, bob, { start: SEGMENT - 1, end: SEGMENT }), bytes.subarray(SEGMENT - 1, SEGMENT + 1));
    }
    assert.ok(noneHolds(bodiesDir, MARKER));
  });

  it("an SSE-KMS part's ETag is not the MD5 of its data (as S3 documents); the MD5 is computed only when asked for", async () => {
    const bytes = plaintext(SEGMENT + 5);
    const md5 = createHash("md5").update(bytes).digest("hex");
    const envelope = await bodies.newEnvelope({ algorithm: "aws:kms", kmsKeyId: keyId }, OBJECT, as(bob));
    const plain = await bodies.writePart(envelope, chunked(bytes), as(bob));
    assert.match(plain.etagHex, /^[0-9a-f]{32}$/);
    assert.notEqual(plain.etagHex, md5);
    assert.equal(plain.md5Hex, undefined);
    const again = await bodies.writePart(envelope, chunked(bytes), as(bob));
    assert.notEqual(again.etagHex, plain.etagHex, "each write's ETag names its own sealed bytes");
    const asked = await bodies.writePart(envelope, chunked(bytes), as(bob), undefined, { md5: true });
    assert.equal(asked.md5Hex, md5);
    assert.notEqual(asked.etagHex, md5);
    const sseS3 = await bodies.writePart(await bodies.newEnvelope({ algorithm: "AES256" }, OBJECT, as(bob)), chunked(bytes), as(bob));
    assert.equal(sseS3.etagHex, md5, "SSE-S3's ETag is the MD5");
    await bodies.remove([plain, again, asked, sseS3]);
  });

  it("the data key is KMS's own ciphertext blob, bound to the context aws:s3:arn (and the request's context)", async () => {
    const body = await put({ algorithm: "aws:kms", kmsKeyId: keyId, context: { project: "lab" } }, plaintext(10));
    assert.deepEqual(body.envelope.context, { project: "lab", "aws:s3:arn": OBJECT });
    const blob = Buffer.from(body.envelope.encryptedDataKey, "base64");
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: body.envelope.context }));
    assert.equal(opened.KeyId, keyArn);
    assert.equal(opened.Plaintext!.length, 32);
    assert.ok(noneHolds(bodiesDir, Buffer.from(opened.Plaintext!)), "the data key is on disk only wrapped");
    assert.equal((await refusal(kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { "aws:s3:arn": OBJECT } })))).name, "InvalidCiphertextException");
    // An envelope moved to another object (its context changed) does not open: an internal error.
    const moved: Envelope = { ...body.envelope, context: { project: "lab", "aws:s3:arn": "arn:aws:s3:::lab-bucket/other" } };
    const error = await failure(() => get({ ...body, envelope: moved }));
    assert.equal(error.code, "ERR_S3_DATA_KEY");
    assert.equal(error.status, 500);
  });

  it("with the bucket key on, the context is the bucket's ARN, as AWS does", async () => {
    const body = await put({ algorithm: "aws:kms", kmsKeyId: keyId, bucketKeyEnabled: true }, plaintext(100));
    assert.deepEqual(body.envelope.context, { "aws:s3:arn": "arn:aws:s3:::lab-bucket" });
    assert.equal(body.envelope.bucketKeyEnabled, true);
    assert.equal((await get(body)).length, 100);
  });

  it("without a key named: the AWS managed key alias/aws/s3, made on first use", async () => {
    const body = await put({ algorithm: "aws:kms" }, plaintext(1000));
    const managed = (await kms.send(new DescribeKeyCommand({ KeyId: "alias/aws/s3" }))).KeyMetadata!;
    assert.equal(managed.KeyManager, "AWS");
    assert.equal(body.envelope.kmsKeyArn, managed.Arn);
    assert.equal((await get(body)).length, 1000);
    const named = await put({ algorithm: "aws:kms", kmsKeyId: "alias/aws/s3" }, plaintext(5));
    assert.equal(named.envelope.kmsKeyArn, managed.Arn);
    // its policy allows use only through S3: the same data key directly is refused
    const refused = await refusal(kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(body.envelope.encryptedDataKey, "base64"), EncryptionContext: body.envelope.context })));
    assert.equal(refused.name, "AccessDeniedException");
  });

  it("kms:ViaService and kms:EncryptionContext:aws:s3:arn reach the key policy", async () => {
    const body = await put({ algorithm: "aws:kms", kmsKeyId: viaS3Only }, plaintext(10));
    assert.equal((await get(body)).length, 10);
    const other = await failure(() => put({ algorithm: "aws:kms", kmsKeyId: viaS3Only }, plaintext(10), bob, "arn:aws:s3:::other-bucket/x"));
    assert.equal(other.code, "AccessDenied");
    // Directly, not through S3, bob may not open the same data key.
    const direct = await refusal(
      kmsClient(federa.url, bobCredentials).send(new DecryptCommand({ CiphertextBlob: Buffer.from(body.envelope.encryptedDataKey, "base64"), EncryptionContext: body.envelope.context })),
    );
    assert.equal(direct.name, "AccessDeniedException");
  });

  it("a caller without kms:Decrypt gets AccessDenied (403) on read, before any byte; without kms:GenerateDataKey on put", async () => {
    const body = await put({ algorithm: "aws:kms", kmsKeyId: keyId }, plaintext(3 * SEGMENT));
    const denied = await failure(() => bodies.read(body, undefined, as(erin)));
    assert.equal(denied.code, "AccessDenied");
    assert.equal(denied.status, 403);
    assert.equal(denied.message, "The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.");
    const put403 = await failure(() => bodies.newEnvelope({ algorithm: "aws:kms", kmsKeyId: keyId }, OBJECT, as(erin)));
    assert.equal(put403.code, "AccessDenied");
    assert.equal(put403.status, 403);
    assert.equal(
      put403.message,
      `User: ${erin.arn} is not authorized to perform: kms:GenerateDataKey on this resource because the resource does not exist in this Region, no resource-based policies allow access, or a resource-based policy explicitly denies access`,
    );
    // A part of a multipart upload (the envelope from the store) needs kms:Decrypt, as on AWS.
    const upload = await bodies.newEnvelope({ algorithm: "aws:kms", kmsKeyId: keyId }, OBJECT, as(bob));
    assert.equal((await failure(() => bodies.writePart(fromStore(upload), chunked(plaintext(10)), as(erin)))).code, "AccessDenied");
    const part = await bodies.writePart(fromStore(upload), chunked(plaintext(10)), as(bob));
    assert.equal(part.size, 10);
    // The root of the account may (the key policy delegates to IAM; the root is not limited by IAM policies).
    assert.equal((await get(body, root)).length, 3 * SEGMENT);
  });

  it("an unknown key: KMS.NotFoundException (400) with KMS's message", async () => {
    for (const name of ["alias/no-such-key", "11111111-2222-3333-4444-555555555555", "not a key"]) {
      const error = await failure(() => bodies.newEnvelope({ algorithm: "aws:kms", kmsKeyId: name }, OBJECT, as(bob)));
      assert.equal(error.code, "KMS.NotFoundException", name);
      assert.equal(error.status, 400);
    }
    const error = await failure(() => bodies.newEnvelope({ algorithm: "aws:kms", kmsKeyId: "not a key" }, OBJECT, as(bob)));
    assert.equal(error.message, "Invalid keyId 'not a key'");
  });

  it("a disabled key: KMS.DisabledException (400) for put and get, until it is enabled again", async () => {
    const body = await put({ algorithm: "aws:kms", kmsKeyId: keyId }, plaintext(500));
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    try {
      const onPut = await failure(() => bodies.newEnvelope({ algorithm: "aws:kms", kmsKeyId: keyId }, OBJECT, as(bob)));
      assert.equal(onPut.code, "KMS.DisabledException");
      assert.equal(onPut.status, 400);
      assert.equal(onPut.message, `${keyArn} is disabled.`);
      const onGet = await failure(() => bodies.read(body, undefined, as(bob)));
      assert.equal(onGet.code, "KMS.DisabledException");
    } finally {
      await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    }
    assert.equal((await get(body)).length, 500);
  });

  it("a key pending deletion: KMS.KMSInvalidStateException (400)", async () => {
    const body = await put({ algorithm: "aws:kms", kmsKeyId: keyId }, plaintext(500));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    try {
      const onPut = await failure(() => bodies.newEnvelope({ algorithm: "aws:kms", kmsKeyId: "alias/lab-s3" }, OBJECT, as(bob)));
      assert.equal(onPut.code, "KMS.KMSInvalidStateException");
      assert.equal(onPut.status, 400);
      assert.equal(onPut.message, `${keyArn} is pending deletion.`);
      assert.equal((await failure(() => bodies.read(body, undefined, as(bob)))).code, "KMS.KMSInvalidStateException");
    } finally {
      await kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
      await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    }
    assert.equal((await get(body)).length, 500);
  });

  it("a deleted key: KMS.NotFoundException on put, AccessDenied on get (KMS no longer knows the key)", async () => {
    const doomed = (await kms.send(new CreateKeyCommand({ Description: "to be deleted", Policy: keyPolicy({}) }))).KeyMetadata!;
    const body = await put({ algorithm: "aws:kms", kmsKeyId: doomed.KeyId! }, plaintext(50));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId!, PendingWindowInDays: 7 }));
    // Eight days on, the key is deleted when it is next read (the engine settles keys on every use).
    const later = (caller: Caller): SseCaller => ({ ...as(caller), now: new Date(Date.now() + 8 * 86_400_000) });
    const onGet = await failure(() => bodies.read(body, undefined, later(bob)));
    assert.equal(onGet.code, "AccessDenied");
    assert.equal(onGet.status, 403);
    const onPut = await failure(() => bodies.newEnvelope({ algorithm: "aws:kms", kmsKeyId: doomed.KeyId! }, OBJECT, later(bob)));
    assert.equal(onPut.code, "KMS.NotFoundException");
    assert.equal(onPut.message, `Key '${doomed.Arn}' does not exist`);
  });
});

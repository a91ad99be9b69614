// KMS calls in the audit trail: with federated credentials, an allowed Encrypt and a denied one
// become CloudTrail events (userIdentity with its sessionContext, eventSource kms.amazonaws.com,
// the key as resource, errorCode and errorMessage for the denial), kept in the store and in the
// JSON Lines file — and neither holds the plaintext, the secret key or the session token.
// `federa trail` finds them.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { CreateKeyCommand, DescribeKeyCommand, EncryptCommand, ListKeysCommand, PutKeyPolicyCommand, ReEncryptCommand } from "@aws-sdk/client-kms";
import { trailDate } from "../../src/shared/index.ts";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { federatedCredentials, kmsClient, LAB, ROOT, SECOND, refusal, type Credentials } from "./helpers.ts";

const run = promisify(execFile);
let federa: RunningFedera;
let bob: Credentials;
let alice: Credentials;
let keyId: string;
let sharedKeyArn: string;
const PLAINTEXT = "the audit must never see this 7d1f";
const SHARED_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Sid: "root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LAB}:root` }, Action: "kms:*", Resource: "*" },
    { Sid: "second account reads", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${SECOND}:role/ADFS-ReadOnly` }, Action: "kms:DescribeKey", Resource: "*" },
  ],
});

before(async () => {
  federa = await startFedera();
  bob = await federatedCredentials(federa.url, "bob", "Bob!Passw0rd1", "ADFS-Developers");
  alice = await federatedCredentials(federa.url, "alice", "Alice!Passw0rd1", "ADFS-KeyAdmins");
  keyId = (await kmsClient(federa.url).send(new CreateKeyCommand({ Description: "audited" }))).KeyMetadata!.KeyId!;
  await kmsClient(federa.url).send(
    new PutKeyPolicyCommand({
      KeyId: keyId,
      PolicyName: "default",
      Policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LAB}:root` }, Action: "kms:*", Resource: "*" },
          { Sid: "users", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LAB}:role/ADFS-Developers` }, Action: ["kms:Encrypt", "kms:Decrypt"], Resource: "*" },
        ],
      }),
    }),
  );
  await kmsClient(federa.url, bob).send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(PLAINTEXT), EncryptionContext: { project: "lab" } }));
  const denied = await refusal(kmsClient(federa.url, alice).send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(PLAINTEXT) })));
  assert.equal(denied.name, "AccessDeniedException");
  // As root: a key with a policy that lets the second account's ADFS-ReadOnly describe it, a
  // ReEncrypt and a ListKeys; then erin, of the second account, describes it and is refused the other.
  const root = kmsClient(federa.url);
  sharedKeyArn = (await root.send(new CreateKeyCommand({ Policy: SHARED_POLICY, Description: "shared" }))).KeyMetadata!.Arn!;
  const sealed = await root.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(PLAINTEXT) }));
  await root.send(new ReEncryptCommand({ CiphertextBlob: sealed.CiphertextBlob, DestinationKeyId: sharedKeyArn }));
  await root.send(new ListKeysCommand({}));
  // S3 asks KMS for a data key to put an SSE-KMS object, and to decrypt it to get it back.
  const s3 = new S3Client({ endpoint: federa.url, region: "us-east-1", forcePathStyle: true, credentials: ROOT, maxAttempts: 1 });
  await s3.send(new CreateBucketCommand({ Bucket: "audited-bucket" }));
  await s3.send(new PutObjectCommand({ Bucket: "audited-bucket", Key: "report.txt", Body: PLAINTEXT, ServerSideEncryption: "aws:kms", SSEKMSKeyId: keyId }));
  assert.equal(await (await s3.send(new GetObjectCommand({ Bucket: "audited-bucket", Key: "report.txt" }))).Body!.transformToString(), PLAINTEXT);
  const erin = kmsClient(federa.url, await federatedCredentials(federa.url, "erin", "Erin!Passw0rd1", "ADFS-ReadOnly", SECOND));
  await erin.send(new DescribeKeyCommand({ KeyId: sharedKeyArn }));
  assert.equal((await refusal(erin.send(new DescribeKeyCommand({ KeyId: `arn:aws:kms:us-east-1:${LAB}:key/${keyId}` })))).name, "AccessDeniedException");
  await federa.server.close(); // flushes the trail
});
after(() => federa.stop());

function events(): Record<string, any>[] {
  return readFileSync(join(federa.dataDir, "trail", "cloudtrail.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line));
}

describe("KMS in the audit trail", () => {
  it("records the allowed Encrypt with the federated session's identity and the key", () => {
    const encrypt = events().find((e) => e.eventName === "Encrypt" && !e.errorCode)!;
    assert.ok(encrypt, "an Encrypt event");
    assert.equal(encrypt.eventSource, "kms.amazonaws.com");
    assert.equal(encrypt.awsRegion, "us-east-1");
    assert.ok(Number(encrypt.eventVersion) >= 1.08);
    assert.equal(encrypt.userIdentity.type, "AssumedRole");
    assert.equal(encrypt.userIdentity.arn, `arn:aws:sts::${LAB}:assumed-role/ADFS-Developers/bob@corp.example.test`);
    assert.equal(encrypt.userIdentity.sessionContext.sessionIssuer.arn, `arn:aws:iam::${LAB}:role/ADFS-Developers`);
    assert.equal(encrypt.requestParameters.keyId, keyId);
    assert.deepEqual(encrypt.requestParameters.encryptionContext, { project: "lab" });
    assert.equal(encrypt.readOnly, true);
    assert.deepEqual(encrypt.resources, [{ ARN: `arn:aws:kms:us-east-1:${LAB}:key/${keyId}`, accountId: LAB, type: "AWS::KMS::Key" }]);
  });

  it("records the denied Encrypt with AccessDeniedException and AWS's message", () => {
    const denied = events().find((e) => e.eventName === "Encrypt" && e.errorCode)!;
    assert.equal(denied.errorCode, "AccessDeniedException");
    assert.match(denied.errorMessage, /^User: arn:aws:sts::111122223333:assumed-role\/ADFS-KeyAdmins\/alice@corp\.example\.test is not authorized to perform: kms:Encrypt/);
    assert.equal(denied.userIdentity.sessionContext.sessionIssuer.arn, `arn:aws:iam::${LAB}:role/ADFS-KeyAdmins`);
    // A refused call still names the key it was refused on.
    assert.deepEqual(denied.resources, [{ ARN: `arn:aws:kms:us-east-1:${LAB}:key/${keyId}`, accountId: LAB, type: "AWS::KMS::Key" }]);
  });

  it("records CreateKey's policy, and its key metadata as CloudTrail writes it (camelCase, CloudTrail's dates)", () => {
    const created = events().find((e) => e.eventName === "CreateKey" && e.requestParameters?.description === "shared")!;
    assert.equal(created.requestParameters.policy, SHARED_POLICY);
    const metadata = created.responseElements.keyMetadata;
    assert.equal(metadata.aWSAccountId, LAB);
    assert.equal(metadata.arn, sharedKeyArn);
    assert.equal(metadata.keyState, "Enabled");
    assert.match(metadata.creationDate, /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} (AM|PM)$/);
    assert.equal(Object.keys(metadata).some((name) => /^[A-Z]/.test(name)), false, "no member in the API's PascalCase");
  });

  it("records the KMS calls S3 makes for SSE-KMS, invoked by s3.amazonaws.com, with the object's encryption context", () => {
    const objectArn = "arn:aws:s3:::audited-bucket/report.txt";
    const keyArn = `arn:aws:kms:us-east-1:${LAB}:key/${keyId}`;
    const byS3 = events().filter((e) => e.eventSource === "kms.amazonaws.com" && e.userIdentity.invokedBy === "s3.amazonaws.com");
    assert.deepEqual(byS3.map((e) => e.eventName), ["GenerateDataKey", "Decrypt"]);
    for (const event of byS3) {
      assert.equal(event.userIdentity.type, "Root");
      assert.equal(event.sourceIPAddress, "s3.amazonaws.com");
      assert.equal(event.userAgent, "s3.amazonaws.com");
      assert.deepEqual(event.requestParameters.encryptionContext, { "aws:s3:arn": objectArn });
      assert.deepEqual(event.resources, [{ ARN: keyArn, accountId: LAB, type: "AWS::KMS::Key" }]);
      assert.equal(event.responseElements, null);
    }
    assert.equal(byS3[0]!.requestParameters.keySpec, "AES_256");
    assert.equal(byS3[1]!.requestParameters.encryptionAlgorithm, "SYMMETRIC_DEFAULT");
  });

  it("records each federation (AssumeRoleWithSAML) with the SAML user, the role and the session, never its secrets", () => {
    const bobs = events().filter((e) => e.eventName === "AssumeRoleWithSAML" && e.requestParameters?.roleArn === `arn:aws:iam::${LAB}:role/ADFS-Developers`);
    assert.ok(bobs.length >= 1);
    const event = bobs[0]!;
    assert.equal(event.userIdentity.type, "SAMLUser");
    assert.equal(event.userIdentity.principalId, `${event.userIdentity.identityProvider}:${event.userIdentity.userName}`);
    assert.equal(event.requestParameters.principalArn, `arn:aws:iam::${LAB}:saml-provider/ADFS`);
    assert.equal(event.requestParameters.roleSessionName, "bob@corp.example.test");
    assert.match(event.requestParameters.sAMLAssertionID, /^_/, "the assertion's ID, as AWS records it (an identifier, not the assertion)");
    assert.equal(event.responseElements.assumedRoleUser.arn, `arn:aws:sts::${LAB}:assumed-role/ADFS-Developers/bob@corp.example.test`);
    assert.match(event.responseElements.credentials.accessKeyId, /^ASIA/);
    assert.deepEqual(Object.keys(event.responseElements.credentials).sort(), ["accessKeyId", "expiration"]);
    assert.equal(event.recipientAccountId, LAB);
    assert.deepEqual(event.resources.map((r: { type: string }) => r.type), ["AWS::IAM::Role", "AWS::IAM::SAMLProvider"]);
  });

  it("writes dates in responseElements as KMS's CloudTrail events do, in UTC", () => {
    assert.equal(trailDate(new Date("2020-06-30T02:34:07Z")), "Jun 30, 2020 2:34:07 AM");
    assert.equal(trailDate(new Date("2021-04-12T18:58:30Z")), "Apr 12, 2021 6:58:30 PM");
    assert.equal(trailDate(new Date("2027-01-05T12:00:09Z")), "Jan 5, 2027 12:00:09 PM");
    assert.equal(trailDate(new Date("2027-01-05T00:00:00Z")), "Jan 5, 2027 12:00:00 AM");
  });

  it("records ReEncrypt's algorithms even when the request left them out, and ListKeys with no resources", () => {
    const moved = events().find((e) => e.eventName === "ReEncrypt")!;
    assert.equal(moved.requestParameters.sourceEncryptionAlgorithm, "SYMMETRIC_DEFAULT");
    assert.equal(moved.requestParameters.destinationEncryptionAlgorithm, "SYMMETRIC_DEFAULT");
    assert.deepEqual(events().find((e) => e.eventName === "ListKeys")!.resources, []);
  });

  it("records a call across accounts in both, sharing a sharedEventID; a refused one only in the caller's", () => {
    const described = events().filter((e) => e.eventName === "DescribeKey" && e.userIdentity.accountId === SECOND && !e.errorCode);
    assert.deepEqual(described.map((e) => e.recipientAccountId).sort(), [LAB, SECOND]);
    assert.ok(described[0]!.sharedEventID);
    assert.equal(described[0]!.sharedEventID, described[1]!.sharedEventID);
    assert.notEqual(described[0]!.eventID, described[1]!.eventID);
    const refused = events().filter((e) => e.eventName === "DescribeKey" && e.userIdentity.accountId === SECOND && e.errorCode);
    assert.equal(refused.length, 1);
    assert.equal(refused[0]!.recipientAccountId, SECOND);
    assert.equal(refused[0]!.sharedEventID, undefined);
  });

  it("never writes the plaintext, a secret key or a session token", () => {
    const file = readFileSync(join(federa.dataDir, "trail", "cloudtrail.jsonl"), "utf8");
    for (const secret of [PLAINTEXT, Buffer.from(PLAINTEXT).toString("base64"), bob.secretAccessKey, bob.sessionToken!, alice.secretAccessKey, alice.sessionToken!, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]) {
      assert.equal(file.includes(secret), false);
    }
  });

  it("federa trail lists and filters them", async () => {
    const { stdout } = await run(process.execPath, ["bin/federa.js", "trail", "--data-dir", federa.dataDir, "--event-source", "kms.amazonaws.com", "--errors", "--json"]);
    const lines = stdout.trim().split("\n").map((line) => JSON.parse(line));
    assert.ok(lines.length >= 1);
    assert.ok(lines.every((e) => e.errorCode && e.eventSource === "kms.amazonaws.com"));
    assert.ok(lines.some((e) => e.eventName === "Encrypt" && e.errorCode === "AccessDeniedException"));
  });
});

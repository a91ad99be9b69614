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
import { CreateKeyCommand, EncryptCommand, PutKeyPolicyCommand } from "@aws-sdk/client-kms";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { federatedCredentials, kmsClient, LAB, refusal, type Credentials } from "./helpers.ts";

const run = promisify(execFile);
let federa: RunningFedera;
let bob: Credentials;
let alice: Credentials;
let keyId: string;
const PLAINTEXT = "the audit must never see this 7d1f";

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

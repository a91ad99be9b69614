// GetKeyLastUsage, as the lab uses it before scheduling a key's deletion: which cryptographic
// operation last used the key, when, and the CloudTrail event and request that recorded it. A key
// user's Encrypt shows to the key administrator; calls that fail, and calls that only read the key,
// do not count; ReEncrypt counts for both its keys.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  GetKeyLastUsageCommand,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { federatedCredentials, kmsClient, labKeyPolicy, LAB, refusal } from "./helpers.ts";

let federa: RunningFedera;
let root: KMSClient;
let bob: KMSClient;
let alice: KMSClient;

before(async () => {
  federa = await startFedera();
  root = kmsClient(federa.url);
  bob = kmsClient(federa.url, await federatedCredentials(federa.url, "bob", "Bob!Passw0rd1", "ADFS-Developers"));
  alice = kmsClient(federa.url, await federatedCredentials(federa.url, "alice", "Alice!Passw0rd1", "ADFS-KeyAdmins"));
});
after(() => federa.stop());

const lastUsage = (client: KMSClient, keyId: string) => client.send(new GetKeyLastUsageCommand({ KeyId: keyId }));
const newKey = async () => (await root.send(new CreateKeyCommand({ Policy: JSON.stringify(labKeyPolicy) }))).KeyMetadata!;

/** The trail's event with this id, from the JSON Lines file (GetKeyLastUsage writes the trail out first). */
function trailEvent(eventId: string): Record<string, unknown> {
  const lines = readFileSync(join(federa.dataDir, "trail", "cloudtrail.jsonl"), "utf8").trim().split("\n");
  const event = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((e) => e["eventID"] === eventId);
  assert.ok(event, `an event ${eventId} in the trail`);
  return event;
}

describe("GetKeyLastUsage", () => {
  it("an unused key: an empty KeyLastUsage, tracked since its creation", async () => {
    const key = await newKey();
    await root.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
    const usage = await lastUsage(root, key.KeyId!);
    assert.equal(usage.KeyId, key.KeyId);
    assert.deepEqual(usage.KeyLastUsage, {});
    assert.equal(usage.KeyCreationDate!.getTime(), key.CreationDate!.getTime());
    assert.equal(usage.TrackingStartDate!.getTime(), key.CreationDate!.getTime());
  });

  it("names the key user's last Encrypt to the key administrator: operation, time, CloudTrail event and request", async () => {
    const key = await newKey();
    const sealed = await bob.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from("lab data"), EncryptionContext: { project: "lab" } }));
    const usage = await lastUsage(alice, key.KeyId!);
    assert.equal(usage.KeyLastUsage!.Operation, "Encrypt");
    assert.equal(usage.KeyLastUsage!.KmsRequestId, sealed.$metadata.requestId);
    const event = trailEvent(usage.KeyLastUsage!.CloudTrailEventId!);
    assert.equal(event["eventName"], "Encrypt");
    assert.equal(event["requestID"], sealed.$metadata.requestId);
    assert.equal(usage.KeyLastUsage!.Timestamp!.getTime(), new Date(event["eventTime"] as string).getTime());
    assert.equal((event["userIdentity"] as { arn: string }).arn.startsWith(`arn:aws:sts::${LAB}:assumed-role/ADFS-Developers/`), true);

    // The key user may not ask (the lab's key users have no kms:Get*).
    const denied = await refusal(lastUsage(bob, key.KeyId!));
    assert.equal(denied.name, "AccessDeniedException");
    assert.match(denied.message, /kms:GetKeyLastUsage/);

    // A Decrypt is the last use next; a refused call and a read-only one leave it so.
    const opened = await bob.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: { project: "lab" } }));
    assert.equal((await refusal(bob.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob })))).name, "InvalidCiphertextException");
    assert.equal((await refusal(bob.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from("x"), DryRun: true })))).name, "DryRunOperationException");
    await bob.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
    const after = await lastUsage(alice, key.KeyId!);
    assert.equal(after.KeyLastUsage!.Operation, "Decrypt");
    assert.equal(after.KeyLastUsage!.KmsRequestId, opened.$metadata.requestId);
    assert.ok(after.KeyLastUsage!.Timestamp!.getTime() >= usage.KeyLastUsage!.Timestamp!.getTime());
  });

  it("counts ReEncrypt for both its keys, with the same event", async () => {
    const source = await newKey();
    const destination = await newKey();
    const sealed = await root.send(new EncryptCommand({ KeyId: source.KeyId, Plaintext: Buffer.from("moved") }));
    const moved = await root.send(new ReEncryptCommand({ CiphertextBlob: sealed.CiphertextBlob, DestinationKeyId: destination.KeyId }));
    const [a, b] = await Promise.all([lastUsage(root, source.KeyId!), lastUsage(root, destination.KeyId!)]);
    for (const usage of [a, b]) {
      assert.equal(usage.KeyLastUsage!.Operation, "ReEncrypt");
      assert.equal(usage.KeyLastUsage!.KmsRequestId, moved.$metadata.requestId);
    }
    assert.equal(a.KeyLastUsage!.CloudTrailEventId, b.KeyLastUsage!.CloudTrailEventId);
  });

  it("answers in any key state, takes a key id or ARN but not an alias, and no other account's key", async () => {
    const key = await newKey();
    await root.send(new CreateAliasCommand({ AliasName: "alias/last-usage", TargetKeyId: key.KeyId }));
    await root.send(new EncryptCommand({ KeyId: key.Arn, Plaintext: Buffer.from("before") }));
    await root.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    assert.equal((await lastUsage(root, key.Arn!)).KeyLastUsage!.Operation, "Encrypt");
    await root.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    assert.equal((await lastUsage(root, key.KeyId!)).KeyLastUsage!.Operation, "Encrypt");

    assert.deepEqual(await refusal(lastUsage(root, "alias/last-usage")), { name: "InvalidArnException", message: "Key Aliases are not supported for this operation.", status: 400 });
    const foreign = `arn:aws:kms:us-east-1:444455556666:key/${key.KeyId}`;
    assert.equal((await refusal(lastUsage(root, foreign))).name, "NotFoundException");
  });
});

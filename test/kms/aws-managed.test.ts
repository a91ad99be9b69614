// AWS managed keys (alias aws/<service>), as an integrated service such as S3 gets them from the
// engine: made once on first use with AWS's key policy, usable only through the service
// (kms:ViaService) by principals of the account, readable by the account, rotated every year on
// their own; customers can change neither their policy, nor their rotation, nor delete them.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  DescribeKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  ListKeyRotationsCommand,
  PutKeyPolicyCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { ManualClock } from "../../src/shared/index.ts";
import { createCredentialLookup, type Caller } from "../../src/sts/index.ts";
import { awsManagedKey, awsManagedKeyForAlias, awsManagedKeyPolicy, viaServiceOf } from "../../src/kms/engine/aws-managed.ts";
import { authorizeKey } from "../../src/kms/engine/authorize.ts";
import { runSchedules } from "../../src/kms/engine/settle.ts";
import type { KmsContext } from "../../src/kms/index.ts";
import type { KmsKey } from "../../src/kms/model/types.ts";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { clockedKmsClient, engineOf } from "./clocked.ts";
import { LAB, ROOT, refusal } from "./helpers.ts";

const DAY = 86_400_000;
const clock = new ManualClock(new Date("2027-07-01T08:00:00Z"));
let federa: RunningFedera;
let kms: KMSClient;
let engine: ReturnType<typeof engineOf>;
let s3Key: KmsKey;

before(async () => {
  federa = await startFedera({}, { clock });
  kms = clockedKmsClient(federa.url, clock);
  engine = engineOf(federa.dataDir, clock);
  s3Key = await awsManagedKey(engine.deps, LAB, "us-east-1", "s3");
});
after(async () => {
  await engine.close();
  await federa.stop();
});

/** What AWS writes for aws/s3, with this account and Region. */
const S3_POLICY = `{
  "Version" : "2012-10-17",
  "Id" : "auto-s3-2",
  "Statement" : [ {
    "Sid" : "Allow access through S3 for all principals in the account that are authorized to use S3",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "*"
    },
    "Action" : [ "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey" ],
    "Resource" : "*",
    "Condition" : {
      "StringEquals" : {
        "kms:CallerAccount" : "${LAB}",
        "kms:ViaService" : "s3.us-east-1.amazonaws.com"
      }
    }
  }, {
    "Sid" : "Allow direct access to key metadata to the account",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::${LAB}:root"
    },
    "Action" : [ "kms:Describe*", "kms:Get*", "kms:List*" ],
    "Resource" : "*"
  } ]
}`;

describe("creation on first use", () => {
  it("makes one key per service, account and Region, however many ask at once", async () => {
    const again = await Promise.all([1, 2, 3].map(() => awsManagedKey(engine.deps, LAB, "us-east-1", "s3")));
    assert.ok(again.every((k) => k.keyId === s3Key.keyId));
    const [a, b] = await Promise.all([awsManagedKey(engine.deps, LAB, "us-east-1", "ebs"), awsManagedKey(engine.deps, LAB, "us-east-1", "ebs")]);
    assert.equal(a.keyId, b.keyId);
    assert.notEqual(a.keyId, s3Key.keyId);
    const west = await awsManagedKey(engine.deps, LAB, "us-west-2", "s3");
    assert.notEqual(west.keyId, s3Key.keyId);
    assert.equal((await awsManagedKeyForAlias(engine.deps, LAB, "us-east-1", "alias/aws/s3"))!.keyId, s3Key.keyId);
    assert.equal(await awsManagedKeyForAlias(engine.deps, LAB, "us-east-1", "alias/aws/no-such-service"), undefined);
    assert.equal(await awsManagedKeyForAlias(engine.deps, LAB, "us-east-1", "alias/mine"), undefined);
  });

  it("lists the predefined aliases of keys not made yet as AWS does: a name and an ARN, no target", async () => {
    const listed = async () => new Map(((await kms.send(new ListAliasesCommand({}))).Aliases ?? []).filter((a) => a.AliasName!.startsWith("alias/aws/")).map((a) => [a.AliasName!, a]));
    const before = await listed();
    assert.deepEqual([...before.keys()].sort(), ["alias/aws/ebs", "alias/aws/lambda", "alias/aws/s3", "alias/aws/secretsmanager", "alias/aws/ssm"]);
    assert.equal(before.get("alias/aws/s3")!.TargetKeyId, s3Key.keyId);
    assert.deepEqual(before.get("alias/aws/lambda"), { AliasName: "alias/aws/lambda", AliasArn: `arn:aws:kms:us-east-1:${LAB}:alias/aws/lambda` });
    const lambda = await awsManagedKey(engine.deps, LAB, "us-east-1", "lambda");
    const after = await listed();
    assert.equal(after.size, 5, "the alias is listed once, now with its key");
    assert.equal(after.get("alias/aws/lambda")!.TargetKeyId, lambda.keyId);
    assert.equal(after.get("alias/aws/lambda")!.CreationDate!.getTime(), clock.now().getTime());
  });

  it("is an Enabled symmetric key managed by AWS, found by its alias aws/s3", async () => {
    const meta = (await kms.send(new DescribeKeyCommand({ KeyId: "alias/aws/s3" }))).KeyMetadata!;
    assert.equal(meta.KeyId, s3Key.keyId);
    assert.equal(meta.Arn, `arn:aws:kms:us-east-1:${LAB}:key/${s3Key.keyId}`);
    assert.equal(meta.KeyManager, "AWS");
    assert.equal(meta.KeyState, "Enabled");
    assert.equal(meta.KeySpec, "SYMMETRIC_DEFAULT");
    assert.equal(meta.KeyUsage, "ENCRYPT_DECRYPT");
    assert.equal(meta.Origin, "AWS_KMS");
    assert.equal(meta.Description, "Default key that protects my S3 objects when no other key is defined");
    assert.equal(meta.CreationDate!.getTime(), clock.now().getTime());
  });

  it("has AWS's key policy for aws/s3, character for character", async () => {
    assert.equal(awsManagedKeyPolicy(LAB, "us-east-1", "s3"), S3_POLICY);
    assert.equal(s3Key.policy, S3_POLICY);
    const ebs = awsManagedKeyPolicy(LAB, "us-east-1", "ebs");
    assert.match(ebs, /"kms:ViaService" : "ec2\.us-east-1\.amazonaws\.com"/);
    assert.match(ebs, /"kms:GenerateDataKey\*", "kms:CreateGrant", "kms:DescribeKey" \]/);
    assert.match(ebs, /"kms:Describe\*", "kms:Get\*", "kms:List\*", "kms:RevokeGrant" \]/);
    const got = await kms.send(new GetKeyPolicyCommand({ KeyId: s3Key.keyId, PolicyName: "default" }));
    assert.equal(got.Policy, S3_POLICY);
  });
});

describe("who may use it", () => {
  /** The lab's root, as SigV4 would establish it, for calls the way an integrated service makes them. */
  async function rootContext(): Promise<KmsContext> {
    const caller = (await createCredentialLookup(engine.deps.iam, undefined as never, clock)(ROOT.accessKeyId, undefined)) as Caller;
    assert.equal(caller.accountId, LAB);
    return { service: "kms", operation: "Encrypt", now: clock.now(), requestId: "test", sourceIp: "127.0.0.1", secureTransport: true, headers: {}, flatParams: new Map(), caller, params: {}, region: "us-east-1", signature: undefined } as unknown as KmsContext;
  }

  /** The error an engine call failed with (the engine here seals no authorization messages). */
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => assert.fail("the call was not refused"),
      (error: Error & { code?: string }) => error.code,
    );

  it("allows cryptography only through the service (kms:ViaService), for principals of the account", async () => {
    const ctx = await rootContext();
    await authorizeKey(engine.deps, ctx, s3Key, "kms:Encrypt", { conditions: { "kms:ViaService": viaServiceOf("s3", "us-east-1") } });
    await authorizeKey(engine.deps, ctx, s3Key, "kms:GenerateDataKey", { conditions: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } });
    assert.equal(await failure(authorizeKey(engine.deps, ctx, s3Key, "kms:Encrypt")), "AccessDeniedException");
    assert.equal(await failure(authorizeKey(engine.deps, ctx, s3Key, "kms:Decrypt", { conditions: { "kms:ViaService": "ec2.us-east-1.amazonaws.com" } })), "AccessDeniedException");
    assert.equal(await failure(authorizeKey(engine.deps, ctx, s3Key, "kms:PutKeyPolicy", { conditions: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } })), "AccessDeniedException");
    // The account may read the key's metadata directly.
    await authorizeKey(engine.deps, ctx, s3Key, "kms:GetKeyRotationStatus");
  });

  it("refuses direct Encrypt, even to the account's root", async () => {
    const refused = await refusal(kms.send(new EncryptCommand({ KeyId: "alias/aws/s3", Plaintext: Buffer.from("x") })));
    assert.equal(refused.name, "AccessDeniedException");
    assert.match(refused.message, new RegExp(`^User: arn:aws:iam::${LAB}:root is not authorized to perform: kms:Encrypt on resource: arn:aws:kms:us-east-1:${LAB}:key/${s3Key.keyId}`));
  });

  it("refuses PutKeyPolicy and ScheduleKeyDeletion: its policy allows no management", async () => {
    for (const call of [
      () => refusal(kms.send(new PutKeyPolicyCommand({ KeyId: s3Key.keyId, PolicyName: "default", Policy: S3_POLICY.replace('"kms:Encrypt", ', "") }))),
      () => refusal(kms.send(new ScheduleKeyDeletionCommand({ KeyId: s3Key.keyId, PendingWindowInDays: 7 }))),
    ]) {
      const refused = await call();
      assert.equal(refused.name, "AccessDeniedException");
    }
    const meta = (await kms.send(new DescribeKeyCommand({ KeyId: s3Key.keyId }))).KeyMetadata!;
    assert.equal(meta.KeyState, "Enabled");
  });
});

describe("rotation", () => {
  it("is on, yearly, and cannot be changed", async () => {
    const s = await kms.send(new GetKeyRotationStatusCommand({ KeyId: s3Key.keyId }));
    assert.equal(s.KeyRotationEnabled, true);
    assert.equal(s.RotationPeriodInDays, 365);
    assert.equal(s.NextRotationDate!.getTime(), s3Key.creationDate + 365 * DAY);
    for (const [name, command] of [
      ["EnableKeyRotation", new EnableKeyRotationCommand({ KeyId: s3Key.keyId, RotationPeriodInDays: 90 })],
      ["DisableKeyRotation", new DisableKeyRotationCommand({ KeyId: s3Key.keyId })],
      ["RotateKeyOnDemand", new RotateKeyOnDemandCommand({ KeyId: s3Key.keyId })],
    ] as const) {
      const refused = await refusal(kms.send(command as EnableKeyRotationCommand));
      assert.equal(refused.name, "UnsupportedOperationException", name);
      assert.equal(refused.message, `${s3Key.arn} is an AWS managed key. You cannot perform ${name} on it.`);
    }
  });

  it("happens every year on its own, on read and by the scheduler's sweep", async () => {
    const ebs = await awsManagedKey(engine.deps, LAB, "us-east-1", "ebs");
    const first = (await kms.send(new DescribeKeyCommand({ KeyId: "alias/aws/s3" }))).KeyMetadata!.CurrentKeyMaterialId;
    clock.advance(365 * DAY + 60_000);
    const second = (await kms.send(new DescribeKeyCommand({ KeyId: "alias/aws/s3" }))).KeyMetadata!.CurrentKeyMaterialId;
    assert.notEqual(second, first);
    const listed = await kms.send(new ListKeyRotationsCommand({ KeyId: s3Key.keyId }));
    assert.deepEqual(listed.Rotations, [{ KeyId: s3Key.keyId, KeyMaterialId: second, KeyMaterialState: "CURRENT", RotationDate: clock.now(), RotationType: "AUTOMATIC" }]);
    assert.equal((await kms.send(new GetKeyRotationStatusCommand({ KeyId: s3Key.keyId }))).NextRotationDate!.getTime(), clock.now().getTime() + 365 * DAY);

    // Nobody read aws/ebs: the sweep rotates it.
    const swept = await runSchedules(engine.deps, clock.now());
    assert.ok(swept.rotated >= 1);
    const after = (await engine.deps.repo.getKey(ebs.keyId))!.document as KmsKey;
    assert.notEqual(after.currentBackingKeyId, ebs.currentBackingKeyId);
    // And the service gets the rotated key.
    assert.equal((await awsManagedKey(engine.deps, LAB, "us-east-1", "ebs")).currentBackingKeyId, after.currentBackingKeyId);
  });
});

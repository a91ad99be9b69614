// Key rotation through the AWS SDK, with federa's clock moved instead of waiting: automatic
// rotation a period after EnableKeyRotation (on read, and by the scheduler's sweep), on-demand
// rotation up to 25 times, ListKeyRotations with paging, and every ciphertext made under an
// earlier backing key still decrypting. Keys that cannot rotate are refused in AWS's words.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  ListKeyRotationsCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  CancelKeyDeletionCommand,
  type KMSClient,
  type RotationsListEntry,
} from "@aws-sdk/client-kms";
import { ManualClock } from "../../src/shared/index.ts";
import { runSchedules } from "../../src/kms/engine/settle.ts";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { clockedKmsClient, engineOf } from "./clocked.ts";
import { LAB, refusal } from "./helpers.ts";

const DAY = 86_400_000;
const clock = new ManualClock(new Date("2027-03-01T09:00:00Z"));
let federa: RunningFedera;
let kms: KMSClient;

before(async () => {
  federa = await startFedera({}, { clock });
  kms = clockedKmsClient(federa.url, clock);
});
after(() => federa.stop());

const newKey = async (input: ConstructorParameters<typeof CreateKeyCommand>[0] = {}) => (await kms.send(new CreateKeyCommand(input))).KeyMetadata!;
const status = (keyId: string) => kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
const materialOf = async (keyId: string) => (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.CurrentKeyMaterialId!;
const seal = async (keyId: string, text: string) => Buffer.from((await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(text) }))).CiphertextBlob!);
const open = async (blob: Buffer) => Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext!).toString();
/** The key material a ciphertext was made with, as Decrypt reports it. */
const materialIn = async (blob: Buffer) => (await kms.send(new DecryptCommand({ CiphertextBlob: blob }))).KeyMaterialId;
const rotations = async (keyId: string, extra: Partial<{ Limit: number; Marker: string; IncludeKeyMaterial: "ALL_KEY_MATERIAL" | "ROTATIONS_ONLY" }> = {}) =>
  kms.send(new ListKeyRotationsCommand({ KeyId: keyId, ...extra }));

describe("automatic rotation", () => {
  it("is off on a new key; EnableKeyRotation turns it on for 365 days unless told", async () => {
    const key = await newKey();
    assert.deepEqual({ ...(await status(key.KeyId!)), $metadata: undefined }, { $metadata: undefined, KeyRotationEnabled: false, KeyId: key.KeyId });
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
    const on = await status(key.Arn!);
    assert.equal(on.KeyRotationEnabled, true);
    assert.equal(on.KeyId, key.KeyId);
    assert.equal(on.RotationPeriodInDays, 365);
    assert.equal(on.NextRotationDate!.getTime(), clock.now().getTime() + 365 * DAY);
    assert.equal(on.OnDemandRotationStartDate, undefined);
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
    const changed = await status(key.KeyId!);
    assert.equal(changed.RotationPeriodInDays, 90);
    assert.equal(changed.NextRotationDate!.getTime(), clock.now().getTime() + 90 * DAY);
    await kms.send(new DisableKeyRotationCommand({ KeyId: key.KeyId }));
    const off = await status(key.KeyId!);
    assert.equal(off.KeyRotationEnabled, false);
    assert.equal(off.RotationPeriodInDays, undefined);
    assert.equal(off.NextRotationDate, undefined);
  });

  it("takes RotationPeriodInDays from 90 to 2560 only", async () => {
    const key = await newKey();
    for (const [days, bound] of [
      [89, "greater than or equal to 90"],
      [2561, "less than or equal to 2560"],
    ] as const) {
      const refused = await refusal(kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: days })));
      assert.equal(refused.name, "ValidationException");
      assert.equal(refused.message, `1 validation error detected: Value '${days}' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value ${bound}`);
      assert.equal(refused.status, 400);
    }
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 2560 }));
    assert.equal((await status(key.KeyId!)).RotationPeriodInDays, 2560);
  });

  it("rotates on time: after 365 days new ciphertexts carry a new backing key, and old ones still decrypt", async () => {
    const key = await newKey();
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
    const first = await materialOf(key.KeyId!);
    const old = await seal(key.KeyId!, "sealed in year one");
    assert.equal(await materialIn(old), first);

    clock.advance(364 * DAY);
    assert.equal(await materialOf(key.KeyId!), first, "not due yet");
    clock.advance(DAY + 60_000);
    const fresh = await seal(key.KeyId!, "sealed in year two");
    const second = await materialOf(key.KeyId!);
    assert.notEqual(second, first);
    assert.equal(await materialIn(fresh), second);
    assert.equal(await materialIn(old), first, "an old ciphertext still opens with the old material");
    assert.equal(await open(old), "sealed in year one");
    assert.equal(await open(fresh), "sealed in year two");
    assert.equal((await status(key.KeyId!)).NextRotationDate!.getTime(), clock.now().getTime() + 365 * DAY);

    const listed = await rotations(key.KeyId!);
    assert.equal(listed.Truncated, false);
    assert.equal(listed.NextMarker, undefined);
    assert.deepEqual(listed.Rotations, [{ KeyId: key.KeyId, KeyMaterialId: second, KeyMaterialState: "CURRENT", RotationDate: clock.now(), RotationType: "AUTOMATIC" }]);
    const all = await rotations(key.KeyId!, { IncludeKeyMaterial: "ALL_KEY_MATERIAL" });
    assert.deepEqual(all.Rotations, [{ KeyId: key.KeyId, KeyMaterialId: first, KeyMaterialState: "NON_CURRENT" }, ...listed.Rotations!]);
  });

  it("is swept by the scheduler for keys nobody reads", async () => {
    const key = await newKey();
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
    const engine = engineOf(federa.dataDir, clock);
    try {
      const before = (await engine.deps.repo.getKey(key.KeyId!))!.document as { currentBackingKeyId: string };
      clock.advance(91 * DAY);
      const swept = await runSchedules(engine.deps, clock.now());
      assert.ok(swept.rotated >= 1);
      const afterSweep = (await engine.deps.repo.getKey(key.KeyId!))!.document as { currentBackingKeyId: string; rotation: { nextRotationAt: number } };
      assert.notEqual(afterSweep.currentBackingKeyId, before.currentBackingKeyId);
      assert.equal(afterSweep.rotation.nextRotationAt, clock.now().getTime() + 90 * DAY);
      assert.equal((await runSchedules(engine.deps, clock.now())).rotated, 0, "nothing is due twice");
    } finally {
      await engine.close();
    }
    assert.equal(await materialOf(key.KeyId!), ((await rotations(key.KeyId!)).Rotations ?? [])[0]!.KeyMaterialId);
  });

  it("waits while the key is disabled and rotates when it is enabled again", async () => {
    const key = await newKey();
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
    const first = await materialOf(key.KeyId!);
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    clock.advance(100 * DAY);
    assert.equal(await materialOf(key.KeyId!), first);
    const disabled = await refusal(kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId })));
    assert.equal(disabled.name, "DisabledException");
    assert.equal(disabled.message, `${key.Arn} is disabled.`);
    await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    assert.notEqual(await materialOf(key.KeyId!), first);
  });

  it("is false while the key is pending deletion, and refused to change", async () => {
    const key = await newKey();
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    assert.equal((await status(key.KeyId!)).KeyRotationEnabled, false);
    for (const command of [new EnableKeyRotationCommand({ KeyId: key.KeyId }), new DisableKeyRotationCommand({ KeyId: key.KeyId }), new RotateKeyOnDemandCommand({ KeyId: key.KeyId })]) {
      const refused = await refusal(kms.send(command as EnableKeyRotationCommand));
      assert.equal(refused.name, "KMSInvalidStateException");
      assert.equal(refused.message, `${key.Arn} is pending deletion.`);
    }
    await kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
    if ((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!.KeyState === "Disabled") await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    assert.equal((await status(key.KeyId!)).KeyRotationEnabled, true, "the setting comes back");
  });
});

describe("on-demand rotation", () => {
  it("rotates at once, up to 25 times; the 26th is LimitExceededException; every ciphertext still decrypts", async () => {
    const key = await newKey();
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
    const schedule = (await status(key.KeyId!)).NextRotationDate!.getTime();
    const sealed: { blob: Buffer; text: string }[] = [{ blob: await seal(key.KeyId!, "before"), text: "before" }];
    const materials = new Set([await materialOf(key.KeyId!)]);
    for (let i = 1; i <= 25; i++) {
      const out = await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.Arn }));
      assert.equal(out.KeyId, key.KeyId);
      const blob = await seal(key.KeyId!, `after ${i}`);
      materials.add((await materialIn(blob))!);
      sealed.push({ blob, text: `after ${i}` });
    }
    assert.equal(materials.size, 26);
    const refused = await refusal(kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })));
    assert.equal(refused.name, "LimitExceededException");
    assert.equal(refused.message, `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${key.Arn}`);
    assert.equal(refused.status, 400);
    for (const { blob, text } of sealed) assert.equal(await open(blob), text);
    assert.equal((await status(key.KeyId!)).NextRotationDate!.getTime(), schedule, "on-demand rotation leaves the schedule alone");

    // ListKeyRotations pages through the 25 rotations, oldest first.
    const seen: RotationsListEntry[] = [];
    let marker: string | undefined;
    const pages: number[] = [];
    do {
      const page = await rotations(key.KeyId!, { Limit: 10, ...(marker ? { Marker: marker } : {}) });
      pages.push(page.Rotations!.length);
      seen.push(...page.Rotations!);
      marker = page.NextMarker;
      assert.equal(page.Truncated, marker !== undefined);
    } while (marker);
    assert.deepEqual(pages, [10, 10, 5]);
    assert.ok(seen.every((r) => r.RotationType === "ON_DEMAND" && r.KeyId === key.KeyId));
    assert.deepEqual(seen.map((r) => r.KeyMaterialState), [...Array(24).fill("NON_CURRENT"), "CURRENT"]);
    assert.equal(seen[24]!.KeyMaterialId, await materialOf(key.KeyId!));
    const bad = await refusal(rotations(key.KeyId!, { Marker: "not-a-marker" }));
    assert.equal(bad.name, "InvalidMarkerException");
  });

  it("works with automatic rotation off", async () => {
    const key = await newKey();
    const first = await materialOf(key.KeyId!);
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
    assert.notEqual(await materialOf(key.KeyId!), first);
    assert.equal((await status(key.KeyId!)).KeyRotationEnabled, false);
  });
});

describe("keys that do not rotate", () => {
  it("refuses asymmetric and HMAC keys with UnsupportedOperationException (no message, as AWS); their status is false", async () => {
    const rsa = await newKey({ KeySpec: "RSA_2048", KeyUsage: "ENCRYPT_DECRYPT" });
    const hmac = await newKey({ KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC" });
    for (const key of [rsa, hmac]) {
      for (const command of [new EnableKeyRotationCommand({ KeyId: key.KeyId }), new DisableKeyRotationCommand({ KeyId: key.KeyId }), new RotateKeyOnDemandCommand({ KeyId: key.KeyId }), new ListKeyRotationsCommand({ KeyId: key.KeyId })]) {
        const refused = await refusal(kms.send(command as EnableKeyRotationCommand));
        assert.equal(refused.name, "UnsupportedOperationException");
        assert.equal(refused.status, 400);
      }
      const s = await status(key.KeyId!);
      assert.equal(s.KeyRotationEnabled, false);
      assert.equal(s.KeyId, key.KeyId);
    }
  });

  it("refuses automatic rotation of keys with imported material (their origin is not valid for it); on demand, such a key needs its material first", async () => {
    const key = await newKey({ Origin: "EXTERNAL" });
    for (const command of [new EnableKeyRotationCommand({ KeyId: key.KeyId }), new GetKeyRotationStatusCommand({ KeyId: key.KeyId })]) {
      const refused = await refusal(kms.send(command as EnableKeyRotationCommand));
      assert.equal(refused.name, "UnsupportedOperationException");
      assert.equal(refused.message, `${key.Arn} origin is EXTERNAL which is not valid for this operation.`);
    }
    // Imported keys rotate on demand to material imported for it (test/kms/import.test.ts); this one has none yet.
    const onDemand = await refusal(kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })));
    assert.deepEqual(onDemand, { name: "KMSInvalidStateException", message: `${key.Arn} is pending import.`, status: 400 });
    assert.deepEqual((await rotations(key.KeyId!)).Rotations, []);
  });

  it("takes a key id or key ARN, not an alias (InvalidArnException); unknown keys are NotFoundException", async () => {
    const alias = await refusal(kms.send(new EnableKeyRotationCommand({ KeyId: "alias/my-key" })));
    assert.equal(alias.name, "InvalidArnException");
    assert.equal(alias.message, "Key Aliases are not supported for this operation.");
    const missing = "0f0f0f0f-1111-2222-3333-444444444444";
    const unknown = await refusal(status(missing));
    assert.equal(unknown.name, "NotFoundException");
    assert.equal(unknown.message, `Key 'arn:aws:kms:us-east-1:${LAB}:key/${missing}' does not exist`);
  });

  it("keeps ciphertexts of every rotation readable after many rotations of many keys", async () => {
    const keys = await Promise.all([newKey(), newKey()]);
    const sealed: { blob: Buffer; text: string }[] = [];
    for (let round = 0; round < 3; round++) {
      for (const key of keys) {
        const text = randomBytes(8).toString("hex");
        sealed.push({ blob: await seal(key.KeyId!, text), text });
        await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
      }
    }
    for (const { blob, text } of sealed) assert.equal(await open(blob), text);
  });
});

// Key lifecycle through the AWS SDK, as the lab's root: ListKeys and its pagination,
// UpdateKeyDescription, EnableKey and DisableKey, ScheduleKeyDeletion and CancelKeyDeletion with
// what each key state allows (in AWS's words), tags (TagResource, UntagResource,
// ListResourceTags), the deletion that really happens when the window ends (a ManualClock moves
// past it), and a federated key administrator who may schedule a deletion where a developer may
// not.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateRandomCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateKeyDescriptionCommand,
  KMSClient,
  type Tag,
} from "@aws-sdk/client-kms";
import { ManualClock } from "../../src/shared/index.ts";
import { scheduleKeyDeletion } from "../../src/kms/operations/schedule-key-deletion.ts";
import { tagResource } from "../../src/kms/operations/tag-resource.ts";
import { enableKey } from "../../src/kms/operations/enable-key.ts";
import { quietOutput } from "../../src/kms/operations/quiet-output.ts";
import { renderJsonResponse } from "../../src/protocol/index.ts";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { federatedCredentials, kmsClient, refusal, LAB, ROOT, type Credentials } from "./helpers.ts";

const DAY = 24 * 60 * 60 * 1000;
const clock = new ManualClock(Date.now());
let federa: RunningFedera;
let kms: KMSClient;
let west: KMSClient;
let admin: Credentials;
let developer: Credentials;

before(async () => {
  federa = await startFedera({}, { clock });
  kms = kmsClient(federa.url);
  west = kmsClient(federa.url, undefined, "us-west-2");
  admin = await federatedCredentials(federa.url, "alice", "Alice!Passw0rd1", "ADFS-KeyAdmins");
  developer = await federatedCredentials(federa.url, "bob", "Bob!Passw0rd1", "ADFS-Developers");
});
after(() => federa.stop());

/**
 * After the clock moved: a root client that signs with the server's (manual) time, so that it is
 * not refused as skewed. A fresh one for each call: the SDK resets its offset from the response's
 * Date header, which tells the real time.
 */
const later = () => new KMSClient({ endpoint: federa.url, region: "us-east-1", credentials: ROOT, maxAttempts: 1, systemClockOffset: clock.now().getTime() - Date.now() });

const createKey = async (input: ConstructorParameters<typeof CreateKeyCommand>[0] = {}, client = kms) => (await client.send(new CreateKeyCommand(input))).KeyMetadata!;
const describe_ = async (keyId: string, client = kms) => (await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
const encrypt = (keyId: string, client = kms) => client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from("lifecycle") }));

async function listAllKeys(limit?: number, client = () => kms): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let marker: string | undefined;
  let pages = 0;
  do {
    const out = await client().send(new ListKeysCommand({ ...(limit ? { Limit: limit } : {}), ...(marker ? { Marker: marker } : {}) }));
    pages++;
    for (const k of out.Keys!) ids.push(k.KeyId!);
    assert.equal(out.Truncated, out.NextMarker !== undefined);
    marker = out.NextMarker;
  } while (marker);
  return { ids, pages };
}

describe("CreateKey's checks", () => {
  it("needs a KeyUsage for every key but a symmetric encryption key, and one the key spec offers", async () => {
    for (const spec of ["RSA_2048", "ECC_NIST_P256", "HMAC_256"] as const) {
      const refused = await refusal(kms.send(new CreateKeyCommand({ KeySpec: spec })));
      assert.deepEqual(refused, { name: "ValidationException", message: "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.", status: 400 });
    }
    assert.equal((await createKey({ KeySpec: "SYMMETRIC_DEFAULT" })).KeyUsage, "ENCRYPT_DECRYPT");
    const wrong = await refusal(kms.send(new CreateKeyCommand({ KeySpec: "ECC_NIST_P256", KeyUsage: "ENCRYPT_DECRYPT" })));
    assert.equal(wrong.message, "KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec ECC_NIST_P256");
    const both = await refusal(kms.send(new CreateKeyCommand({ KeySpec: "RSA_2048", CustomerMasterKeySpec: "RSA_2048", KeyUsage: "SIGN_VERIFY" })));
    assert.match(both.message, /^You cannot specify KeySpec and CustomerMasterKeySpec in the same request\./);
  });

  it("knows AWS's whole KeySpec and KeyUsage enums, and refuses SM2 as AWS does outside China", async () => {
    const usage = await refusal(kms.send(new CreateKeyCommand({ KeySpec: "ML_KEM_768", KeyUsage: "KEY_ENCAPSULATION" as "ENCAPSULATE_DECAPSULATE" })));
    assert.equal(usage.name, "ValidationException");
    assert.match(usage.message, /Value 'KEY_ENCAPSULATION' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: \[.*ENCAPSULATE_DECAPSULATE\]$/);
    const sm2 = await refusal(kms.send(new CreateKeyCommand({ KeySpec: "SM2", KeyUsage: "SIGN_VERIFY" })));
    assert.deepEqual(sm2, { name: "UnsupportedOperationException", message: "KeySpec SM2 is supported only in China Regions.", status: 400 });
    const bogus = await refusal(kms.send(new CreateKeyCommand({ KeySpec: "RSA_1024" as "RSA_2048", KeyUsage: "SIGN_VERIFY" })));
    assert.equal(bogus.name, "ValidationException");
    assert.match(bogus.message, /^1 validation error detected: Value 'RSA_1024' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: \[.*ML_DSA_44.*ML_KEM_1024.*\]$/);
  });

  it("finds no custom key store: CustomKeyStoreNotFoundException, here and for GenerateRandom", async () => {
    const before = (await listAllKeys()).ids.length;
    const refused = await refusal(kms.send(new CreateKeyCommand({ CustomKeyStoreId: "cks-1234567890abcdef0" })));
    assert.deepEqual(refused, { name: "CustomKeyStoreNotFoundException", message: "Custom key store cks-1234567890abcdef0 does not exist.", status: 400 });
    const random = await refusal(kms.send(new GenerateRandomCommand({ NumberOfBytes: 16, CustomKeyStoreId: "cks-1234567890abcdef0" })));
    assert.equal(random.name, "CustomKeyStoreNotFoundException");
    const long = await refusal(kms.send(new CreateKeyCommand({ CustomKeyStoreId: "c".repeat(65) })));
    assert.match(long.message, /at 'customKeyStoreId' failed to satisfy constraint: Member must have length less than or equal to 64$/);
    assert.equal((await refusal(kms.send(new CreateKeyCommand({ XksKeyId: "bad key id" })))).name, "ValidationException");
    assert.equal((await listAllKeys()).ids.length, before);
  });

  it("takes a key policy of the model's characters, up to the 32 KB quota, each statement with a principal", async () => {
    const statement = { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LAB}:root` }, Action: "kms:*", Resource: "*" };
    const padded = (length: number) => {
      const text = JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
      return text.slice(0, -1) + " ".repeat(length - text.length) + "}";
    };
    assert.equal((await createKey({ Policy: padded(32_768) })).KeyState, "Enabled");
    const overQuota = await refusal(kms.send(new CreateKeyCommand({ Policy: padded(40_000) })));
    assert.deepEqual(overQuota, { name: "LimitExceededException", message: "The key policy exceeds the maximum size of 32768 characters.", status: 400 });
    const overModel = await refusal(kms.send(new CreateKeyCommand({ Policy: padded(131_073) })));
    assert.equal(overModel.name, "ValidationException");
    assert.match(overModel.message, /at 'policy' failed to satisfy constraint: Member must have length less than or equal to 131072$/);
    const euro = await refusal(kms.send(new CreateKeyCommand({ Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ ...statement, Sid: "€" }] }) })));
    assert.equal(euro.name, "ValidationException");
    assert.match(euro.message, /failed to satisfy constraint: Member must satisfy regular expression pattern: \[\\u0009\\u000A\\u000D\\u0020-\\u00FF\]\+$/);
    const noPrincipal = await refusal(kms.send(new CreateKeyCommand({ Policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement, { Effect: "Allow", Action: "kms:*", Resource: "*" }] }) })));
    assert.deepEqual(noPrincipal, { name: "MalformedPolicyDocumentException", message: "Policy contains a statement with no principal.", status: 400 });
  });
});

describe("ListKeys", () => {
  it("lists the account's keys in this Region, KeyId and KeyArn, in a stable order across pages", async () => {
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await createKey({ Description: `list ${i}` }));
    const elsewhere = await createKey({ Description: "in us-west-2" }, west);
    const first = await kms.send(new ListKeysCommand({}));
    assert.equal(first.Truncated, false);
    assert.equal(first.NextMarker, undefined);
    for (const key of created) assert.ok(first.Keys!.some((k) => k.KeyId === key.KeyId && k.KeyArn === key.Arn), key.KeyId);
    assert.ok(!first.Keys!.some((k) => k.KeyId === elsewhere.KeyId), "a key of another Region is not listed");
    const paged = await listAllKeys(2);
    assert.deepEqual(paged.ids, first.Keys!.map((k) => k.KeyId));
    assert.equal(paged.pages, Math.ceil(paged.ids.length / 2));
    assert.deepEqual(paged.ids, [...paged.ids].sort(), "key id order");
    const page = await kms.send(new ListKeysCommand({ Limit: 2 }));
    assert.equal(page.Keys!.length, 2);
    assert.equal(page.Truncated, true);
    assert.equal(typeof page.NextMarker, "string");
  });

  it("refuses a Limit outside 1–1000 and a marker that is not one of ListKeys'", async () => {
    const zero = await refusal(kms.send(new ListKeysCommand({ Limit: 0 })));
    assert.equal(zero.name, "ValidationException");
    assert.equal(zero.message, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
    const big = await refusal(kms.send(new ListKeysCommand({ Limit: 1001 })));
    assert.equal(big.message, "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000");
    for (const marker of ["not-ours", "bm90LW91cnM"]) {
      const bad = await refusal(kms.send(new ListKeysCommand({ Marker: marker })));
      assert.equal(bad.name, "InvalidMarkerException", marker);
      assert.equal(bad.message, "Invalid marker");
      assert.equal(bad.status, 400);
    }
    // A marker of another list (ListAliases) is not a ListKeys marker.
    const key = await createKey();
    for (const n of [1, 2]) await kms.send(new CreateAliasCommand({ AliasName: `alias/list-keys-${n}`, TargetKeyId: key.KeyId }));
    const aliases = await kms.send(new ListAliasesCommand({ Limit: 1 }));
    assert.ok(aliases.NextMarker);
    assert.equal((await refusal(kms.send(new ListKeysCommand({ Marker: aliases.NextMarker })))).name, "InvalidMarkerException");
  });
});

describe("UpdateKeyDescription", () => {
  it("replaces the description, the empty one included", async () => {
    const key = await createKey({ Description: "before" });
    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: "after" }));
    assert.equal((await describe_(key.KeyId!)).Description, "after");
    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.Arn, Description: "" }));
    assert.equal((await describe_(key.KeyId!)).Description, "");
  });

  it("refuses a description over 8,192 characters, a missing one, an alias and an unknown key", async () => {
    const key = await createKey();
    const long = await refusal(kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: "d".repeat(8193) })));
    assert.equal(long.name, "ValidationException");
    assert.match(long.message, /^1 validation error detected: Value 'd+' at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192$/);
    const missing = await refusal(kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId } as never)));
    assert.equal(missing.message, "1 validation error detected: Value null at 'description' failed to satisfy constraint: Member must not be null");
    await kms.send(new CreateAliasCommand({ AliasName: "alias/describe-me", TargetKeyId: key.KeyId }));
    const alias = await refusal(kms.send(new UpdateKeyDescriptionCommand({ KeyId: "alias/describe-me", Description: "x" })));
    assert.equal(alias.name, "InvalidArnException");
    assert.equal(alias.message, "Key Aliases are not supported for this operation.");
    const unknown = "0b0b0b0b-1111-2222-3333-444444444444";
    const missingKey = await refusal(kms.send(new UpdateKeyDescriptionCommand({ KeyId: unknown, Description: "x" })));
    assert.equal(missingKey.name, "NotFoundException");
    assert.equal(missingKey.message, `Key 'arn:aws:kms:us-east-1:${LAB}:key/${unknown}' does not exist`);
  });
});

describe("EnableKey and DisableKey", () => {
  it("disables a key (Encrypt: DisabledException) and enables it again; old ciphertexts still decrypt", async () => {
    const key = await createKey();
    const before = await encrypt(key.KeyId!);
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await kms.send(new DisableKeyCommand({ KeyId: key.Arn }));
    const described = await describe_(key.KeyId!);
    assert.equal(described.KeyState, "Disabled");
    assert.equal(described.Enabled, false);
    const refused = await refusal(encrypt(key.KeyId!));
    assert.equal(refused.name, "DisabledException");
    assert.equal(refused.message, `${key.Arn} is disabled.`);
    assert.equal((await refusal(kms.send(new DecryptCommand({ CiphertextBlob: before.CiphertextBlob })))).name, "DisabledException");
    await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    assert.equal((await describe_(key.KeyId!)).KeyState, "Enabled");
    await encrypt(key.KeyId!);
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: before.CiphertextBlob }));
    assert.equal(Buffer.from(opened.Plaintext!).toString(), "lifecycle");
  });

  it("refuses a key pending import (KMSInvalidStateException), which may still be described, tagged and scheduled for deletion", async () => {
    const key = await createKey({ Origin: "EXTERNAL" });
    assert.equal(key.KeyState, "PendingImport");
    for (const command of [new EnableKeyCommand({ KeyId: key.KeyId }), new DisableKeyCommand({ KeyId: key.KeyId })]) {
      const refused = await refusal(kms.send(command as never));
      assert.equal(refused.name, "KMSInvalidStateException");
      assert.equal(refused.message, `${key.Arn} is pending import.`);
    }
    const notScheduled = await refusal(kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId })));
    assert.deepEqual(notScheduled, { name: "KMSInvalidStateException", message: `${key.Arn} is not pending deletion.`, status: 400 });
    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: "waiting for material" }));
    await kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: "stage", TagValue: "import" }] }));
    const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    assert.equal(scheduled.KeyState, "PendingDeletion");
    const cancelled = await kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
    assert.equal(cancelled.KeyId, key.Arn);
    assert.equal((await describe_(key.KeyId!)).KeyState, "PendingImport", "a key without material comes back PendingImport");
  });
});

describe("ScheduleKeyDeletion and CancelKeyDeletion", () => {
  it("schedules a deletion 30 days out by default, and the key then refuses use and most management", async () => {
    const key = await createKey({ Tags: [{ TagKey: "team", TagValue: "blue" }] });
    const sealed = await encrypt(key.KeyId!);
    const now = clock.now().getTime();
    const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    assert.equal(scheduled.KeyId, key.Arn);
    assert.equal(scheduled.KeyState, "PendingDeletion");
    assert.equal(scheduled.PendingWindowInDays, 30);
    assert.equal(scheduled.DeletionDate!.getTime(), now + 30 * DAY);
    const described = await describe_(key.KeyId!);
    assert.equal(described.KeyState, "PendingDeletion");
    assert.equal(described.Enabled, false);
    assert.equal(described.DeletionDate!.getTime(), now + 30 * DAY);
    assert.equal(described.PendingDeletionWindowInDays, undefined, "only a multi-Region primary waiting for its replicas has one");

    const pending = `${key.Arn} is pending deletion.`;
    const refusedCalls = [
      encrypt(key.KeyId!),
      kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob })),
      kms.send(new EnableKeyCommand({ KeyId: key.KeyId })),
      kms.send(new DisableKeyCommand({ KeyId: key.KeyId })),
      kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId })),
      kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: "x" })),
      kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: "a", TagValue: "b" }] })),
      kms.send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ["team"] })),
      kms.send(new CreateAliasCommand({ AliasName: "alias/for-a-doomed-key", TargetKeyId: key.KeyId })),
    ];
    for (const [i, call] of refusedCalls.entries()) {
      const refused = await refusal(call);
      assert.equal(refused.name, "KMSInvalidStateException", `call ${i}`);
      assert.equal(refused.message, pending, `call ${i}`);
    }
    assert.deepEqual((await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags, [{ TagKey: "team", TagValue: "blue" }]);
    assert.ok((await listAllKeys()).ids.includes(key.KeyId!), "a key pending deletion is still listed");
  });

  it("cancels a deletion: the key is Disabled, EnableKey makes it usable, old ciphertexts decrypt", async () => {
    const key = await createKey();
    const sealed = await encrypt(key.KeyId!);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.Arn, PendingWindowInDays: 7 }));
    const cancelled = await kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
    assert.equal(cancelled.KeyId, key.Arn);
    const described = await describe_(key.KeyId!);
    assert.equal(described.KeyState, "Disabled");
    assert.equal(described.DeletionDate, undefined);
    assert.equal(described.PendingDeletionWindowInDays, undefined);
    const disabled = await refusal(encrypt(key.KeyId!));
    assert.equal(disabled.name, "DisabledException");
    assert.equal(disabled.message, `${key.Arn} is disabled.`);
    await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    await encrypt(key.KeyId!);
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }));
    assert.equal(Buffer.from(opened.Plaintext!).toString(), "lifecycle");
    const again = await refusal(kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId })));
    assert.equal(again.name, "KMSInvalidStateException");
    assert.equal(again.message, `${key.Arn} is not pending deletion.`);
  });

  it("takes PendingWindowInDays 7–30 only, in AWS's words", async () => {
    const key = await createKey();
    for (const days of [6, 31, 365]) {
      const refused = await refusal(kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: days })));
      assert.equal(refused.name, "ValidationException", String(days));
      assert.equal(refused.message, "PendingWindowInDays must be between 7 and 30");
    }
    const zero = await refusal(kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 0 })));
    assert.equal(zero.message, "1 validation error detected: Value '0' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 1");
    const huge = await refusal(kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 366 })));
    assert.equal(huge.message, "1 validation error detected: Value '366' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value less than or equal to 365");
    assert.equal((await describe_(key.KeyId!)).KeyState, "Enabled");
    const week = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    assert.equal(week.PendingWindowInDays, 7);
    assert.equal(week.DeletionDate!.getTime(), clock.now().getTime() + 7 * DAY);
  });
});

describe("tags", () => {
  it("adds, replaces, lists sorted by key, and removes tags", async () => {
    const key = await createKey({ Tags: [{ TagKey: "zeta", TagValue: "1" }] });
    await kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: "alpha", TagValue: "a" }, { TagKey: "Mid", TagValue: "" }] }));
    await kms.send(new TagResourceCommand({ KeyId: key.Arn, Tags: [{ TagKey: "zeta", TagValue: "2" }] }));
    const listed = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }));
    assert.deepEqual(listed.Tags, [
      { TagKey: "Mid", TagValue: "" },
      { TagKey: "alpha", TagValue: "a" },
      { TagKey: "zeta", TagValue: "2" },
    ]);
    assert.equal(listed.Truncated, false);
    await kms.send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ["alpha", "not-there"] }));
    assert.deepEqual((await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags!.map((t) => t.TagKey), ["Mid", "zeta"]);
  });

  it("holds at most 50 tags, and pages ListResourceTags (Limit 1–50)", async () => {
    const key = await createKey();
    const tags: Tag[] = Array.from({ length: 50 }, (_, i) => ({ TagKey: `k${String(i).padStart(2, "0")}`, TagValue: `v${i}` }));
    await kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: tags.slice(0, 30) }));
    await kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: tags.slice(30) }));
    await kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: "k00", TagValue: "replaced" }] }));
    const over = await refusal(kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: "one-too-many", TagValue: "x" }] })));
    assert.equal(over.name, "LimitExceededException");
    assert.equal(over.message, "The request would exceed the limit of 50 tags per KMS key.");
    const seen: Tag[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const out = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId, Limit: 20, ...(marker ? { Marker: marker } : {}) }));
      seen.push(...out.Tags!);
      marker = out.NextMarker;
      assert.equal(out.Truncated, marker !== undefined);
      pages++;
    } while (marker);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [{ TagKey: "k00", TagValue: "replaced" }, ...tags.slice(1)]);
    const limit = await refusal(kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId, Limit: 51 })));
    assert.equal(limit.message, "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50");
    assert.equal((await refusal(kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId, Marker: "nope" })))).name, "InvalidMarkerException");
  });

  it("refuses reserved, empty and missing tags", async () => {
    const key = await createKey();
    const reserved = await refusal(kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: "AWS:owner", TagValue: "x" }] })));
    assert.equal(reserved.name, "TagException");
    assert.equal(reserved.message, "Tags beginning with aws: are reserved");
    const untagReserved = await refusal(kms.send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ["aws:owner"] })));
    assert.equal(untagReserved.name, "TagException");
    // The model's constraints on a tag are ValidationExceptions, with the member's path.
    const empty = await refusal(kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: "ok", TagValue: "" }, { TagKey: "", TagValue: "x" }] })));
    assert.deepEqual(empty, { name: "ValidationException", message: "1 validation error detected: Value '' at 'tags.2.member.tagKey' failed to satisfy constraint: Member must have length greater than or equal to 1", status: 400 });
    const longKey = await refusal(kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: "k".repeat(129), TagValue: "x" }] })));
    assert.equal(longKey.message, `1 validation error detected: Value '${"k".repeat(129)}' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128`);
    const longValue = await refusal(kms.send(new CreateKeyCommand({ Tags: [{ TagKey: "k", TagValue: "v".repeat(257) }] })));
    assert.equal(longValue.message, `1 validation error detected: Value '${"v".repeat(257)}' at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256`);
    const noValue = await refusal(kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: "k" }] } as never)));
    assert.equal(noValue.message, "1 validation error detected: Value null at 'tags.1.member.tagValue' failed to satisfy constraint: Member must not be null");
    const missing = await refusal(kms.send(new TagResourceCommand({ KeyId: key.KeyId } as never)));
    assert.equal(missing.name, "ValidationException");
    assert.equal(missing.message, "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
    const noKeys = await refusal(kms.send(new UntagResourceCommand({ KeyId: key.KeyId } as never)));
    assert.equal(noKeys.message, "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
    assert.deepEqual((await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags, []);
  });
});

describe("the trail", () => {
  it("records request parameters as CloudTrail writes them, and empty responses stay {} on the wire", () => {
    const params = { KeyId: "1234abcd-12ab-34cd-56ef-1234567890ab", PendingWindowInDays: 7 };
    const output = { KeyId: `arn:aws:kms:us-east-1:${LAB}:key/${params.KeyId}`, DeletionDate: new Date(0), KeyState: "PendingDeletion", PendingWindowInDays: 7 };
    const trail = scheduleKeyDeletion.trail!(params, output);
    assert.deepEqual(trail.requestParameters, { keyId: params.KeyId, pendingWindowInDays: 7 });
    assert.deepEqual(trail.responseElements, { keyId: output.KeyId, deletionDate: "Jan 1, 1970 12:00:00 AM", keyState: "PendingDeletion", pendingWindowInDays: 7 });
    assert.deepEqual(trail.resources, [{ ARN: output.KeyId, accountId: LAB, type: "AWS::KMS::Key" }]);
    const tags = tagResource.trail!({ KeyId: params.KeyId, Tags: [{ TagKey: "team", TagValue: "blue" }] }, undefined);
    assert.deepEqual(tags.requestParameters, { keyId: params.KeyId, tags: [{ tagKey: "team", tagValue: "blue" }] });
  });

  it("names the key ARN of an empty response in resources", async () => {
    const key = await createKey();
    // On the wire the response is empty; the output the trail reads carries the key's ARN.
    const sent = await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    assert.deepEqual(Object.keys(sent).filter((k) => k !== "$metadata"), []);
    const output = quietOutput([{ ARN: key.Arn!, accountId: LAB, type: "AWS::KMS::Key" }]);
    assert.equal(renderJsonResponse(output), "{}");
    assert.deepEqual(enableKey.trail!({ KeyId: key.KeyId }, output).resources, [{ ARN: key.Arn, accountId: LAB, type: "AWS::KMS::Key" }]);
  });
});

describe("federated key administration", () => {
  it("lets ADFS-KeyAdmins schedule a deletion, and refuses ADFS-Developers in AWS's words", async () => {
    const key = await createKey({ Description: "default key policy" });
    const denied = await refusal(kmsClient(federa.url, developer).send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 })));
    assert.equal(denied.name, "AccessDeniedException");
    assert.equal(denied.status, 400);
    const expected = `User: arn:aws:sts::${LAB}:assumed-role/ADFS-Developers/bob@corp.example.test is not authorized to perform: kms:ScheduleKeyDeletion on resource: ${key.Arn} because no identity-based policy allows the kms:ScheduleKeyDeletion action`;
    assert.ok(denied.message.startsWith(expected), denied.message);
    assert.equal((await describe_(key.KeyId!)).KeyState, "Enabled");
    const scheduled = await kmsClient(federa.url, admin).send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    assert.equal(scheduled.KeyState, "PendingDeletion");
    await kmsClient(federa.url, admin).send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
  });

  it("lists keys for ADFS-KeyAdmins (kms:List* in its IAM policy), not for ADFS-Developers", async () => {
    const listed = await kmsClient(federa.url, admin).send(new ListKeysCommand({}));
    assert.ok(listed.Keys!.length > 0);
    const denied = await refusal(kmsClient(federa.url, developer).send(new ListKeysCommand({})));
    assert.equal(denied.name, "AccessDeniedException");
    assert.equal(denied.message, `User: arn:aws:sts::${LAB}:assumed-role/ADFS-Developers/bob@corp.example.test is not authorized to perform: kms:ListKeys on resource: * because no identity-based policy allows the kms:ListKeys action`);
  });
});

// Last: it moves the clock weeks ahead.
describe("the end of the waiting period", () => {
  it("deletes the key for real: NotFoundException, no longer listed, its ciphertexts undecryptable", async () => {
    const key = await createKey({ Description: "doomed" });
    const survivor = await createKey({ Description: "survivor" });
    await kms.send(new CreateAliasCommand({ AliasName: "alias/doomed", TargetKeyId: key.KeyId }));
    const sealed = await encrypt(key.KeyId!);
    const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));

    clock.set(scheduled.DeletionDate!.getTime() - 60_000);
    assert.equal((await describe_(key.KeyId!, later())).KeyState, "PendingDeletion", "a minute before, the key is still there");

    clock.set(scheduled.DeletionDate!.getTime() + 1000);
    const gone = `Key '${key.Arn}' does not exist`;
    for (const call of [later().send(new DescribeKeyCommand({ KeyId: key.KeyId })), encrypt(key.KeyId!, later()), later().send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }))]) {
      const refused = await refusal(call);
      assert.equal(refused.name, "NotFoundException");
      assert.equal(refused.message, gone);
    }
    const ids = (await listAllKeys(undefined, later)).ids;
    assert.ok(!ids.includes(key.KeyId!), "the deleted key is not listed");
    assert.ok(ids.includes(survivor.KeyId!));
    const aliases = (await later().send(new ListAliasesCommand({}))).Aliases!.map((a) => a.AliasName);
    assert.ok(!aliases.includes("alias/doomed"), "its aliases went with it");
    const byAlias = await refusal(encrypt("alias/doomed", later()));
    assert.equal(byAlias.name, "NotFoundException");
    // Decrypt of a ciphertext of a deleted key: the ciphertext names a key that no longer exists,
    // so without KeyId it cannot be one of this account's ciphertexts (InvalidCiphertextException,
    // "missing or otherwise invalid"); naming the deleted key is NotFoundException, as for any
    // operation that names a key that does not exist. AWS documents only that such data is
    // unrecoverable; these are the codes its API reference lists for the two cases.
    const blind = await refusal(later().send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob })));
    assert.equal(blind.name, "InvalidCiphertextException");
    const named = await refusal(later().send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, KeyId: key.KeyId })));
    assert.equal(named.name, "NotFoundException");
    assert.equal(named.message, gone);
  });
});

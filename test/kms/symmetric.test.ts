// Symmetric cryptography through the AWS SDK: Encrypt (1–4,096 bytes), Decrypt with and without
// KeyId, the encryption context bound exactly (including pairs that plain concatenation would
// confuse), tampered, truncated and foreign blobs refused with InvalidCiphertextException (never a
// server error), GenerateDataKey's envelope encryption, ReEncrypt and GenerateRandom.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import {
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateRandomCommand,
  ReEncryptCommand,
  DescribeKeyCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { federatedCredentials, kmsClient, refusal, LAB } from "./helpers.ts";

let federa: RunningFedera;
let kms: KMSClient;
let keyId: string;
let keyArn: string;
let otherKeyId: string;

before(async () => {
  federa = await startFedera();
  kms = kmsClient(federa.url);
  const created = await kms.send(new CreateKeyCommand({ Description: "symmetric tests" }));
  keyId = created.KeyMetadata!.KeyId!;
  keyArn = created.KeyMetadata!.Arn!;
  otherKeyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
});
after(() => federa.stop());

const encrypt = (plaintext: Buffer, context?: Record<string, string>, key = keyId) => kms.send(new EncryptCommand({ KeyId: key, Plaintext: plaintext, ...(context ? { EncryptionContext: context } : {}) }));

describe("Encrypt and Decrypt", () => {
  it("round-trips 1 to 4,096 bytes, and Decrypt finds the key in the ciphertext", async () => {
    for (const size of [1, 100, 4096]) {
      const plaintext = randomBytes(size);
      const sealed = await encrypt(plaintext);
      assert.equal(sealed.KeyId, keyArn);
      assert.equal(sealed.EncryptionAlgorithm, "SYMMETRIC_DEFAULT");
      assert.ok(!Buffer.from(sealed.CiphertextBlob!).includes(plaintext.subarray(0, Math.min(size, 16))) || size < 4);
      const opened = await kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }));
      assert.deepEqual(Buffer.from(opened.Plaintext!), plaintext);
      assert.equal(opened.KeyId, keyArn);
    }
  });

  it("refuses 4,097 bytes, an empty and a missing plaintext with ValidationException, never showing the value", async () => {
    const big = await refusal(encrypt(randomBytes(4097)));
    assert.equal(big.name, "ValidationException");
    assert.match(big.message, /^1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096$/);
    assert.equal(big.status, 400);
    const empty = await refusal(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.alloc(0) })));
    assert.equal(empty.name, "ValidationException");
    // A sensitive member's value is left out even when it is null; a ciphertext's is shown as null.
    const missing = await refusal(kms.send(new EncryptCommand({ KeyId: keyId } as never)));
    assert.equal(missing.message, "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must not be null");
    const noBlob = await refusal(kms.send(new DecryptCommand({ KeyId: keyId } as never)));
    assert.equal(noBlob.message, "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null");
  });

  it("binds the encryption context exactly: missing, extra, changed or re-split pairs fail", async () => {
    const sealed = await encrypt(Buffer.from("secret"), { a: "bc", department: "finance" });
    const ok = await kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: { department: "finance", a: "bc" } }));
    assert.equal(Buffer.from(ok.Plaintext!).toString(), "secret");
    const contexts: (Record<string, string> | undefined)[] = [undefined, { a: "bc" }, { a: "bc", department: "finance", extra: "x" }, { ab: "c", department: "finance" }, { a: "b", cdepartment: "finance" }, { a: "bc", department: "Finance" }];
    for (const context of contexts) {
      const refused = await refusal(kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, ...(context ? { EncryptionContext: context } : {}) })));
      assert.equal(refused.name, "InvalidCiphertextException", JSON.stringify(context));
      assert.equal(refused.status, 400);
    }
  });

  it("tells apart contexts that key‖value concatenation confuses", async () => {
    const sealed = await encrypt(Buffer.from("x"), { ab: "c" });
    const refused = await refusal(kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: { a: "bc" } })));
    assert.equal(refused.name, "InvalidCiphertextException");
    const empty = await encrypt(Buffer.from("x"), { "": "" }).catch((e) => e);
    assert.equal(empty.name, "ValidationException");
  });

  it("refuses tampered, truncated, extended and garbage blobs with InvalidCiphertextException", async () => {
    const blob = Buffer.from((await encrypt(Buffer.from("tamper me"))).CiphertextBlob!);
    const variants: Buffer[] = [];
    for (const at of [0, 5, 20, 34, 40, blob.length - 1]) {
      const copy = Buffer.from(blob);
      copy[at]! ^= 0x01;
      variants.push(copy);
    }
    variants.push(blob.subarray(0, blob.length - 1), blob.subarray(0, 20), Buffer.concat([blob, Buffer.of(0)]), randomBytes(80), Buffer.of(1));
    for (const v of variants) {
      const refused = await refusal(kms.send(new DecryptCommand({ CiphertextBlob: v })));
      assert.equal(refused.name, "InvalidCiphertextException", v.toString("hex"));
      assert.equal(refused.status, 400);
    }
  });

  it("answers IncorrectKeyException when KeyId names another key than the ciphertext's", async () => {
    const sealed = await encrypt(Buffer.from("mine"));
    const refused = await refusal(kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, KeyId: otherKeyId })));
    assert.equal(refused.name, "IncorrectKeyException");
    assert.equal(refused.message, "The key ID in the request does not identify a CMK that can perform this operation.");
    const same = await kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, KeyId: keyArn }));
    assert.equal(Buffer.from(same.Plaintext!).toString(), "mine");
  });

  it("answers NotFoundException for unknown keys and aliases, in AWS's words", async () => {
    const missing = "0f0f0f0f-1111-2222-3333-444444444444";
    const a = await refusal(encrypt(Buffer.from("x"), undefined, missing));
    assert.equal(a.name, "NotFoundException");
    assert.equal(a.message, `Key 'arn:aws:kms:us-east-1:${LAB}:key/${missing}' does not exist`);
    const b = await refusal(encrypt(Buffer.from("x"), undefined, "alias/none"));
    assert.equal(b.message, `Alias arn:aws:kms:us-east-1:${LAB}:alias/none is not found.`);
    const c = await refusal(encrypt(Buffer.from("x"), undefined, "not-a-key"));
    assert.equal(c.name, "NotFoundException");
    assert.equal(c.message, "Invalid keyId 'not-a-key'");
    // A multi-Region key id is well formed: it names no key here rather than being invalid.
    const mrk = "mrk-d3b95762d3b95762d3b95762d3b95762";
    const d = await refusal(encrypt(Buffer.from("x"), undefined, mrk));
    assert.equal(d.name, "NotFoundException");
    assert.equal(d.message, `Key 'arn:aws:kms:us-east-1:${LAB}:key/${mrk}' does not exist`);
  });
});

describe("data keys and envelope encryption", () => {
  it("GenerateDataKey gives a 256-bit key in plaintext and under the KMS key; Decrypt returns the same key", async () => {
    const out = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: "AES_256", EncryptionContext: { purpose: "envelope" } }));
    assert.equal(out.Plaintext!.length, 32);
    assert.equal(out.KeyId, keyArn);
    // Envelope encryption: the data key encrypts locally, KMS keeps only the encrypted data key.
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", out.Plaintext!, iv);
    const document = Buffer.concat([cipher.update("a large document"), cipher.final()]);
    const tag = cipher.getAuthTag();
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: { purpose: "envelope" } }));
    const decipher = createDecipheriv("aes-256-gcm", opened.Plaintext!, iv);
    decipher.setAuthTag(tag);
    assert.equal(Buffer.concat([decipher.update(document), decipher.final()]).toString(), "a large document");
  });

  it("takes NumberOfBytes 1–1024 or KeySpec, exactly one", async () => {
    assert.equal((await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: "AES_128" }))).Plaintext!.length, 16);
    assert.equal((await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 1024 }))).Plaintext!.length, 1024);
    const both = await refusal(kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 32, KeySpec: "AES_256" })));
    assert.equal(both.name, "ValidationException");
    assert.equal(both.message, "Please specify either number of bytes or key spec.");
    const none = await refusal(kms.send(new GenerateDataKeyCommand({ KeyId: keyId })));
    assert.equal(none.message, "Please specify either number of bytes or key spec.");
    const tooMany = await refusal(kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 1025 })));
    assert.equal(tooMany.message, "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024");
  });

  it("GenerateDataKeyWithoutPlaintext returns only the encrypted key, which decrypts", async () => {
    const out = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, KeySpec: "AES_256" }));
    assert.equal((out as unknown as Record<string, unknown>)["Plaintext"], undefined);
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob }));
    assert.equal(opened.Plaintext!.length, 32);
  });
});

describe("DryRun", () => {
  const DRY = { name: "DryRunOperationException", message: "The request would have succeeded, but the DryRun option is set.", status: 412 };

  it("answers every symmetric operation's dry run with DryRunOperationException (412)", async () => {
    const sealed = await encrypt(Buffer.from("dry"), { run: "1" });
    const calls = [
      kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from("x"), DryRun: true })),
      kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: { run: "1" }, DryRun: true })),
      kms.send(new ReEncryptCommand({ CiphertextBlob: sealed.CiphertextBlob, SourceEncryptionContext: { run: "1" }, DestinationKeyId: otherKeyId, DryRun: true })),
      kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: "AES_256", DryRun: true })),
      kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, NumberOfBytes: 16, DryRun: true })),
    ];
    for (const call of calls) assert.deepEqual(await refusal(call), DRY);
  });

  it("still fails a dry run with the error the request would have had", async () => {
    const sealed = await encrypt(Buffer.from("dry"), { run: "1" });
    const wrongContext = await refusal(kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, DryRun: true })));
    assert.equal(wrongContext.name, "InvalidCiphertextException");
    const both = await refusal(kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: "AES_256", NumberOfBytes: 32, DryRun: true })));
    assert.equal(both.message, "Please specify either number of bytes or key spec.");
    const reWrong = await refusal(kms.send(new ReEncryptCommand({ CiphertextBlob: sealed.CiphertextBlob, DestinationKeyId: otherKeyId, DryRun: true })));
    assert.equal(reWrong.name, "InvalidCiphertextException");
  });

  it("with DryRunModifiers IGNORE_CIPHERTEXT checks only the permissions, on the key the request names", async () => {
    const ignore = { DryRun: true, DryRunModifiers: ["IGNORE_CIPHERTEXT" as const] };
    // No ciphertext at all, or one that would never open: the caller may decrypt with the key.
    assert.deepEqual(await refusal(kms.send(new DecryptCommand({ KeyId: keyId, ...ignore }))), DRY);
    assert.deepEqual(await refusal(kms.send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: Buffer.from("garbage"), ...ignore }))), DRY);
    assert.deepEqual(await refusal(kms.send(new ReEncryptCommand({ SourceKeyId: keyId, DestinationKeyId: otherKeyId, ...ignore }))), DRY);
    // Permissions are what it checks: the lab's key administrators may not decrypt, its developers may.
    const admin = kmsClient(federa.url, await federatedCredentials(federa.url, "alice", "Alice!Passw0rd1", "ADFS-KeyAdmins"));
    const denied = await refusal(admin.send(new DecryptCommand({ KeyId: keyArn, ...ignore })));
    assert.equal(denied.name, "AccessDeniedException");
    assert.match(denied.message, /is not authorized to perform: kms:Decrypt on resource: /);
    const developer = kmsClient(federa.url, await federatedCredentials(federa.url, "bob", "Bob!Passw0rd1", "ADFS-Developers"));
    assert.deepEqual(await refusal(developer.send(new DecryptCommand({ KeyId: keyArn, ...ignore }))), DRY);
    // The key's checks still apply, and without DryRun the modifier changes nothing.
    const unknown = "0e0e0e0e-1111-2222-3333-444444444444";
    assert.equal((await refusal(kms.send(new DecryptCommand({ KeyId: unknown, ...ignore })))).name, "NotFoundException");
    const notDry = await refusal(kms.send(new DecryptCommand({ KeyId: keyId, DryRunModifiers: ["IGNORE_CIPHERTEXT"] })));
    assert.equal(notDry.message, "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null");
    const bogus = await refusal(kms.send(new DecryptCommand({ KeyId: keyId, DryRun: true, DryRunModifiers: ["IGNORE_EVERYTHING" as "IGNORE_CIPHERTEXT"] })));
    assert.deepEqual(bogus, {
      name: "ValidationException",
      message: "1 validation error detected: Value '[IGNORE_EVERYTHING]' at 'dryRunModifiers' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [IGNORE_CIPHERTEXT]]",
      status: 400,
    });
  });
});

describe("ReEncrypt and GenerateRandom", () => {
  it("re-encrypts under another key and context without showing the plaintext", async () => {
    const sealed = await encrypt(Buffer.from("move me"), { v: "1" });
    const moved = await kms.send(new ReEncryptCommand({ CiphertextBlob: sealed.CiphertextBlob, SourceEncryptionContext: { v: "1" }, DestinationKeyId: otherKeyId, DestinationEncryptionContext: { v: "2" } }));
    assert.equal(moved.SourceKeyId, keyArn);
    assert.match(moved.KeyId!, new RegExp(`${otherKeyId}$`));
    assert.equal((moved as unknown as Record<string, unknown>)["Plaintext"], undefined);
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: moved.CiphertextBlob, EncryptionContext: { v: "2" } }));
    assert.equal(Buffer.from(opened.Plaintext!).toString(), "move me");
    const wrongSource = await refusal(kms.send(new ReEncryptCommand({ CiphertextBlob: sealed.CiphertextBlob, DestinationKeyId: otherKeyId })));
    assert.equal(wrongSource.name, "InvalidCiphertextException");
  });

  it("names the key material each answer used, as DescribeKey's CurrentKeyMaterialId: 64 hex digits", async () => {
    const current = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.CurrentKeyMaterialId!;
    assert.match(current, /^[a-f0-9]{64}$/);
    const other = (await kms.send(new DescribeKeyCommand({ KeyId: otherKeyId }))).KeyMetadata!.CurrentKeyMaterialId!;
    assert.notEqual(other, current);
    const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: "AES_128" }));
    assert.equal(dataKey.KeyMaterialId, current);
    assert.equal((await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, KeySpec: "AES_128" }))).KeyMaterialId, current);
    assert.equal((await kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }))).KeyMaterialId, current);
    const moved = await kms.send(new ReEncryptCommand({ CiphertextBlob: dataKey.CiphertextBlob, DestinationKeyId: otherKeyId }));
    assert.deepEqual([moved.SourceKeyMaterialId, moved.DestinationKeyMaterialId], [current, other]);
  });

  it("GenerateRandom returns 1–1024 random bytes", async () => {
    const a = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 64 }));
    const b = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 64 }));
    assert.equal(a.Plaintext!.length, 64);
    assert.notDeepEqual(a.Plaintext, b.Plaintext);
    const refused = await refusal(kms.send(new GenerateRandomCommand({ NumberOfBytes: 0 })));
    assert.equal(refused.name, "ValidationException");
  });

  it("DescribeKey reports a symmetric customer managed key as AWS does", async () => {
    const m = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
    assert.equal(m.AWSAccountId, LAB);
    assert.equal(m.KeyManager, "CUSTOMER");
    assert.equal(m.KeySpec, "SYMMETRIC_DEFAULT");
    assert.equal(m.KeyUsage, "ENCRYPT_DECRYPT");
    assert.equal(m.KeyState, "Enabled");
    assert.equal(m.Enabled, true);
    assert.equal(m.Origin, "AWS_KMS");
    assert.deepEqual(m.EncryptionAlgorithms, ["SYMMETRIC_DEFAULT"]);
    assert.ok(m.CreationDate instanceof Date);
  });
});

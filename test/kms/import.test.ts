// Imported key material, the way a customer does it: GetParametersForImport, wrap 32 random bytes
// to the wrapping public key (with federa's wrapMaterialForImport, or with the openssl CLI),
// ImportKeyMaterial, then Encrypt and Decrypt. Deleting the material takes the key back to
// PendingImport; only the same material can come back, and then old ciphertexts decrypt again.
// New material (ImportType NEW_KEY_MATERIAL) waits in PENDING_ROTATION until RotateKeyOnDemand.
// Tokens expire after 24 hours and material at its ValidTo (federa's clock is moved, not waited).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createDecipheriv, createPublicKey, diffieHellman, generateKeyPairSync, randomBytes, verify as verifySignature } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CancelKeyDeletionCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteImportedKeyMaterialCommand,
  DeriveSharedSecretCommand,
  DisableKeyCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GetParametersForImportCommand,
  GetPublicKeyCommand,
  ImportKeyMaterialCommand,
  ListKeyRotationsCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  type AlgorithmSpec,
  type ImportKeyMaterialCommandInput,
  type KMSClient,
  type WrappingKeySpec,
} from "@aws-sdk/client-kms";
import { wrapMaterialForImport, type WrappingAlgorithm } from "../../src/crypto/index.ts";
import { ManualClock } from "../../src/shared/index.ts";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { clockedKmsClient } from "./clocked.ts";
import { refusal } from "./helpers.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const clock = new ManualClock(new Date("2027-05-01T12:00:00Z"));
let federa: RunningFedera;
let kms: KMSClient;

before(async () => {
  federa = await startFedera({}, { clock });
  kms = clockedKmsClient(federa.url, clock);
});
after(() => federa.stop());

const externalKey = async (spec: "SYMMETRIC_DEFAULT" | "HMAC_256" = "SYMMETRIC_DEFAULT") =>
  (await kms.send(new CreateKeyCommand({ Origin: "EXTERNAL", ...(spec === "SYMMETRIC_DEFAULT" ? {} : { KeySpec: spec, KeyUsage: "GENERATE_VERIFY_MAC" }) }))).KeyMetadata!;
const describeKey = async (keyId: string) => (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
const parameters = (keyId: string, algorithm: AlgorithmSpec = "RSAES_OAEP_SHA_256", spec: WrappingKeySpec = "RSA_2048") =>
  kms.send(new GetParametersForImportCommand({ KeyId: keyId, WrappingAlgorithm: algorithm, WrappingKeySpec: spec }));
const seal = async (keyId: string, text: string) => Buffer.from((await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(text) }))).CiphertextBlob!);
const open = async (blob: Buffer) => Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext!).toString();
const forever = { ExpirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE" } as const;

type Parameters = Awaited<ReturnType<typeof parameters>>;

/**
 * GetParametersForImport (unless given parameters of `algorithm` to use again: a token serves for
 * 24 hours), wrap `material` to its public key, ImportKeyMaterial. (RSA key generation is slow.)
 */
async function importInto(keyId: string, material: Buffer, extra: Partial<ImportKeyMaterialCommandInput> = forever, algorithm: WrappingAlgorithm = "RSAES_OAEP_SHA_256", given?: Parameters) {
  const p = given ?? (await parameters(keyId, algorithm));
  const wrapped = wrapMaterialForImport(p.PublicKey!, algorithm, material);
  return kms.send(new ImportKeyMaterialCommand({ KeyId: keyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: wrapped, ...extra }));
}

describe("GetParametersForImport", () => {
  it("gives a DER RSA public key of the asked size, an opaque token and 24 hours", async () => {
    const key = await externalKey();
    assert.equal(key.KeyState, "PendingImport");
    assert.equal(key.Origin, "EXTERNAL");
    const p = await parameters(key.KeyId!, "RSA_AES_KEY_WRAP_SHA_256", "RSA_2048");
    assert.equal(p.KeyId, key.Arn);
    assert.equal(p.ParametersValidTo!.getTime(), clock.now().getTime() + 24 * HOUR);
    const publicKey = createPublicKey({ key: Buffer.from(p.PublicKey!), format: "der", type: "spki" });
    assert.equal(publicKey.asymmetricKeyType, "rsa");
    assert.equal(publicKey.asymmetricKeyDetails!.modulusLength, 2048);
    assert.ok(p.ImportToken!.length > 0);
  });

  it("validates its members and refuses keys not of origin EXTERNAL", async () => {
    const key = await externalKey();
    const missing = await refusal(kms.send(new GetParametersForImportCommand({ KeyId: key.KeyId, WrappingKeySpec: "RSA_2048" } as never)));
    assert.equal(missing.name, "ValidationException");
    assert.equal(missing.message, "1 validation error detected: Value null at 'wrappingAlgorithm' failed to satisfy constraint: Member must not be null");
    const wrong = await refusal(parameters(key.KeyId!, "RSAES_OAEP_SHA_256", "RSA_1024" as WrappingKeySpec));
    assert.equal(wrong.name, "ValidationException");
    assert.equal(wrong.message, "1 validation error detected: Value 'RSA_1024' at 'wrappingKeySpec' failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048, RSA_3072, RSA_4096, SM2]");
    const native = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const refused = await refusal(parameters(native.KeyId!));
    assert.equal(refused.name, "UnsupportedOperationException");
    assert.equal(refused.message, `${native.Arn} origin is AWS_KMS which is not valid for this operation.`);
  });
});

describe("ImportKeyMaterial", () => {
  it("imports 32 bytes: the key becomes Enabled and encrypts under exactly that material", async () => {
    const key = await externalKey();
    const pending = await refusal(seal(key.KeyId!, "too early"));
    assert.equal(pending.name, "KMSInvalidStateException");
    assert.equal(pending.message, `${key.Arn} is pending import.`);

    const material = randomBytes(32);
    const namedNew = await refusal(importInto(key.KeyId!, material, { ...forever, ImportType: "NEW_KEY_MATERIAL", KeyMaterialId: "ab".repeat(32) }));
    assert.deepEqual(namedNew, { name: "ValidationException", message: "You cannot specify a KeyMaterialId when ImportType is NEW_KEY_MATERIAL.", status: 400 });
    const out = await importInto(key.KeyId!, material);
    assert.equal(out.KeyId, key.Arn);
    const meta = await describeKey(key.KeyId!);
    assert.equal(meta.KeyState, "Enabled");
    assert.equal(meta.Enabled, true);
    assert.equal(meta.ExpirationModel, "KEY_MATERIAL_DOES_NOT_EXPIRE");
    assert.equal(meta.ValidTo, undefined);
    assert.equal(meta.CurrentKeyMaterialId, out.KeyMaterialId);
    assert.match(out.KeyMaterialId!, /^[a-f0-9]{64}$/);

    const blob = await seal(key.KeyId!, "under my own key");
    assert.equal(await open(blob), "under my own key");
    // The ciphertext opens with the imported bytes themselves: AES-256-GCM over federa's format
    // (33-byte header, 12-byte IV, ciphertext, 16-byte tag; AAD = header + an empty context).
    const decipher = createDecipheriv("aes-256-gcm", material, blob.subarray(33, 45));
    decipher.setAAD(Buffer.concat([blob.subarray(0, 33), Buffer.alloc(4)]));
    decipher.setAuthTag(blob.subarray(blob.length - 16));
    assert.equal(Buffer.concat([decipher.update(blob.subarray(45, blob.length - 16)), decipher.final()]).toString(), "under my own key");
  });

  it("takes material wrapped by the openssl CLI (RSAES_OAEP_SHA_256, and RSA_AES_KEY_WRAP_SHA_256 with AES key wrap with padding)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "federa-import-"));
    try {
      for (const [algorithm, spec, bits] of [
        ["RSAES_OAEP_SHA_256", "RSA_2048", 2048],
        ["RSA_AES_KEY_WRAP_SHA_256", "RSA_2048", 2048],
      ] as const) {
        const key = await externalKey();
        const p = await parameters(key.KeyId!, algorithm, spec);
        assert.equal(createPublicKey({ key: Buffer.from(p.PublicKey!), format: "der", type: "spki" }).asymmetricKeyDetails!.modulusLength, bits);
        writeFileSync(join(dir, "public.der"), p.PublicKey!);
        const material = randomBytes(32);
        writeFileSync(join(dir, "material.bin"), material);
        const oaep = (input: string, output: string) =>
          execFileSync("openssl", ["pkeyutl", "-encrypt", "-in", join(dir, input), "-out", join(dir, output), "-inkey", join(dir, "public.der"), "-keyform", "DER", "-pubin", "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256"]);
        let wrapped: Buffer;
        if (algorithm === "RSAES_OAEP_SHA_256") {
          oaep("material.bin", "wrapped.bin");
          wrapped = readFileSync(join(dir, "wrapped.bin"));
        } else {
          const aesKey = randomBytes(32);
          writeFileSync(join(dir, "aes.bin"), aesKey);
          execFileSync("openssl", ["enc", "-id-aes256-wrap-pad", "-K", aesKey.toString("hex"), "-iv", "A65959A6", "-in", join(dir, "material.bin"), "-out", join(dir, "material.wrapped")]);
          oaep("aes.bin", "aes.wrapped");
          wrapped = Buffer.concat([readFileSync(join(dir, "aes.wrapped")), readFileSync(join(dir, "material.wrapped"))]);
        }
        await kms.send(new ImportKeyMaterialCommand({ KeyId: key.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: wrapped, ...forever }));
        assert.equal(await open(await seal(key.KeyId!, algorithm)), algorithm);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses garbage tokens, another key's token, an earlier token, and material that does not unwrap", async () => {
    const key = await externalKey();
    const other = await externalKey();
    const p = await parameters(key.KeyId!);
    const wrapped = wrapMaterialForImport(p.PublicKey!, "RSAES_OAEP_SHA_256", randomBytes(32));
    const otherToken = (await parameters(other.KeyId!)).ImportToken!;
    for (const token of [randomBytes(64), otherToken]) {
      const refused = await refusal(kms.send(new ImportKeyMaterialCommand({ KeyId: key.KeyId, ImportToken: token, EncryptedKeyMaterial: wrapped, ...forever })));
      assert.equal(refused.name, "InvalidImportTokenException");
      assert.equal(refused.message, "The request was rejected because the provided import token is invalid or is associated with a different KMS key.");
    }
    const wrongWrap = wrapMaterialForImport(p.PublicKey!, "RSAES_OAEP_SHA_1", randomBytes(32));
    const undecodable = await refusal(kms.send(new ImportKeyMaterialCommand({ KeyId: key.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: wrongWrap, ...forever })));
    assert.equal(undecodable.name, "InvalidCiphertextException");
    // A newer GetParametersForImport replaces the earlier token.
    await parameters(key.KeyId!);
    const stale = await refusal(kms.send(new ImportKeyMaterialCommand({ KeyId: key.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: wrapped, ...forever })));
    assert.equal(stale.name, "InvalidImportTokenException");
  });

  it("refuses material of the wrong length with IncorrectKeyMaterialException", async () => {
    const key = await externalKey();
    const p = await parameters(key.KeyId!);
    for (const size of [16, 31, 33, 64]) {
      const refused = await refusal(importInto(key.KeyId!, randomBytes(size), forever, "RSAES_OAEP_SHA_256", p));
      assert.equal(refused.name, "IncorrectKeyMaterialException", String(size));
      assert.equal(refused.message, "The request was rejected because the key material in the request is expired, invalid, or is not the same key material that was previously imported into this KMS key.");
    }
    assert.equal((await describeKey(key.KeyId!)).KeyState, "PendingImport");
  });

  it("checks ExpirationModel against ValidTo", async () => {
    const key = await externalKey();
    const material = randomBytes(32);
    const p = await parameters(key.KeyId!);
    const cases: [Partial<ImportKeyMaterialCommandInput>, string][] = [
      [{}, "A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES"],
      [{ ExpirationModel: "KEY_MATERIAL_EXPIRES" }, "A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES"],
      [{ ExpirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE", ValidTo: new Date(clock.now().getTime() + DAY) }, "A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE"],
      [{ ExpirationModel: "KEY_MATERIAL_EXPIRES", ValidTo: new Date(clock.now().getTime() - 1000) }, "The validTo date must be in the future."],
      [{ ExpirationModel: "KEY_MATERIAL_EXPIRES", ValidTo: new Date(clock.now().getTime() + 366 * DAY) }, "The validTo date must be no more than 365 days in the future."],
    ];
    for (const [extra, message] of cases) {
      const refused = await refusal(importInto(key.KeyId!, material, extra, "RSAES_OAEP_SHA_256", p));
      assert.equal(refused.name, "ValidationException");
      assert.equal(refused.message, message);
    }
  });

  it("takes HMAC material of the spec's lengths", async () => {
    const key = await externalKey("HMAC_256");
    const p = await parameters(key.KeyId!);
    const short = await refusal(importInto(key.KeyId!, randomBytes(31), forever, "RSAES_OAEP_SHA_256", p));
    assert.equal(short.name, "IncorrectKeyMaterialException");
    // ImportType, KeyMaterialDescription and KeyMaterialId are for symmetric encryption keys only.
    for (const extra of [{ ImportType: "NEW_KEY_MATERIAL" as const }, { KeyMaterialDescription: "first" }]) {
      const refused = await refusal(importInto(key.KeyId!, randomBytes(48), { ...forever, ...extra }, "RSAES_OAEP_SHA_256", p));
      assert.deepEqual(refused, { name: "ValidationException", message: "ImportType, KeyMaterialDescription and KeyMaterialId are valid only for symmetric encryption keys.", status: 400 });
    }
    await importInto(key.KeyId!, randomBytes(48), forever, "RSAES_OAEP_SHA_256", p);
    assert.equal((await describeKey(key.KeyId!)).KeyState, "Enabled");
  });
});

describe("asymmetric key material", () => {
  it("imports an RSA signing key's PKCS#8 private key: KMS signs with it, and GetPublicKey gives its public key", async () => {
    const key = (await kms.send(new CreateKeyCommand({ Origin: "EXTERNAL", KeySpec: "RSA_2048", KeyUsage: "SIGN_VERIFY" }))).KeyMetadata!;
    assert.equal(key.KeyState, "PendingImport");
    const mine = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const der = mine.privateKey.export({ type: "pkcs8", format: "der" });
    // An RSA private key is longer than RSAES-OAEP carries: AES key wrap under the RSA wrapping key.
    const p = await parameters(key.KeyId!, "RSA_AES_KEY_WRAP_SHA_256", "RSA_4096");
    // Material that is not a private key of the key's spec: refused, the key still pending import.
    const otherSize = generateKeyPairSync("rsa", { modulusLength: 3072 }).privateKey.export({ type: "pkcs8", format: "der" });
    const curve = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ type: "pkcs8", format: "der" });
    for (const wrong of [otherSize, curve, randomBytes(1200)]) {
      const refused = await refusal(importInto(key.KeyId!, wrong, forever, "RSA_AES_KEY_WRAP_SHA_256", p));
      assert.equal(refused.name, "IncorrectKeyMaterialException");
    }
    assert.equal((await describeKey(key.KeyId!)).KeyState, "PendingImport");

    const out = await importInto(key.KeyId!, der, forever, "RSA_AES_KEY_WRAP_SHA_256", p);
    assert.equal(out.KeyId, key.Arn);
    assert.equal((await describeKey(key.KeyId!)).KeyState, "Enabled");
    const published = await kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId }));
    assert.deepEqual(Buffer.from(published.PublicKey!), mine.publicKey.export({ type: "spki", format: "der" }));
    const message = Buffer.from("signed by my own key, inside KMS");
    const signed = await kms.send(new SignCommand({ KeyId: key.KeyId, Message: message, MessageType: "RAW", SigningAlgorithm: "RSASSA_PKCS1_V1_5_SHA_256" }));
    assert.equal(verifySignature("sha256", message, mine.publicKey, Buffer.from(signed.Signature!)), true);
  });

  it("imports a P-256 key agreement key: ECDH in KMS gives the secret the holder of the private key derives", async () => {
    const key = (await kms.send(new CreateKeyCommand({ Origin: "EXTERNAL", KeySpec: "ECC_NIST_P256", KeyUsage: "KEY_AGREEMENT" }))).KeyMetadata!;
    const mine = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const peer = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    // A PKCS#8 P-256 key is short enough for RSAES-OAEP with SHA-256 under a 3072-bit wrapping key.
    await importInto(key.KeyId!, mine.privateKey.export({ type: "pkcs8", format: "der" }), forever, "RSAES_OAEP_SHA_256", await parameters(key.KeyId!, "RSAES_OAEP_SHA_256", "RSA_3072"));
    const derived = await kms.send(new DeriveSharedSecretCommand({ KeyId: key.KeyId, KeyAgreementAlgorithm: "ECDH", PublicKey: peer.publicKey.export({ type: "spki", format: "der" }) }));
    assert.deepEqual(Buffer.from(derived.SharedSecret!), diffieHellman({ privateKey: peer.privateKey, publicKey: mine.publicKey }));
  });
});

describe("deleting and reimporting", () => {
  it("DeleteImportedKeyMaterial → PendingImport; only the same material comes back, and old ciphertexts decrypt again", async () => {
    const key = await externalKey();
    const material = randomBytes(32);
    const p = await parameters(key.KeyId!, "RSA_AES_KEY_WRAP_SHA_1");
    const first = await importInto(key.KeyId!, material, forever, "RSA_AES_KEY_WRAP_SHA_1", p);
    const old = await seal(key.KeyId!, "before the deletion");

    const deleted = await kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }));
    assert.equal(deleted.KeyId, key.Arn);
    assert.equal(deleted.KeyMaterialId, first.KeyMaterialId);
    const meta = await describeKey(key.KeyId!);
    assert.equal(meta.KeyState, "PendingImport");
    assert.equal(meta.Enabled, false);
    assert.equal(meta.ExpirationModel, undefined);
    const refused = await refusal(seal(key.KeyId!, "x"));
    assert.equal(refused.name, "KMSInvalidStateException");
    assert.equal(refused.message, `${key.Arn} is pending import.`);
    const unreadable = await refusal(open(old));
    assert.equal(unreadable.name, "KMSInvalidStateException");
    assert.equal(unreadable.message, `${key.Arn} is pending import.`);

    const different = await refusal(importInto(key.KeyId!, randomBytes(32), forever, "RSA_AES_KEY_WRAP_SHA_1", p));
    assert.equal(different.name, "IncorrectKeyMaterialException");
    assert.equal((await describeKey(key.KeyId!)).KeyState, "PendingImport");

    const again = await importInto(key.KeyId!, material, forever, "RSA_AES_KEY_WRAP_SHA_1", p);
    assert.equal(again.KeyMaterialId, first.KeyMaterialId);
    assert.equal((await describeKey(key.KeyId!)).KeyState, "Enabled");
    assert.equal(await open(old), "before the deletion");

    const listed = await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId, IncludeKeyMaterial: "ALL_KEY_MATERIAL" }));
    assert.deepEqual(listed.Rotations, [{ KeyId: key.KeyId, KeyMaterialId: first.KeyMaterialId, ImportState: "IMPORTED", KeyMaterialState: "CURRENT", ExpirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE" }]);
  });

  it("refuses DeleteImportedKeyMaterial on keys not of origin EXTERNAL", async () => {
    const native = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const refused = await refusal(kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: native.KeyId })));
    assert.equal(refused.name, "UnsupportedOperationException");
    assert.equal(refused.message, `${native.Arn} origin is AWS_KMS which is not valid for this operation.`);
  });
});

describe("rotating imported key material (ImportType NEW_KEY_MATERIAL, then RotateKeyOnDemand)", () => {
  const materialOf = async (blob: Buffer) => (await kms.send(new DecryptCommand({ CiphertextBlob: blob }))).KeyMaterialId;
  const allMaterials = async (keyId: string) => (await kms.send(new ListKeyRotationsCommand({ KeyId: keyId, IncludeKeyMaterial: "ALL_KEY_MATERIAL" }))).Rotations!;
  const rotate = (keyId: string) => kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));

  it("stages new material in PENDING_ROTATION; rotation makes it current, and the first stays for decryption", async () => {
    const key = await externalKey();
    const p = await parameters(key.KeyId!);
    const first = await importInto(key.KeyId!, randomBytes(32), { ...forever, KeyMaterialDescription: "first" }, "RSAES_OAEP_SHA_256", p);
    const old = await seal(key.KeyId!, "under the first material");

    const nothing = await refusal(rotate(key.KeyId!));
    assert.equal(nothing.name, "KMSInvalidStateException");
    assert.match(nothing.message, /has no imported key material in PENDING_ROTATION state/);

    const secondBytes = randomBytes(32);
    const validTo = new Date(clock.now().getTime() + 30 * DAY);
    const second = await importInto(key.KeyId!, secondBytes, { ImportType: "NEW_KEY_MATERIAL", ExpirationModel: "KEY_MATERIAL_EXPIRES", ValidTo: validTo, KeyMaterialDescription: "second" }, "RSAES_OAEP_SHA_256", p);
    assert.match(second.KeyMaterialId!, /^[a-f0-9]{64}$/);
    assert.notEqual(second.KeyMaterialId, first.KeyMaterialId);
    // Staged, not used: Encrypt still uses the first material, and DescribeKey shows it.
    let meta = await describeKey(key.KeyId!);
    assert.equal(meta.KeyState, "Enabled");
    assert.equal(meta.CurrentKeyMaterialId, first.KeyMaterialId);
    assert.equal(meta.ExpirationModel, "KEY_MATERIAL_DOES_NOT_EXPIRE");
    assert.equal(await materialOf(await seal(key.KeyId!, "still the first")), first.KeyMaterialId);
    assert.deepEqual(await allMaterials(key.KeyId!), [
      { KeyId: key.KeyId, KeyMaterialId: first.KeyMaterialId, KeyMaterialDescription: "first", ImportState: "IMPORTED", KeyMaterialState: "CURRENT", ExpirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE" },
      { KeyId: key.KeyId, KeyMaterialId: second.KeyMaterialId, KeyMaterialDescription: "second", ImportState: "IMPORTED", KeyMaterialState: "PENDING_ROTATION", ExpirationModel: "KEY_MATERIAL_EXPIRES", ValidTo: validTo },
    ]);
    // One material pending at a time, and new material must be new.
    const another = await refusal(importInto(key.KeyId!, randomBytes(32), { ...forever, ImportType: "NEW_KEY_MATERIAL" }, "RSAES_OAEP_SHA_256", p));
    assert.equal(another.name, "KMSInvalidStateException");
    const twice = await refusal(importInto(key.KeyId!, secondBytes, { ...forever, ImportType: "NEW_KEY_MATERIAL" }, "RSAES_OAEP_SHA_256", p));
    assert.equal(twice.name, "IncorrectKeyMaterialException");

    const rotated = await rotate(key.KeyId!);
    assert.equal(rotated.KeyId, key.KeyId);
    meta = await describeKey(key.KeyId!);
    assert.equal(meta.CurrentKeyMaterialId, second.KeyMaterialId);
    assert.equal(meta.ExpirationModel, "KEY_MATERIAL_EXPIRES");
    assert.equal(meta.ValidTo!.getTime(), validTo.getTime());
    const fresh = await seal(key.KeyId!, "under the second material");
    assert.equal(await materialOf(fresh), second.KeyMaterialId);
    // AES-256-GCM under the second material's own bytes (federa's format, as above).
    const decipher = createDecipheriv("aes-256-gcm", secondBytes, fresh.subarray(33, 45));
    decipher.setAAD(Buffer.concat([fresh.subarray(0, 33), Buffer.alloc(4)]));
    decipher.setAuthTag(fresh.subarray(fresh.length - 16));
    assert.equal(Buffer.concat([decipher.update(fresh.subarray(45, fresh.length - 16)), decipher.final()]).toString(), "under the second material");
    assert.equal(await open(old), "under the first material");
    assert.equal(await materialOf(old), first.KeyMaterialId);

    const rotationsOnly = (await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations!;
    assert.deepEqual(rotationsOnly, [
      { KeyId: key.KeyId, KeyMaterialId: second.KeyMaterialId, KeyMaterialDescription: "second", ImportState: "IMPORTED", KeyMaterialState: "CURRENT", ExpirationModel: "KEY_MATERIAL_EXPIRES", ValidTo: validTo, RotationDate: clock.now(), RotationType: "ON_DEMAND" },
    ]);
    assert.deepEqual((await allMaterials(key.KeyId!)).map((r) => [r.KeyMaterialId, r.KeyMaterialState]), [[first.KeyMaterialId, "NON_CURRENT"], [second.KeyMaterialId, "CURRENT"]]);
    // Nothing is pending any more.
    assert.equal((await refusal(rotate(key.KeyId!))).name, "KMSInvalidStateException");
  });

  it("material pending rotation can be deleted and other material imported in its place; the key stays usable", async () => {
    const key = await externalKey();
    const p = await parameters(key.KeyId!);
    const first = await importInto(key.KeyId!, randomBytes(32), forever, "RSAES_OAEP_SHA_256", p);
    const staged = await importInto(key.KeyId!, randomBytes(32), { ...forever, ImportType: "NEW_KEY_MATERIAL" }, "RSAES_OAEP_SHA_256", p);
    const deleted = await kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId, KeyMaterialId: staged.KeyMaterialId }));
    assert.equal(deleted.KeyMaterialId, staged.KeyMaterialId);
    assert.equal((await describeKey(key.KeyId!)).KeyState, "Enabled");
    assert.deepEqual((await allMaterials(key.KeyId!)).map((r) => r.KeyMaterialId), [first.KeyMaterialId]);
    const gone = await refusal(kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId, KeyMaterialId: staged.KeyMaterialId })));
    assert.deepEqual(gone, { name: "NotFoundException", message: `Key material ${staged.KeyMaterialId} does not exist for key ${key.Arn}`, status: 400 });

    const replacement = await importInto(key.KeyId!, randomBytes(32), { ...forever, ImportType: "NEW_KEY_MATERIAL" }, "RSAES_OAEP_SHA_256", p);
    await rotate(key.KeyId!);
    assert.equal((await describeKey(key.KeyId!)).CurrentKeyMaterialId, replacement.KeyMaterialId);
  });

  it("deleting an earlier material makes the key PendingImport until that material is imported again (ImportType EXISTING_KEY_MATERIAL)", async () => {
    const key = await externalKey();
    const p = await parameters(key.KeyId!);
    const firstBytes = randomBytes(32);
    const first = await importInto(key.KeyId!, firstBytes, forever, "RSAES_OAEP_SHA_256", p);
    const old = await seal(key.KeyId!, "first");
    const second = await importInto(key.KeyId!, randomBytes(32), { ...forever, ImportType: "NEW_KEY_MATERIAL" }, "RSAES_OAEP_SHA_256", p);
    await rotate(key.KeyId!);
    const recent = await seal(key.KeyId!, "second");

    await kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId, KeyMaterialId: first.KeyMaterialId }));
    const meta = await describeKey(key.KeyId!);
    assert.equal(meta.KeyState, "PendingImport");
    assert.equal(meta.CurrentKeyMaterialId, second.KeyMaterialId);
    assert.deepEqual((await allMaterials(key.KeyId!)).map((r) => [r.KeyMaterialState, r.ImportState]), [["NON_CURRENT", "PENDING_IMPORT"], ["CURRENT", "IMPORTED"]]);
    for (const attempt of [seal(key.KeyId!, "x"), open(recent)]) {
      assert.deepEqual(await refusal(attempt), { name: "KMSInvalidStateException", message: `${key.Arn} is pending import.`, status: 400 });
    }
    // Material that was never the key's, or a KeyMaterialId that names another material, is refused.
    assert.equal((await refusal(importInto(key.KeyId!, randomBytes(32), forever, "RSAES_OAEP_SHA_256", p))).name, "IncorrectKeyMaterialException");
    const misnamed = await refusal(importInto(key.KeyId!, firstBytes, { ...forever, ImportType: "EXISTING_KEY_MATERIAL", KeyMaterialId: second.KeyMaterialId! }, "RSAES_OAEP_SHA_256", p));
    assert.equal(misnamed.name, "IncorrectKeyMaterialException");

    const back = await importInto(key.KeyId!, firstBytes, { ...forever, ImportType: "EXISTING_KEY_MATERIAL", KeyMaterialId: first.KeyMaterialId! }, "RSAES_OAEP_SHA_256", p);
    assert.equal(back.KeyMaterialId, first.KeyMaterialId);
    assert.equal((await describeKey(key.KeyId!)).KeyState, "Enabled");
    assert.equal(await open(old), "first");
    assert.equal(await open(recent), "second");
    assert.equal(await materialOf(await seal(key.KeyId!, "y")), second.KeyMaterialId, "reimporting the first material does not make it current again");
  });

  it("DescribeKey shows the earliest expiry of the materials associated with the key, and none while it waits for material", async () => {
    const key = await externalKey();
    const p = await parameters(key.KeyId!);
    const soon = new Date(clock.now().getTime() + 10 * DAY);
    const first = await importInto(key.KeyId!, randomBytes(32), { ExpirationModel: "KEY_MATERIAL_EXPIRES", ValidTo: soon }, "RSAES_OAEP_SHA_256", p);
    const second = await importInto(key.KeyId!, randomBytes(32), { ...forever, ImportType: "NEW_KEY_MATERIAL" }, "RSAES_OAEP_SHA_256", p);
    await rotate(key.KeyId!);
    let meta = await describeKey(key.KeyId!);
    assert.equal(meta.CurrentKeyMaterialId, second.KeyMaterialId);
    assert.equal(meta.ExpirationModel, "KEY_MATERIAL_EXPIRES", "the first material still expires");
    assert.equal(meta.ValidTo!.getTime(), soon.getTime());

    // The current material deleted: the key waits for it, and still names it.
    await kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }));
    meta = await describeKey(key.KeyId!);
    assert.equal(meta.KeyState, "PendingImport");
    assert.equal(meta.CurrentKeyMaterialId, second.KeyMaterialId);
    assert.equal(meta.ExpirationModel, undefined);
    assert.equal(meta.ValidTo, undefined);
    assert.deepEqual((await allMaterials(key.KeyId!)).map((r) => [r.KeyMaterialId, r.KeyMaterialState, r.ImportState]), [
      [first.KeyMaterialId, "NON_CURRENT", "IMPORTED"],
      [second.KeyMaterialId, "CURRENT", "PENDING_IMPORT"],
    ]);
  });

  it("imports only into a key that is Enabled or PendingImport, as the API reference says", async () => {
    const key = await externalKey();
    const p = await parameters(key.KeyId!);
    const bytes = randomBytes(32);
    await importInto(key.KeyId!, bytes, forever, "RSAES_OAEP_SHA_256", p);
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    for (const extra of [forever, { ...forever, ImportType: "NEW_KEY_MATERIAL" as const }]) {
      const refused = await refusal(importInto(key.KeyId!, extra === forever ? bytes : randomBytes(32), extra, "RSAES_OAEP_SHA_256", p));
      assert.deepEqual(refused, { name: "KMSInvalidStateException", message: `${key.Arn} is disabled.`, status: 400 });
    }
  });

  it("a key missing an earlier material comes back PendingImport when its deletion is cancelled", async () => {
    const key = await externalKey();
    const p = await parameters(key.KeyId!);
    const first = await importInto(key.KeyId!, randomBytes(32), forever, "RSAES_OAEP_SHA_256", p);
    await importInto(key.KeyId!, randomBytes(32), { ...forever, ImportType: "NEW_KEY_MATERIAL" }, "RSAES_OAEP_SHA_256", p);
    await rotate(key.KeyId!);
    await kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId, KeyMaterialId: first.KeyMaterialId }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    await kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
    assert.equal((await describeKey(key.KeyId!)).KeyState, "PendingImport");
  });

  it("staged material that expires is gone, and the key stays Enabled", async () => {
    const key = await externalKey();
    const p = await parameters(key.KeyId!);
    const first = await importInto(key.KeyId!, randomBytes(32), forever, "RSAES_OAEP_SHA_256", p);
    await importInto(key.KeyId!, randomBytes(32), { ImportType: "NEW_KEY_MATERIAL", ExpirationModel: "KEY_MATERIAL_EXPIRES", ValidTo: new Date(clock.now().getTime() + DAY) }, "RSAES_OAEP_SHA_256", p);
    clock.advance(DAY + 1000);
    assert.equal((await describeKey(key.KeyId!)).KeyState, "Enabled");
    assert.deepEqual((await allMaterials(key.KeyId!)).map((r) => r.KeyMaterialId), [first.KeyMaterialId]);
    assert.equal((await refusal(rotate(key.KeyId!))).name, "KMSInvalidStateException");
  });

  it("asymmetric and HMAC keys keep their one material: no new material, no on-demand rotation", async () => {
    const key = await externalKey("HMAC_256");
    const p = await parameters(key.KeyId!);
    await importInto(key.KeyId!, randomBytes(32), forever, "RSAES_OAEP_SHA_256", p);
    assert.equal((await refusal(importInto(key.KeyId!, randomBytes(32), forever, "RSAES_OAEP_SHA_256", p))).name, "IncorrectKeyMaterialException");
    // AWS sends this refusal without a message (the SDK then says "UnknownError").
    const refused = await refusal(rotate(key.KeyId!));
    assert.equal(refused.name, "UnsupportedOperationException");
    assert.equal(refused.status, 400);
  });
});

describe("expiry", () => {
  it("import parameters expire after 24 hours: ExpiredImportTokenException", async () => {
    const key = await externalKey();
    const p = await parameters(key.KeyId!);
    const wrapped = wrapMaterialForImport(p.PublicKey!, "RSAES_OAEP_SHA_256", randomBytes(32));
    clock.advance(24 * HOUR + 1000);
    const refused = await refusal(kms.send(new ImportKeyMaterialCommand({ KeyId: key.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: wrapped, ...forever })));
    assert.equal(refused.name, "ExpiredImportTokenException");
    assert.equal(
      refused.message,
      "The request was rejected because the specified import token is expired. Use GetParametersForImport to get a new import token and public key, use the new public key to encrypt the key material, and then try the request again.",
    );
    assert.equal(refused.status, 400);
  });

  it("material expires at its ValidTo: the key goes back to PendingImport until the same material is imported again", async () => {
    const key = await externalKey();
    const material = randomBytes(32);
    const validTo = new Date(clock.now().getTime() + 2 * DAY);
    await importInto(key.KeyId!, material, { ExpirationModel: "KEY_MATERIAL_EXPIRES", ValidTo: validTo });
    const meta = await describeKey(key.KeyId!);
    assert.equal(meta.ExpirationModel, "KEY_MATERIAL_EXPIRES");
    assert.equal(meta.ValidTo!.getTime(), validTo.getTime());
    const blob = await seal(key.KeyId!, "short-lived");

    clock.advance(2 * DAY - 1000);
    assert.equal(await open(blob), "short-lived");
    clock.advance(2000);
    const expired = await describeKey(key.KeyId!);
    assert.equal(expired.KeyState, "PendingImport");
    assert.equal(expired.ValidTo, undefined);
    const refused = await refusal(open(blob));
    assert.equal(refused.name, "KMSInvalidStateException");
    assert.equal(refused.message, `${key.Arn} is pending import.`);

    await importInto(key.KeyId!, material);
    assert.equal(await open(blob), "short-lived");
  });
});

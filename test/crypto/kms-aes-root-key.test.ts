// AES-256-GCM and the file root key that wraps every KMS backing key at rest: what one load wraps,
// the next opens; a changed byte, another owner (AAD) or another data directory is refused.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createDecipheriv } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { aesGcmOpen, aesGcmSeal, loadOrCreateFileRootKey, randomKeyMaterial, RootKeyError } from "../../src/crypto/index.ts";
import { FederaError } from "../../src/shared/index.ts";

const aad = Buffer.from("arn:aws:kms:us-east-1:111122223333:key/1234abcd|backing-1");
const material = Buffer.from("backing key material, 32 bytes!!");

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "federa-kms-root-"));
}

function flipped(bytes: Uint8Array, index = 0): Buffer {
  const copy = Buffer.from(bytes);
  copy[index]! ^= 0x01;
  return copy;
}

async function rejection(promise: Promise<unknown>): Promise<RootKeyError> {
  return promise.then(
    () => assert.fail("expected a RootKeyError"),
    (error: unknown) => {
      assert.ok(error instanceof RootKeyError);
      return error;
    },
  );
}

describe("AES-256-GCM", () => {
  it("opens what it sealed, with a 12-byte IV and a 16-byte tag", () => {
    const key = randomKeyMaterial(32);
    const sealed = aesGcmSeal(key, material, aad);
    assert.equal(sealed.iv.length, 12);
    assert.equal(sealed.tag.length, 16);
    assert.equal(sealed.ciphertext.length, material.length);
    assert.deepEqual(aesGcmOpen(key, sealed.iv, sealed.ciphertext, sealed.tag, aad), material);
    assert.notDeepEqual(aesGcmSeal(key, material, aad).iv, sealed.iv, "a fresh IV each time");
  });

  it("seals and opens an empty plaintext", () => {
    const key = randomKeyMaterial(32);
    const sealed = aesGcmSeal(key, Buffer.alloc(0), aad);
    assert.deepEqual(aesGcmOpen(key, sealed.iv, sealed.ciphertext, sealed.tag, aad), Buffer.alloc(0));
  });

  it("returns undefined for a wrong key, a changed byte, another AAD or bad lengths, and never throws", () => {
    const key = randomKeyMaterial(32);
    const { iv, ciphertext, tag } = aesGcmSeal(key, material, aad);
    assert.equal(aesGcmOpen(randomKeyMaterial(32), iv, ciphertext, tag, aad), undefined);
    assert.equal(aesGcmOpen(key, flipped(iv), ciphertext, tag, aad), undefined);
    assert.equal(aesGcmOpen(key, iv, flipped(ciphertext, 5), tag, aad), undefined);
    assert.equal(aesGcmOpen(key, iv, ciphertext, flipped(tag, 15), aad), undefined);
    assert.equal(aesGcmOpen(key, iv, ciphertext, tag, Buffer.from("another owner")), undefined);
    assert.equal(aesGcmOpen(key, iv, ciphertext, tag.subarray(0, 12), aad), undefined, "a truncated tag is not accepted");
    assert.equal(aesGcmOpen(key, iv.subarray(0, 8), ciphertext, tag, aad), undefined);
    assert.equal(aesGcmOpen(key.subarray(0, 16), iv, ciphertext, tag, aad), undefined);
    assert.equal(aesGcmOpen(key, iv, ciphertext.subarray(1), tag, aad), undefined);
  });

  it("refuses to seal under a key that is not 256 bits", () => {
    assert.throws(() => aesGcmSeal(randomKeyMaterial(16), material, aad), TypeError);
  });

  it("makes random key material of the asked length", () => {
    assert.equal(randomKeyMaterial(64).length, 64);
    assert.notDeepEqual(randomKeyMaterial(32), randomKeyMaterial(32));
    assert.throws(() => randomKeyMaterial(0), TypeError);
    assert.throws(() => randomKeyMaterial(1.5), TypeError);
  });
});

describe("the file root key", () => {
  it("is created once, 32 bytes with mode 0600, in a data directory that did not exist", async () => {
    const dataDir = join(tempDir(), "nested", "data");
    const provider = loadOrCreateFileRootKey(dataDir);
    assert.equal(provider.kind, "file");
    const path = join(dataDir, "kms-root-key");
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(readFileSync(path).length, 32);
    assert.deepEqual(readdirSync(dataDir), ["kms-root-key"], "no temporary file is left behind");
    await provider.close();
  });

  it("is reused by the next load: what one load wraps, the next unwraps", async () => {
    const dataDir = tempDir();
    const first = loadOrCreateFileRootKey(dataDir);
    const keyBytes = readFileSync(join(dataDir, "kms-root-key"));
    const wrapped = await first.wrap(material, aad);
    await first.close();
    const second = loadOrCreateFileRootKey(dataDir);
    assert.deepEqual(readFileSync(join(dataDir, "kms-root-key")), keyBytes, "the key file is not rewritten");
    assert.deepEqual(await second.unwrap(wrapped, aad), material);
    await second.close();
  });

  it("writes 0x01 | IV | tag | AES-256-GCM ciphertext, bound to the AAD", async () => {
    const dataDir = tempDir();
    const provider = loadOrCreateFileRootKey(dataDir);
    const wrapped = await provider.wrap(material, aad);
    assert.equal(wrapped.length, 1 + 12 + 16 + material.length);
    assert.equal(wrapped[0], 0x01);
    const decipher = createDecipheriv("aes-256-gcm", readFileSync(join(dataDir, "kms-root-key")), wrapped.subarray(1, 13));
    decipher.setAAD(aad);
    decipher.setAuthTag(wrapped.subarray(13, 29));
    assert.deepEqual(Buffer.concat([decipher.update(wrapped.subarray(29)), decipher.final()]), material);
    await provider.close();
  });

  it("uses a key file that is already there, and never overwrites it", async () => {
    const dataDir = tempDir();
    const existing = randomKeyMaterial(32);
    writeFileSync(join(dataDir, "kms-root-key"), existing, { mode: 0o600 });
    const provider = loadOrCreateFileRootKey(dataDir);
    const wrapped = await provider.wrap(material, aad);
    const sealed = { iv: wrapped.subarray(1, 13), tag: wrapped.subarray(13, 29), ciphertext: wrapped.subarray(29) };
    assert.deepEqual(aesGcmOpen(existing, sealed.iv, sealed.ciphertext, sealed.tag, aad), material);
    assert.deepEqual(readFileSync(join(dataDir, "kms-root-key")), existing);
  });

  it("refuses another owner's AAD, a changed byte, another version, a short blob, another data directory", async () => {
    const provider = loadOrCreateFileRootKey(tempDir());
    const other = loadOrCreateFileRootKey(tempDir());
    const wrapped = await provider.wrap(material, aad);
    const attempts: Array<[string, () => Promise<Buffer>]> = [
      ["another owner", () => provider.unwrap(wrapped, Buffer.from("arn:aws:kms:us-east-1:111122223333:key/other|backing-1"))],
      ["a changed ciphertext byte", () => provider.unwrap(flipped(wrapped, 30), aad)],
      ["a changed tag byte", () => provider.unwrap(flipped(wrapped, 20), aad)],
      ["another version byte", () => provider.unwrap(flipped(wrapped, 0), aad)],
      ["a truncated blob", () => provider.unwrap(wrapped.subarray(0, 28), aad)],
      ["an empty blob", () => provider.unwrap(Buffer.alloc(0), aad)],
      ["another data directory", () => other.unwrap(wrapped, aad)],
    ];
    for (const [name, attempt] of attempts) {
      const error = await rejection(attempt());
      assert.equal(error.code, "ERR_ROOT_KEY_UNWRAP", name);
      assert.equal(error.expose, false);
      assert.ok(error instanceof FederaError);
      assert.ok(!error.message.includes(material.toString("hex")) && !error.message.includes(material.toString()));
    }
  });

  it("refuses a key file of the wrong size rather than replacing it", () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, "kms-root-key"), Buffer.alloc(16, 7));
    assert.throws(() => loadOrCreateFileRootKey(dataDir), (error: unknown) => error instanceof RootKeyError && error.code === "ERR_ROOT_KEY_INVALID");
    assert.deepEqual(readFileSync(join(dataDir, "kms-root-key")), Buffer.alloc(16, 7));
  });

  it("wraps and unwraps nothing once closed", async () => {
    const provider = loadOrCreateFileRootKey(tempDir());
    const wrapped = await provider.wrap(material, aad);
    await provider.close();
    assert.equal((await rejection(provider.wrap(material, aad))).code, "ERR_ROOT_KEY_CLOSED");
    assert.equal((await rejection(provider.unwrap(wrapped, aad))).code, "ERR_ROOT_KEY_CLOSED");
  });
});

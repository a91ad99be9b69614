// RSA-OAEP encryption (KMS asymmetric ENCRYPT_DECRYPT keys) and the wrapping of imported key
// material, each checked against `openssl pkeyutl` and `openssl enc -id-aes256-wrap-pad` both ways.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import {
  generateKeyPairMaterial, generateWrappingKeyPair, rsaOaepDecrypt, rsaOaepEncrypt, rsaOaepMaxPlaintext,
  unwrapImportedMaterial, wrapMaterialForImport, KmsCryptoError,
  type RsaEncryptionAlgorithm, type RsaKeySpec, type WrappingAlgorithm,
} from "../../src/crypto/index.ts";
import { file, openssl, opensslOut, privatePem, publicPem } from "./kms-openssl.ts";

type Pair = { privateKeyDer: Buffer; publicKeyDer: Buffer };
const SPECS: RsaKeySpec[] = ["RSA_2048", "RSA_3072", "RSA_4096"];
const ALGORITHMS: RsaEncryptionAlgorithm[] = ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"];
const WRAPPINGS: WrappingAlgorithm[] = ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256"];
const pairs = new Map<RsaKeySpec, Pair>();
let ecPair: Pair;

before(async () => {
  const made = await Promise.all([...SPECS.map((spec) => generateWrappingKeyPair(spec)), generateKeyPairMaterial("ECC_NIST_P256")]);
  SPECS.forEach((spec, i) => pairs.set(spec, made[i]!));
  ecPair = made[SPECS.length]!;
});

function pair(spec: RsaKeySpec): Pair {
  return pairs.get(spec)!;
}

/** openssl's options for RSA-OAEP with the algorithm's hash, MGF1 the same hash. */
function oaepOptions(algorithm: RsaEncryptionAlgorithm | WrappingAlgorithm): string[] {
  const md = algorithm.endsWith("SHA_1") ? "sha1" : "sha256";
  return ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", `rsa_oaep_md:${md}`, "-pkeyopt", `rsa_mgf1_md:${md}`];
}

function flipped(bytes: Buffer, index: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[index]! ^= 0x01;
  return copy;
}

describe("RSA-OAEP", () => {
  it("says the largest plaintext per key size and algorithm", () => {
    assert.equal(rsaOaepMaxPlaintext("RSA_2048", "RSAES_OAEP_SHA_256"), 190);
    assert.equal(rsaOaepMaxPlaintext("RSA_2048", "RSAES_OAEP_SHA_1"), 214);
    assert.equal(rsaOaepMaxPlaintext("RSA_3072", "RSAES_OAEP_SHA_256"), 318);
    assert.equal(rsaOaepMaxPlaintext("RSA_3072", "RSAES_OAEP_SHA_1"), 342);
    assert.equal(rsaOaepMaxPlaintext("RSA_4096", "RSAES_OAEP_SHA_256"), 446);
    assert.equal(rsaOaepMaxPlaintext("RSA_4096", "RSAES_OAEP_SHA_1"), 470);
  });

  for (const spec of SPECS) {
    for (const algorithm of ALGORITHMS) {
      it(`${spec} ${algorithm}: round-trips up to the largest plaintext, and openssl agrees both ways`, () => {
        const { privateKeyDer, publicKeyDer } = pair(spec);
        const max = rsaOaepMaxPlaintext(spec, algorithm);
        for (const plaintext of [Buffer.alloc(0), Buffer.from("a secret"), randomBytes(max)]) {
          const ciphertext = rsaOaepEncrypt(publicKeyDer, algorithm, plaintext);
          assert.equal(ciphertext.length, Number(spec.slice(4)) / 8);
          assert.deepEqual(rsaOaepDecrypt(privateKeyDer, algorithm, ciphertext), plaintext);
        }
        assert.throws(() => rsaOaepEncrypt(publicKeyDer, algorithm, randomBytes(max + 1)), (error: unknown) => error instanceof KmsCryptoError && error.code === "ERR_PLAINTEXT_LENGTH");

        const plaintext = randomBytes(max);
        const fromOpenssl = opensslOut("pkeyutl", "-encrypt", "-pubin", "-inkey", publicPem(publicKeyDer), ...oaepOptions(algorithm), "-in", file(plaintext));
        assert.deepEqual(rsaOaepDecrypt(privateKeyDer, algorithm, fromOpenssl), plaintext);
        const ours = rsaOaepEncrypt(publicKeyDer, algorithm, plaintext);
        assert.deepEqual(opensslOut("pkeyutl", "-decrypt", "-inkey", privatePem(privateKeyDer), ...oaepOptions(algorithm), "-in", file(ours)), plaintext);
      });
    }
  }

  it("returns undefined for a changed byte, the other hash, another key, a bad length, and never throws", () => {
    const { privateKeyDer, publicKeyDer } = pair("RSA_2048");
    const ciphertext = rsaOaepEncrypt(publicKeyDer, "RSAES_OAEP_SHA_256", Buffer.from("a secret"));
    assert.equal(rsaOaepDecrypt(privateKeyDer, "RSAES_OAEP_SHA_256", flipped(ciphertext, 100)), undefined);
    assert.equal(rsaOaepDecrypt(privateKeyDer, "RSAES_OAEP_SHA_1", ciphertext), undefined);
    assert.equal(rsaOaepDecrypt(pair("RSA_3072").privateKeyDer, "RSAES_OAEP_SHA_256", ciphertext), undefined);
    assert.equal(rsaOaepDecrypt(privateKeyDer, "RSAES_OAEP_SHA_256", ciphertext.subarray(1)), undefined);
    assert.equal(rsaOaepDecrypt(privateKeyDer, "RSAES_OAEP_SHA_256", Buffer.alloc(256, 0xff)), undefined);
    assert.equal(rsaOaepDecrypt(privateKeyDer, "RSAES_OAEP_SHA_256", Buffer.alloc(0)), undefined);
  });

  it("refuses a key that is not RSA", () => {
    assert.throws(() => rsaOaepEncrypt(ecPair.publicKeyDer, "RSAES_OAEP_SHA_256", Buffer.from("x")), (error: unknown) => error instanceof KmsCryptoError && error.code === "ERR_KEY_ALGORITHM");
  });
});

describe("imported key material", () => {
  for (const spec of SPECS) {
    for (const algorithm of WRAPPINGS) {
      it(`${spec} ${algorithm}: unwraps what wrapMaterialForImport wrapped`, () => {
        const { privateKeyDer, publicKeyDer } = pair(spec);
        const material = randomBytes(32);
        const wrapped = wrapMaterialForImport(publicKeyDer, algorithm, material);
        assert.deepEqual(unwrapImportedMaterial(privateKeyDer, algorithm, wrapped), material);
      });
    }
  }

  it("wraps material longer than OAEP takes (an RSA private key) with RSA_AES_KEY_WRAP", async () => {
    const { privateKeyDer, publicKeyDer } = pair("RSA_2048");
    const material = (await generateKeyPairMaterial("RSA_2048")).privateKeyDer;
    for (const algorithm of ["RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256"] as const) {
      assert.deepEqual(unwrapImportedMaterial(privateKeyDer, algorithm, wrapMaterialForImport(publicKeyDer, algorithm, material)), material);
    }
    assert.throws(() => wrapMaterialForImport(publicKeyDer, "RSAES_OAEP_SHA_256", material), (error: unknown) => error instanceof KmsCryptoError && error.code === "ERR_PLAINTEXT_LENGTH");
  });

  for (const algorithm of ["RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256"] as const) {
    it(`${algorithm}: unwraps what openssl makes as AWS documents, and openssl unwraps ours`, () => {
      const { privateKeyDer, publicKeyDer } = pair("RSA_3072");
      const material = randomBytes(45); // not a multiple of 8: exercises RFC 5649 padding
      const aesKey = randomBytes(32);
      const wrappedAesKey = opensslOut("pkeyutl", "-encrypt", "-pubin", "-inkey", publicPem(publicKeyDer), ...oaepOptions(algorithm), "-in", file(aesKey));
      const wrappedMaterial = opensslOut("enc", "-id-aes256-wrap-pad", "-K", aesKey.toString("hex"), "-iv", "A65959A6", "-in", file(material));
      assert.deepEqual(unwrapImportedMaterial(privateKeyDer, algorithm, Buffer.concat([wrappedAesKey, wrappedMaterial])), material);

      const ours = wrapMaterialForImport(publicKeyDer, algorithm, material);
      const theirAesKey = opensslOut("pkeyutl", "-decrypt", "-inkey", privatePem(privateKeyDer), ...oaepOptions(algorithm), "-in", file(ours.subarray(0, 384)));
      assert.equal(theirAesKey.length, 32);
      const theirMaterial = opensslOut("enc", "-d", "-id-aes256-wrap-pad", "-K", theirAesKey.toString("hex"), "-iv", "A65959A6", "-in", file(ours.subarray(384)));
      assert.deepEqual(theirMaterial, material);
    });
  }

  it("unwraps RSAES_OAEP material that openssl encrypted", () => {
    const { privateKeyDer, publicKeyDer } = pair("RSA_4096");
    const material = randomBytes(32);
    const encrypted = opensslOut("pkeyutl", "-encrypt", "-pubin", "-inkey", publicPem(publicKeyDer), ...oaepOptions("RSAES_OAEP_SHA_256"), "-in", file(material));
    assert.deepEqual(unwrapImportedMaterial(privateKeyDer, "RSAES_OAEP_SHA_256", encrypted), material);
  });

  it("returns undefined for a changed byte, another algorithm, another key, a truncated blob, and never throws", () => {
    const { privateKeyDer, publicKeyDer } = pair("RSA_2048");
    const material = randomBytes(32);
    const wrapped = wrapMaterialForImport(publicKeyDer, "RSA_AES_KEY_WRAP_SHA_256", material);
    assert.equal(unwrapImportedMaterial(privateKeyDer, "RSA_AES_KEY_WRAP_SHA_256", flipped(wrapped, 10)), undefined, "RSA part");
    assert.equal(unwrapImportedMaterial(privateKeyDer, "RSA_AES_KEY_WRAP_SHA_256", flipped(wrapped, 260)), undefined, "AES key wrap part");
    assert.equal(unwrapImportedMaterial(privateKeyDer, "RSA_AES_KEY_WRAP_SHA_1", wrapped), undefined);
    assert.equal(unwrapImportedMaterial(privateKeyDer, "RSAES_OAEP_SHA_256", wrapped), undefined);
    assert.equal(unwrapImportedMaterial(pair("RSA_3072").privateKeyDer, "RSA_AES_KEY_WRAP_SHA_256", wrapped), undefined);
    assert.equal(unwrapImportedMaterial(privateKeyDer, "RSA_AES_KEY_WRAP_SHA_256", wrapped.subarray(0, 256)), undefined);
    assert.equal(unwrapImportedMaterial(privateKeyDer, "RSA_AES_KEY_WRAP_SHA_256", wrapped.subarray(0, wrapped.length - 3)), undefined);
    assert.equal(unwrapImportedMaterial(privateKeyDer, "RSA_AES_KEY_WRAP_SHA_256", Buffer.alloc(0)), undefined);
    assert.equal(unwrapImportedMaterial(Buffer.from("not a key"), "RSA_AES_KEY_WRAP_SHA_256", wrapped), undefined);
    assert.equal(unwrapImportedMaterial(ecPair.privateKeyDer, "RSAES_OAEP_SHA_256", wrapped), undefined);
  });
});

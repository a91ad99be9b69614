// KMS Sign and Verify, per key spec and signing algorithm: RAW and DIGEST of one message verify
// under each other and under `openssl`, signatures openssl makes verify here, and a changed byte,
// another message or a malformed signature is refused.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { ed25519ph } from "@noble/curves/ed25519.js";
import {
  generateKeyPairMaterial, kmsSign, kmsVerify, signingAlgorithmsFor, KmsCryptoError,
  type AsymmetricKeySpec, type SigningAlgorithm,
} from "../../src/crypto/index.ts";
import { file, opensslOut, opensslSucceeds, privatePem, publicPem } from "./kms-openssl.ts";

type Pair = { privateKeyDer: Buffer; publicKeyDer: Buffer };
const SPECS: AsymmetricKeySpec[] = ["RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "ECC_NIST_EDWARDS25519"];
const pairs = new Map<AsymmetricKeySpec, Pair>();
const message = Buffer.from("Transfer 100 EUR to account 111122223333, reference KMS-lab.");

before(async () => {
  const made = await Promise.all(SPECS.map((spec) => generateKeyPairMaterial(spec)));
  SPECS.forEach((spec, i) => pairs.set(spec, made[i]!));
});

function pair(spec: AsymmetricKeySpec): Pair {
  return pairs.get(spec)!;
}

const HASHES = { sha256: 32, sha384: 48, sha512: 64 } as const;
function hashOf(algorithm: SigningAlgorithm): keyof typeof HASHES {
  return algorithm.endsWith("384") ? "sha384" : algorithm.endsWith("512") ? "sha512" : "sha256";
}

function digest(algorithm: SigningAlgorithm, data: Uint8Array = message): Buffer {
  return createHash(hashOf(algorithm)).update(data).digest();
}

/** Whether `openssl` verifies the signature of `message` under the public key. */
function opensslVerifies(publicKeyDer: Buffer, algorithm: SigningAlgorithm, signature: Buffer): boolean {
  const pub = publicPem(publicKeyDer);
  const sig = file(signature, "sig");
  if (algorithm === "ED25519_SHA_512") return opensslSucceeds("pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-in", file(message), "-sigfile", sig);
  const pss = algorithm.startsWith("RSASSA_PSS_") ? ["-sigopt", "rsa_padding_mode:pss", "-sigopt", `rsa_pss_saltlen:${HASHES[hashOf(algorithm)]}`] : [];
  return opensslSucceeds("dgst", `-${hashOf(algorithm)}`, ...pss, "-verify", pub, "-signature", sig, file(message));
}

function refusedWith(code: string) {
  return (error: unknown) => error instanceof KmsCryptoError && error.code === code;
}

describe("kmsSign and kmsVerify", () => {
  for (const spec of SPECS) {
    for (const algorithm of signingAlgorithmsFor(spec)) {
      const types = algorithm === "ED25519_SHA_512" ? (["RAW"] as const) : (["RAW", "DIGEST"] as const);
      it(`${spec} ${algorithm}: ${types.join(" and ")} signatures verify either way and under openssl`, () => {
        const { privateKeyDer, publicKeyDer } = pair(spec);
        for (const signedAs of types) {
          const signature = kmsSign(privateKeyDer, algorithm, signedAs === "RAW" ? message : digest(algorithm), signedAs);
          assert.equal(kmsVerify(publicKeyDer, algorithm, message, "RAW", signature), true, `${signedAs} signature, RAW verify`);
          if (types.length === 2) assert.equal(kmsVerify(publicKeyDer, algorithm, digest(algorithm), "DIGEST", signature), true, `${signedAs} signature, DIGEST verify`);
          if (algorithm !== "ED25519_PH_SHA_512") assert.equal(opensslVerifies(publicKeyDer, algorithm, signature), true, `openssl verifies the ${signedAs} signature`);
        }
      });

      it(`${spec} ${algorithm}: refuses a changed byte, another message, a truncated or empty signature`, () => {
        const { privateKeyDer, publicKeyDer } = pair(spec);
        const signature = kmsSign(privateKeyDer, algorithm, message, "RAW");
        const changed = Buffer.from(signature);
        changed[Math.floor(changed.length / 2)]! ^= 0x10;
        for (const messageType of types) {
          const signed = messageType === "RAW" ? message : digest(algorithm);
          const other = messageType === "RAW" ? Buffer.from("another message") : digest(algorithm, Buffer.from("another message"));
          assert.equal(kmsVerify(publicKeyDer, algorithm, signed, messageType, changed), false);
          assert.equal(kmsVerify(publicKeyDer, algorithm, other, messageType, signature), false);
          assert.equal(kmsVerify(publicKeyDer, algorithm, signed, messageType, signature.subarray(0, signature.length - 1)), false);
          assert.equal(kmsVerify(publicKeyDer, algorithm, signed, messageType, Buffer.alloc(0)), false);
          assert.equal(kmsVerify(publicKeyDer, algorithm, signed, messageType, Buffer.alloc(signature.length, 0xff)), false);
        }
        const otherKey = spec === "RSA_2048" ? pair("RSA_3072") : spec.startsWith("RSA") ? pair("RSA_2048") : undefined;
        if (otherKey) assert.equal(kmsVerify(otherKey.publicKeyDer, algorithm, message, "RAW", signature), false);
      });
    }
  }

  it("verifies signatures that openssl makes, RAW and DIGEST", () => {
    const cases: Array<[AsymmetricKeySpec, SigningAlgorithm, string[]]> = [
      ["RSA_2048", "RSASSA_PSS_SHA_256", ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32"]],
      ["RSA_3072", "RSASSA_PKCS1_V1_5_SHA_384", []],
      ["RSA_4096", "RSASSA_PSS_SHA_512", ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:64"]],
      ["ECC_NIST_P256", "ECDSA_SHA_256", []],
      ["ECC_NIST_P384", "ECDSA_SHA_384", []],
      ["ECC_NIST_P521", "ECDSA_SHA_512", []],
      ["ECC_SECG_P256K1", "ECDSA_SHA_256", []],
    ];
    for (const [spec, algorithm, options] of cases) {
      const { privateKeyDer, publicKeyDer } = pair(spec);
      const signature = opensslOut("dgst", `-${hashOf(algorithm)}`, ...options, "-sign", privatePem(privateKeyDer), file(message));
      assert.equal(kmsVerify(publicKeyDer, algorithm, message, "RAW", signature), true, `${spec} ${algorithm} RAW`);
      assert.equal(kmsVerify(publicKeyDer, algorithm, digest(algorithm), "DIGEST", signature), true, `${spec} ${algorithm} DIGEST`);
    }
    const { privateKeyDer, publicKeyDer } = pair("ECC_NIST_EDWARDS25519");
    const signature = opensslOut("pkeyutl", "-sign", "-inkey", privatePem(privateKeyDer), "-rawin", "-in", file(message));
    assert.equal(kmsVerify(publicKeyDer, "ED25519_SHA_512", message, "RAW", signature), true);
  });

  it("signs RSASSA-PKCS1-v1_5 the same from RAW and from DIGEST (the scheme is deterministic)", () => {
    const { privateKeyDer } = pair("RSA_2048");
    assert.deepEqual(
      kmsSign(privateKeyDer, "RSASSA_PKCS1_V1_5_SHA_256", message, "RAW"),
      kmsSign(privateKeyDer, "RSASSA_PKCS1_V1_5_SHA_256", digest("RSASSA_PKCS1_V1_5_SHA_256"), "DIGEST"),
    );
  });

  it("does not take a PSS signature for PKCS#1 v1.5, nor the reverse", () => {
    const { privateKeyDer, publicKeyDer } = pair("RSA_2048");
    const pss = kmsSign(privateKeyDer, "RSASSA_PSS_SHA_256", message, "RAW");
    const pkcs1 = kmsSign(privateKeyDer, "RSASSA_PKCS1_V1_5_SHA_256", message, "RAW");
    assert.equal(kmsVerify(publicKeyDer, "RSASSA_PKCS1_V1_5_SHA_256", message, "RAW", pss), false);
    assert.equal(kmsVerify(publicKeyDer, "RSASSA_PSS_SHA_256", digest("RSASSA_PSS_SHA_256"), "DIGEST", pkcs1), false);
    assert.equal(kmsVerify(publicKeyDer, "RSASSA_PSS_SHA_384", message, "RAW", pss), false);
  });

  it("Ed25519ph matches RFC 8032 §7.3 (TEST abc), from RAW and from DIGEST", () => {
    const seed = "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42";
    const privateKeyDer = Buffer.from("302e020100300506032b657004220420" + seed, "hex");
    const publicKeyDer = Buffer.from("302a300506032b6570032100ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf", "hex");
    const expected = "98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae4131f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406";
    const abc = Buffer.from("abc");
    assert.equal(kmsSign(privateKeyDer, "ED25519_PH_SHA_512", abc, "RAW").toString("hex"), expected);
    assert.equal(kmsSign(privateKeyDer, "ED25519_PH_SHA_512", createHash("sha512").update(abc).digest(), "DIGEST").toString("hex"), expected);
    assert.equal(kmsVerify(publicKeyDer, "ED25519_PH_SHA_512", abc, "RAW", Buffer.from(expected, "hex")), true);
    assert.equal(kmsVerify(publicKeyDer, "ED25519_SHA_512", abc, "RAW", Buffer.from(expected, "hex")), false, "Ed25519ph is not pure Ed25519");
  });

  it("Ed25519ph agrees with @noble/curves' own ed25519ph on a generated key", () => {
    const { privateKeyDer, publicKeyDer } = pair("ECC_NIST_EDWARDS25519");
    const seed = privateKeyDer.subarray(privateKeyDer.length - 32);
    const publicKey = publicKeyDer.subarray(publicKeyDer.length - 32);
    assert.deepEqual(kmsSign(privateKeyDer, "ED25519_PH_SHA_512", message, "RAW"), Buffer.from(ed25519ph.sign(message, seed)));
    assert.equal(ed25519ph.verify(kmsSign(privateKeyDer, "ED25519_PH_SHA_512", digest("ED25519_PH_SHA_512"), "DIGEST"), message, publicKey), true);
  });

  it("refuses a DIGEST whose length is not the hash's, when signing and verifying", () => {
    const cases: Array<[AsymmetricKeySpec, SigningAlgorithm, number]> = [
      ["RSA_2048", "RSASSA_PSS_SHA_256", 48],
      ["RSA_2048", "RSASSA_PKCS1_V1_5_SHA_512", 32],
      ["ECC_NIST_P384", "ECDSA_SHA_384", 32],
      ["ECC_NIST_P256", "ECDSA_SHA_256", 0],
      ["ECC_NIST_EDWARDS25519", "ED25519_PH_SHA_512", 63],
    ];
    for (const [spec, algorithm, length] of cases) {
      const { privateKeyDer, publicKeyDer } = pair(spec);
      assert.throws(() => kmsSign(privateKeyDer, algorithm, Buffer.alloc(length, 1), "DIGEST"), refusedWith("ERR_DIGEST_LENGTH"), `${algorithm} ${length}`);
      assert.throws(() => kmsVerify(publicKeyDer, algorithm, Buffer.alloc(length, 1), "DIGEST", Buffer.alloc(64)), refusedWith("ERR_DIGEST_LENGTH"));
    }
  });

  it("refuses DIGEST for pure Ed25519", () => {
    const { privateKeyDer, publicKeyDer } = pair("ECC_NIST_EDWARDS25519");
    const sha512 = createHash("sha512").update(message).digest();
    assert.throws(() => kmsSign(privateKeyDer, "ED25519_SHA_512", sha512, "DIGEST"), refusedWith("ERR_MESSAGE_TYPE"));
    assert.throws(() => kmsVerify(publicKeyDer, "ED25519_SHA_512", sha512, "DIGEST", Buffer.alloc(64)), refusedWith("ERR_MESSAGE_TYPE"));
  });

  it("refuses an algorithm that AWS KMS does not offer for the key spec", () => {
    const cases: Array<[AsymmetricKeySpec, SigningAlgorithm]> = [
      ["ECC_NIST_P256", "ECDSA_SHA_384"],
      ["ECC_NIST_P521", "ECDSA_SHA_256"],
      ["RSA_2048", "ECDSA_SHA_256"],
      ["ECC_NIST_P256", "RSASSA_PSS_SHA_256"],
      ["RSA_2048", "ED25519_SHA_512"],
      ["ECC_NIST_EDWARDS25519", "ECDSA_SHA_512"],
    ];
    for (const [spec, algorithm] of cases) {
      const { privateKeyDer, publicKeyDer } = pair(spec);
      assert.throws(() => kmsSign(privateKeyDer, algorithm, message, "RAW"), refusedWith("ERR_KEY_ALGORITHM"), `${spec} ${algorithm}`);
      assert.throws(() => kmsVerify(publicKeyDer, algorithm, message, "RAW", Buffer.alloc(64)), refusedWith("ERR_KEY_ALGORITHM"));
    }
  });

  it("lists the signing algorithms AWS KMS offers per key spec", () => {
    assert.deepEqual(signingAlgorithmsFor("ECC_SECG_P256K1"), ["ECDSA_SHA_256"]);
    assert.deepEqual(signingAlgorithmsFor("ECC_NIST_EDWARDS25519"), ["ED25519_SHA_512", "ED25519_PH_SHA_512"]);
    assert.equal(signingAlgorithmsFor("RSA_4096").length, 6);
  });
});

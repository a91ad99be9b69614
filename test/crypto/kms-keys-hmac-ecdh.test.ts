// Key material by AWS KMS key spec, HMAC (GenerateMac / VerifyMac), ECDH (DeriveSharedSecret)
// against a key pair that node makes on the other side, and the recognition of public keys.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHmac, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync } from "node:crypto";
import {
  ecdhDerive, generateHmacKey, generateKeyPairMaterial, hmacCompute, hmacVerify, publicKeySpecOf, KmsCryptoError,
  type AsymmetricKeySpec, type HmacKeySpec, type MacAlgorithm,
} from "../../src/crypto/index.ts";
import { opensslOut, privatePem, publicPem } from "./kms-openssl.ts";

type Pair = { privateKeyDer: Buffer; publicKeyDer: Buffer };
const SPECS: AsymmetricKeySpec[] = ["RSA_2048", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "ECC_NIST_EDWARDS25519"];
const CURVES = { ECC_NIST_P256: "prime256v1", ECC_NIST_P384: "secp384r1", ECC_NIST_P521: "secp521r1", ECC_SECG_P256K1: "secp256k1" } as const;
const pairs = new Map<AsymmetricKeySpec, Pair>();

before(async () => {
  const made = await Promise.all(SPECS.map((spec) => generateKeyPairMaterial(spec)));
  SPECS.forEach((spec, i) => pairs.set(spec, made[i]!));
});

function pair(spec: AsymmetricKeySpec): Pair {
  return pairs.get(spec)!;
}

function refusedWith(code: string) {
  return (error: unknown) => error instanceof KmsCryptoError && error.code === code;
}

describe("key material", () => {
  it("makes key pairs of each spec: PKCS#8 DER private keys, SPKI DER public keys of that spec", () => {
    for (const spec of SPECS) {
      const { privateKeyDer, publicKeyDer } = pair(spec);
      const privateKey = createPrivateKey({ key: privateKeyDer, format: "der", type: "pkcs8" });
      assert.deepEqual(createPublicKey(privateKey).export({ type: "spki", format: "der" }), publicKeyDer, spec);
      assert.equal(publicKeySpecOf(publicKeyDer), spec);
    }
    const rsa = createPublicKey({ key: pair("RSA_2048").publicKeyDer, format: "der", type: "spki" });
    assert.equal(rsa.asymmetricKeyDetails?.publicExponent, 65537n);
  });

  it("makes the RSA sizes and a fresh pair each time", async () => {
    const [a, b] = await Promise.all([generateKeyPairMaterial("RSA_3072"), generateKeyPairMaterial("ECC_NIST_P256")]);
    assert.equal(publicKeySpecOf(a!.publicKeyDer), "RSA_3072");
    assert.notDeepEqual(b!.publicKeyDer, pair("ECC_NIST_P256").publicKeyDer);
  });

  it("makes HMAC keys of 28, 32, 48 and 64 random bytes", () => {
    const sizes: Record<HmacKeySpec, number> = { HMAC_224: 28, HMAC_256: 32, HMAC_384: 48, HMAC_512: 64 };
    for (const [spec, bytes] of Object.entries(sizes) as Array<[HmacKeySpec, number]>) assert.equal(generateHmacKey(spec).length, bytes);
    assert.notDeepEqual(generateHmacKey("HMAC_256"), generateHmacKey("HMAC_256"));
  });
});

describe("publicKeySpecOf", () => {
  it("names the spec of keys made elsewhere and refuses what is not exactly one SPKI DER key", () => {
    const p384 = generateKeyPairSync("ec", { namedCurve: "secp384r1" }).publicKey.export({ type: "spki", format: "der" });
    assert.equal(publicKeySpecOf(p384), "ECC_NIST_P384");
    assert.equal(publicKeySpecOf(Buffer.concat([p384, Buffer.of(0)])), undefined, "trailing bytes");
    assert.equal(publicKeySpecOf(p384.subarray(0, p384.length - 1)), undefined, "truncated");
    assert.equal(publicKeySpecOf(Buffer.from(createPublicKey({ key: p384, format: "der", type: "spki" }).export({ type: "spki", format: "pem" }))), undefined, "PEM is not DER");
    assert.equal(publicKeySpecOf(Buffer.alloc(0)), undefined);
    assert.equal(publicKeySpecOf(Buffer.from("not a key at all")), undefined);
    const rsa1024 = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "der" });
    assert.equal(publicKeySpecOf(rsa1024), undefined, "no KMS spec for RSA 1024");
    const x25519 = generateKeyPairSync("x25519").publicKey.export({ type: "spki", format: "der" });
    assert.equal(publicKeySpecOf(x25519), undefined);
  });
});

describe("HMAC", () => {
  it("matches RFC 4231 test case 2", () => {
    const key = Buffer.from("Jefe");
    const data = Buffer.from("what do ya want for nothing?");
    assert.equal(hmacCompute(key, "HMAC_SHA_224", data).toString("hex"), "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44");
    assert.equal(hmacCompute(key, "HMAC_SHA_256", data).toString("hex"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assert.equal(
      hmacCompute(key, "HMAC_SHA_512", data).toString("hex"),
      "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
    );
  });

  it("verifies its MACs for each algorithm, and refuses another message, key, algorithm, a changed or truncated MAC", () => {
    const algorithms: Array<[MacAlgorithm, HmacKeySpec, string, number]> = [
      ["HMAC_SHA_224", "HMAC_224", "sha224", 28],
      ["HMAC_SHA_256", "HMAC_256", "sha256", 32],
      ["HMAC_SHA_384", "HMAC_384", "sha384", 48],
      ["HMAC_SHA_512", "HMAC_512", "sha512", 64],
    ];
    const message = Buffer.from("GenerateMac message");
    for (const [algorithm, spec, hash, length] of algorithms) {
      const key = generateHmacKey(spec);
      const mac = hmacCompute(key, algorithm, message);
      assert.equal(mac.length, length);
      assert.deepEqual(mac, createHmac(hash, key).update(message).digest());
      assert.equal(hmacVerify(key, algorithm, message, mac), true);
      assert.equal(hmacVerify(key, algorithm, Buffer.from("another message"), mac), false);
      assert.equal(hmacVerify(generateHmacKey(spec), algorithm, message, mac), false);
      const changed = Buffer.from(mac);
      changed[length - 1]! ^= 0x80;
      assert.equal(hmacVerify(key, algorithm, message, changed), false);
      assert.equal(hmacVerify(key, algorithm, message, mac.subarray(0, length - 1)), false);
      assert.equal(hmacVerify(key, algorithm, message, Buffer.alloc(0)), false);
      const other = algorithm === "HMAC_SHA_256" ? "HMAC_SHA_384" : "HMAC_SHA_256";
      assert.equal(hmacVerify(key, other, message, mac), false);
    }
  });
});

describe("ECDH", () => {
  for (const [spec, namedCurve] of Object.entries(CURVES) as Array<[keyof typeof CURVES, string]>) {
    it(`${spec}: agrees with a peer key pair made by node`, () => {
      const { privateKeyDer, publicKeyDer } = pair(spec);
      const peer = generateKeyPairSync("ec", { namedCurve });
      const ours = ecdhDerive(privateKeyDer, peer.publicKey.export({ type: "spki", format: "der" }));
      const theirs = diffieHellman({ privateKey: peer.privateKey, publicKey: createPublicKey({ key: publicKeyDer, format: "der", type: "spki" }) });
      assert.deepEqual(ours, theirs);
      assert.equal(ours.length, { ECC_NIST_P256: 32, ECC_NIST_P384: 48, ECC_NIST_P521: 66, ECC_SECG_P256K1: 32 }[spec]);
    });
  }

  it("agrees with openssl pkeyutl -derive", () => {
    const { privateKeyDer } = pair("ECC_NIST_P384");
    const peer = generateKeyPairSync("ec", { namedCurve: "secp384r1" });
    const peerDer = peer.publicKey.export({ type: "spki", format: "der" });
    assert.deepEqual(ecdhDerive(privateKeyDer, peerDer), opensslOut("pkeyutl", "-derive", "-inkey", privatePem(privateKeyDer), "-peerkey", publicPem(peerDer)));
  });

  it("refuses a peer key on another curve, of another type, off the curve, or malformed", () => {
    const { privateKeyDer } = pair("ECC_NIST_P256");
    const p384 = generateKeyPairSync("ec", { namedCurve: "secp384r1" }).publicKey.export({ type: "spki", format: "der" });
    const p256 = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey.export({ type: "spki", format: "der" });
    const offCurve = Buffer.from(p256);
    offCurve[offCurve.length - 1]! ^= 0x01;
    const peers: Array<[string, Buffer]> = [
      ["another curve", p384],
      ["secp256k1, the same size", pair("ECC_SECG_P256K1").publicKeyDer],
      ["an RSA key", pair("RSA_2048").publicKeyDer],
      ["an Ed25519 key", pair("ECC_NIST_EDWARDS25519").publicKeyDer],
      ["a point off the curve", offCurve],
      ["trailing bytes", Buffer.concat([p256, Buffer.of(0)])],
      ["garbage", Buffer.from("not a key")],
      ["nothing", Buffer.alloc(0)],
    ];
    for (const [name, peer] of peers) assert.throws(() => ecdhDerive(privateKeyDer, peer), refusedWith("ERR_PEER_KEY"), name);
  });

  it("refuses a KMS key that is not an elliptic curve key", () => {
    const peer = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey.export({ type: "spki", format: "der" });
    assert.throws(() => ecdhDerive(pair("ECC_NIST_EDWARDS25519").privateKeyDer, peer), refusedWith("ERR_KEY_ALGORITHM"));
    assert.throws(() => ecdhDerive(pair("RSA_2048").privateKeyDer, peer), refusedWith("ERR_KEY_ALGORITHM"));
  });
});

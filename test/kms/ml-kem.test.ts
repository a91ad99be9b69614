// ML-KEM keys (FIPS 203) through the AWS SDK, as AWS KMS has them: a key of ML_KEM_512/768/1024
// with KeyUsage ENCAPSULATE_DECAPSULATE publishes its encapsulation key (SubjectPublicKeyInfo,
// read back by the openssl CLI's DER parser); a party outside KMS encapsulates a secret to it with
// @noble/post-quantum and KMS decapsulates the same secret; Encapsulate in KMS gives a secret the
// key decapsulates; a changed ciphertext gives another secret without an error (implicit
// rejection), one of the wrong length InvalidCiphertextException; data key pairs come as PKCS#8 in
// the seed form. Refusals in AWS's words.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import {
  CreateGrantCommand,
  CreateKeyCommand,
  DecapsulateCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncapsulateCommand,
  EncryptCommand,
  GenerateDataKeyPairCommand,
  GetKeyLastUsageCommand,
  GetPublicKeyCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { ml_kem1024, ml_kem512, ml_kem768 } from "@noble/post-quantum/ml-kem.js";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { kmsClient, refusal } from "./helpers.ts";

let federa: RunningFedera;
let kms: KMSClient;

before(async () => {
  federa = await startFedera();
  kms = kmsClient(federa.url);
});
after(() => federa.stop());

const SPECS = [
  { spec: "ML_KEM_512", suite: ml_kem512, oid: "2.16.840.1.101.3.4.4.1", publicBytes: 800, ciphertextBytes: 768 },
  { spec: "ML_KEM_768", suite: ml_kem768, oid: "2.16.840.1.101.3.4.4.2", publicBytes: 1184, ciphertextBytes: 1088 },
  { spec: "ML_KEM_1024", suite: ml_kem1024, oid: "2.16.840.1.101.3.4.4.3", publicBytes: 1568, ciphertextBytes: 1568 },
] as const;

const newKey = async (spec: (typeof SPECS)[number]["spec"]) => (await kms.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: "ENCAPSULATE_DECAPSULATE" }))).KeyMetadata!;
const decapsulate = async (keyId: string, ciphertext: Uint8Array) =>
  Buffer.from((await kms.send(new DecapsulateCommand({ KeyId: keyId, SharedSecretCiphertextBlob: ciphertext, EncapsulationAlgorithm: "ML_KEM" }))).SharedSecret!);

/** What the openssl CLI's DER parser reads in `der`, one line per element. */
async function asn1(der: Uint8Array): Promise<string> {
  const child = execFile("openssl", ["asn1parse", "-inform", "DER"]);
  child.stdin!.end(Buffer.from(der));
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  await new Promise<void>((resolve, reject) => child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`openssl asn1parse exited ${code}`)))));
  return out;
}

describe("ML-KEM keys", () => {
  it("are made for ENCAPSULATE_DECAPSULATE and publish their encapsulation key as SubjectPublicKeyInfo", async () => {
    for (const { spec, oid, publicBytes } of SPECS) {
      const created = await newKey(spec);
      assert.deepEqual([created.KeySpec, created.KeyUsage, created.EncapsulationAlgorithms], [spec, "ENCAPSULATE_DECAPSULATE", ["ML_KEM"]]);
      assert.equal(created.CustomerMasterKeySpec, undefined, "the deprecated enum has no ML-KEM value");
      assert.equal(created.EncryptionAlgorithms, undefined);
      assert.deepEqual((await kms.send(new DescribeKeyCommand({ KeyId: created.KeyId }))).KeyMetadata!.EncapsulationAlgorithms, ["ML_KEM"]);
      const published = await kms.send(new GetPublicKeyCommand({ KeyId: created.KeyId }));
      assert.deepEqual([published.KeySpec, published.KeyUsage, published.EncapsulationAlgorithms], [spec, "ENCAPSULATE_DECAPSULATE", ["ML_KEM"]]);
      const parsed = await asn1(published.PublicKey!);
      assert.match(parsed, new RegExp(`OBJECT\\s+:${oid.replace(/\./g, "\\.")}\\n`));
      assert.match(parsed, new RegExp(`prim: BIT STRING`));
      assert.equal(published.PublicKey!.length, publicBytes + 22, "SEQUENCE, algorithm, BIT STRING around the raw key");
    }
  });

  it("decapsulates a secret that a party outside KMS encapsulated to the public key", async () => {
    for (const { spec, suite, ciphertextBytes } of SPECS) {
      const key = await newKey(spec);
      const der = Buffer.from((await kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId }))).PublicKey!);
      const { cipherText, sharedSecret } = suite.encapsulate(der.subarray(22));
      assert.equal(cipherText.length, ciphertextBytes);
      assert.deepEqual(await decapsulate(key.KeyId!, cipherText), Buffer.from(sharedSecret), spec);
    }
  });

  it("encapsulates in KMS: a 32-byte secret and a ciphertext of the spec's length, which the key decapsulates", async () => {
    const key = await newKey("ML_KEM_768");
    const out = await kms.send(new EncapsulateCommand({ KeyId: key.Arn, EncapsulationAlgorithm: "ML_KEM" }));
    assert.equal(out.KeyId, key.Arn);
    assert.equal(out.EncapsulationAlgorithm, "ML_KEM");
    assert.equal(out.SharedSecret!.length, 32);
    assert.equal(out.SharedSecretCiphertextBlob!.length, 1088);
    assert.deepEqual(await decapsulate(key.KeyId!, out.SharedSecretCiphertextBlob!), Buffer.from(out.SharedSecret!));
    const usage = await kms.send(new GetKeyLastUsageCommand({ KeyId: key.KeyId }));
    assert.equal(usage.KeyLastUsage!.Operation, "Decapsulate");
  });

  it("rejects implicitly: a changed ciphertext gives another secret, a ciphertext of the wrong length InvalidCiphertextException", async () => {
    const key = await newKey("ML_KEM_512");
    const out = await kms.send(new EncapsulateCommand({ KeyId: key.KeyId, EncapsulationAlgorithm: "ML_KEM" }));
    const changed = Buffer.from(out.SharedSecretCiphertextBlob!);
    changed[100]! ^= 0x01;
    const other = await decapsulate(key.KeyId!, changed);
    assert.equal(other.length, 32);
    assert.notDeepEqual(other, Buffer.from(out.SharedSecret!));
    const otherKey = await newKey("ML_KEM_512");
    assert.notDeepEqual(await decapsulate(otherKey.KeyId!, out.SharedSecretCiphertextBlob!), Buffer.from(out.SharedSecret!));
    const short = await refusal(decapsulate(key.KeyId!, out.SharedSecretCiphertextBlob!.subarray(1)));
    assert.equal(short.name, "InvalidCiphertextException");
    const longer = await refusal(decapsulate(key.KeyId!, Buffer.concat([out.SharedSecretCiphertextBlob!, Buffer.of(0)])));
    assert.equal(longer.name, "InvalidCiphertextException");
  });

  it("refuses other usages, other keys, DryRun and imported material in AWS's words", async () => {
    const key = await newKey("ML_KEM_1024");
    const symmetric = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    assert.deepEqual(await refusal(kms.send(new EncapsulateCommand({ KeyId: symmetric.KeyId, EncapsulationAlgorithm: "ML_KEM" }))), {
      name: "InvalidKeyUsageException",
      message: `${symmetric.Arn} key usage is ENCRYPT_DECRYPT which is not valid for Encapsulate.`,
      status: 400,
    });
    assert.deepEqual(await refusal(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from("x") }))), {
      name: "InvalidKeyUsageException",
      message: `${key.Arn} key usage is ENCAPSULATE_DECAPSULATE which is not valid for Encrypt.`,
      status: 400,
    });
    assert.equal((await refusal(kms.send(new EncapsulateCommand({ KeyId: key.KeyId, EncapsulationAlgorithm: "ML_KEM", DryRun: true })))).name, "DryRunOperationException");
    const noAlgorithm = await refusal(kms.send(new EncapsulateCommand({ KeyId: key.KeyId } as unknown as ConstructorParameters<typeof EncapsulateCommand>[0])));
    assert.deepEqual(noAlgorithm, { name: "ValidationException", message: "1 validation error detected: Value null at 'encapsulationAlgorithm' failed to satisfy constraint: Member must not be null", status: 400 });
    const noUsage = await refusal(kms.send(new CreateKeyCommand({ KeySpec: "ML_KEM_768" })));
    assert.deepEqual(noUsage, { name: "ValidationException", message: "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.", status: 400 });
    const wrongUsage = await refusal(kms.send(new CreateKeyCommand({ KeySpec: "ML_KEM_768", KeyUsage: "SIGN_VERIFY" })));
    assert.deepEqual(wrongUsage, { name: "ValidationException", message: "KeyUsage SIGN_VERIFY is not compatible with KeySpec ML_KEM_768", status: 400 });
    const imported = await refusal(kms.send(new CreateKeyCommand({ KeySpec: "ML_KEM_768", KeyUsage: "ENCAPSULATE_DECAPSULATE", Origin: "EXTERNAL" })));
    assert.deepEqual(imported, { name: "UnsupportedOperationException", message: "KeySpec ML_KEM_768 is not supported for Origin EXTERNAL.", status: 400 });
  });

  it("accepts grants for Encapsulate and Decapsulate, and refuses grant operations the key cannot do", async () => {
    const key = await newKey("ML_KEM_768");
    const grantee = "arn:aws:iam::111122223333:role/ADFS-Developers";
    const granted = await kms.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: grantee, Operations: ["Encapsulate", "Decapsulate", "GetPublicKey"] }));
    assert.match(granted.GrantId!, /^[0-9a-f]{64}$/);
    const refused = await refusal(kms.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: grantee, Operations: ["Encrypt"] })));
    assert.equal(refused.name, "ValidationException");
  });
});

describe("ML-KEM data key pairs", () => {
  it("come as PKCS#8 in the seed form (86 bytes for every spec), whose seed gives the public key, sealed under a symmetric key", async () => {
    const wrapping = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    for (const { spec, suite, oid } of SPECS) {
      const pair = await kms.send(new GenerateDataKeyPairCommand({ KeyId: wrapping.KeyId, KeyPairSpec: spec, EncryptionContext: { purpose: "ml-kem" } }));
      assert.equal(pair.KeyPairSpec, spec);
      const privateKey = Buffer.from(pair.PrivateKeyPlaintext!);
      assert.equal(privateKey.length, 86, spec);
      const parsed = await asn1(privateKey);
      assert.match(parsed, new RegExp(`OBJECT\\s+:${oid.replace(/\./g, "\\.")}\\n`));
      assert.match(parsed, /prim: OCTET STRING/);
      const seed = privateKey.subarray(privateKey.length - 64);
      assert.equal(privateKey.subarray(18, 22).toString("hex"), "04428040", "OCTET STRING { [0] 64 bytes }");
      const { publicKey } = suite.keygen(seed);
      assert.deepEqual(Buffer.from(pair.PublicKey!).subarray(22), Buffer.from(publicKey));
      const opened = await kms.send(new DecryptCommand({ CiphertextBlob: pair.PrivateKeyCiphertextBlob, EncryptionContext: { purpose: "ml-kem" } }));
      assert.deepEqual(Buffer.from(opened.Plaintext!), privateKey);
    }
  });
});

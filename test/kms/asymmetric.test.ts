// Asymmetric keys through the AWS SDK: Sign and Verify with every signing algorithm, RAW and
// DIGEST, checked outside KMS with node:crypto, @noble/curves (Ed25519ph) and the openssl CLI;
// GetPublicKey; RSAES-OAEP with the public key outside KMS and Decrypt inside; data key pairs that
// Decrypt opens; ECDH shared secrets that match node's diffieHellman; and every refusal in AWS's
// words (key usage, algorithm, digest length, key state, authorization, DryRun).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { constants, createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, publicEncrypt, randomBytes, verify as nodeVerify, type KeyObject } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeriveSharedSecretCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GetPublicKeyCommand,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  VerifyCommand,
  type CreateKeyCommandInput,
  type DataKeyPairSpec,
  type KMSClient,
  type SigningAlgorithmSpec,
} from "@aws-sdk/client-kms";
import { ed25519ph } from "@noble/curves/ed25519.js";
import { ml_dsa65 } from "@noble/post-quantum/ml-dsa.js";
import { ASYMMETRIC_OPERATIONS } from "../../src/kms/api/operations-asymmetric.ts";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { federatedCredentials, kmsClient, LAB, refusal, type Credentials } from "./helpers.ts";

const run = promisify(execFile);

let federa: RunningFedera;
let kms: KMSClient;
let developer: KMSClient;
let auditor: KMSClient;
let workDir: string;

interface Key {
  id: string;
  arn: string;
}

const keys = {} as Record<
  "rsa2048" | "rsa3072" | "rsa2048Enc" | "p256" | "p384" | "p521" | "k256" | "ed25519" | "p256Agree" | "p384Agree" | "p521Agree" | "symmetric" | "rsaPolicy" | "pairPolicy",
  Key
>;

let rsa4096Enc: Promise<Key>;

const DEVELOPERS = `arn:aws:iam::${LAB}:role/ADFS-Developers`;
const rootStatement = { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LAB}:root` }, Action: "kms:*", Resource: "*" };

async function createKey(input: CreateKeyCommandInput): Promise<Key> {
  const m = (await kms.send(new CreateKeyCommand(input))).KeyMetadata!;
  return { id: m.KeyId!, arn: m.Arn! };
}

before(async () => {
  federa = await startFedera();
  kms = kmsClient(federa.url);
  workDir = mkdtempSync(join(tmpdir(), "federa-asymmetric-"));
  const specs: [Exclude<keyof typeof keys, never>, CreateKeyCommandInput][] = [
    ["rsa2048", { KeySpec: "RSA_2048", KeyUsage: "SIGN_VERIFY" }],
    ["rsa3072", { KeySpec: "RSA_3072", KeyUsage: "SIGN_VERIFY" }],
    ["rsa2048Enc", { KeySpec: "RSA_2048", KeyUsage: "ENCRYPT_DECRYPT" }],
    ["p256", { KeySpec: "ECC_NIST_P256", KeyUsage: "SIGN_VERIFY" }],
    ["p384", { KeySpec: "ECC_NIST_P384", KeyUsage: "SIGN_VERIFY" }],
    ["p521", { KeySpec: "ECC_NIST_P521", KeyUsage: "SIGN_VERIFY" }],
    ["k256", { KeySpec: "ECC_SECG_P256K1", KeyUsage: "SIGN_VERIFY" }],
    ["ed25519", { KeySpec: "ECC_NIST_EDWARDS25519", KeyUsage: "SIGN_VERIFY" }],
    ["p256Agree", { KeySpec: "ECC_NIST_P256", KeyUsage: "KEY_AGREEMENT" }],
    ["p384Agree", { KeySpec: "ECC_NIST_P384", KeyUsage: "KEY_AGREEMENT" }],
    ["p521Agree", { KeySpec: "ECC_NIST_P521", KeyUsage: "KEY_AGREEMENT" }],
    ["symmetric", {}],
    // Developers may sign with this key only with RSASSA_PSS_SHA_256 and RAW messages.
    [
      "rsaPolicy",
      {
        KeySpec: "RSA_2048",
        KeyUsage: "SIGN_VERIFY",
        Policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            rootStatement,
            {
              Sid: "PssOnly",
              Effect: "Allow",
              Principal: { AWS: DEVELOPERS },
              Action: ["kms:Sign", "kms:Verify"],
              Resource: "*",
              Condition: { StringEquals: { "kms:SigningAlgorithm": "RSASSA_PSS_SHA_256", "kms:MessageType": "RAW" } },
            },
          ],
        }),
      },
    ],
    // Developers (whose IAM policy allows kms:GenerateDataKey*) get only P-256 data key pairs.
    [
      "pairPolicy",
      {
        Policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            rootStatement,
            {
              Sid: "P256PairsOnly",
              Effect: "Deny",
              Principal: { AWS: DEVELOPERS },
              Action: "kms:GenerateDataKeyPair*",
              Resource: "*",
              Condition: { StringNotEquals: { "kms:DataKeyPairSpec": "ECC_NIST_P256" } },
            },
          ],
        }),
      },
    ],
  ];
  // The one RSA_4096 key of this file: its generation takes seconds, so the tests that need it wait
  // for it while the others run.
  rsa4096Enc = createKey({ KeySpec: "RSA_4096", KeyUsage: "ENCRYPT_DECRYPT" });
  rsa4096Enc.catch(() => undefined);
  const [created, bob, erin] = await Promise.all([
    Promise.all(specs.map(([, input]) => createKey(input))),
    federatedCredentials(federa.url, "bob", "Bob!Passw0rd1", "ADFS-Developers"),
    federatedCredentials(federa.url, "erin", "Erin!Passw0rd1", "ADFS-Auditors"),
  ]);
  specs.forEach(([name], i) => (keys[name] = created[i]!));
  developer = kmsClient(federa.url, bob as Credentials);
  auditor = kmsClient(federa.url, erin as Credentials);
});

after(async () => {
  rmSync(workDir, { recursive: true, force: true });
  await federa.stop();
});

const publicKeyCache = new Map<string, KeyObject>();
async function publicKeyOf(key: Key): Promise<KeyObject> {
  let cached = publicKeyCache.get(key.id);
  if (!cached) {
    const out = await kms.send(new GetPublicKeyCommand({ KeyId: key.id }));
    cached = createPublicKey({ key: Buffer.from(out.PublicKey!), format: "der", type: "spki" });
    publicKeyCache.set(key.id, cached);
  }
  return cached;
}

const sha = (bits: number, data: Buffer) => createHash(`sha${bits}`).update(data).digest();
const hashBitsOf = (algorithm: string) => Number(algorithm.slice(-3));
const sign = (key: Key, message: Buffer, algorithm: SigningAlgorithmSpec, messageType: "RAW" | "DIGEST" = "RAW", client = kms) =>
  client.send(new SignCommand({ KeyId: key.id, Message: message, SigningAlgorithm: algorithm, MessageType: messageType }));
const verify = (key: Key, message: Buffer, signature: Uint8Array, algorithm: SigningAlgorithmSpec, messageType: "RAW" | "DIGEST" = "RAW", client = kms) =>
  client.send(new VerifyCommand({ KeyId: key.id, Message: message, Signature: signature, SigningAlgorithm: algorithm, MessageType: messageType }));

/** node:crypto's verdict on a KMS signature of `message` (a DIGEST signature verifies against the message it digests). */
function verifiesLocally(publicKey: KeyObject, algorithm: string, message: Buffer, signature: Uint8Array): boolean {
  const hash = `sha${hashBitsOf(algorithm)}`;
  if (algorithm.startsWith("RSASSA_PSS_")) {
    return nodeVerify(hash, message, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: hashBitsOf(algorithm) / 8 }, signature);
  }
  if (algorithm.startsWith("ECDSA_")) return nodeVerify(hash, message, { key: publicKey, dsaEncoding: "der" }, signature);
  return nodeVerify(hash, message, publicKey, signature);
}

const RSA_ALGORITHMS: SigningAlgorithmSpec[] = [
  "RSASSA_PSS_SHA_256",
  "RSASSA_PSS_SHA_384",
  "RSASSA_PSS_SHA_512",
  "RSASSA_PKCS1_V1_5_SHA_256",
  "RSASSA_PKCS1_V1_5_SHA_384",
  "RSASSA_PKCS1_V1_5_SHA_512",
];

describe("GetPublicKey", () => {
  it("returns each key's SubjectPublicKeyInfo DER, spec, usage and algorithms, as DescribeKey lists them", async () => {
    const expected: [keyof typeof keys, string, Record<string, unknown>][] = [
      ["rsa2048", "rsa", { modulusLength: 2048 }],
      ["rsa3072", "rsa", { modulusLength: 3072 }],
      ["rsa2048Enc", "rsa", { modulusLength: 2048 }],
      ["p256", "ec", { namedCurve: "prime256v1" }],
      ["p384", "ec", { namedCurve: "secp384r1" }],
      ["p521", "ec", { namedCurve: "secp521r1" }],
      ["k256", "ec", { namedCurve: "secp256k1" }],
      ["ed25519", "ed25519", {}],
      ["p384Agree", "ec", { namedCurve: "secp384r1" }],
    ];
    for (const [name, type, details] of expected) {
      const key = keys[name];
      const out = await kms.send(new GetPublicKeyCommand({ KeyId: key.id }));
      const meta = (await kms.send(new DescribeKeyCommand({ KeyId: key.id }))).KeyMetadata!;
      const publicKey = createPublicKey({ key: Buffer.from(out.PublicKey!), format: "der", type: "spki" });
      assert.equal(publicKey.asymmetricKeyType, type, name);
      for (const [k, v] of Object.entries(details)) assert.equal((publicKey.asymmetricKeyDetails as Record<string, unknown>)[k], v, name);
      assert.deepEqual(Buffer.from(publicKey.export({ format: "der", type: "spki" })), Buffer.from(out.PublicKey!), `${name}: exactly one DER SPKI`);
      assert.equal(out.KeyId, key.arn);
      assert.equal(out.KeySpec, meta.KeySpec);
      assert.equal(out.CustomerMasterKeySpec, meta.KeySpec);
      assert.equal(out.KeyUsage, meta.KeyUsage);
      assert.deepEqual(out.SigningAlgorithms, meta.SigningAlgorithms, name);
      assert.deepEqual(out.EncryptionAlgorithms, meta.EncryptionAlgorithms, name);
      assert.deepEqual(out.KeyAgreementAlgorithms, meta.KeyAgreementAlgorithms, name);
    }
    const rsa = await kms.send(new GetPublicKeyCommand({ KeyId: keys.rsa2048Enc.arn }));
    assert.deepEqual(rsa.EncryptionAlgorithms, ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"]);
    assert.equal(rsa.SigningAlgorithms, undefined);
    const agree = await kms.send(new GetPublicKeyCommand({ KeyId: keys.p256Agree.id }));
    assert.deepEqual(agree.KeyAgreementAlgorithms, ["ECDH"]);
    assert.equal(agree.SigningAlgorithms, undefined);
    const ed = await kms.send(new GetPublicKeyCommand({ KeyId: keys.ed25519.id }));
    assert.deepEqual(ed.SigningAlgorithms, ["ED25519_SHA_512", "ED25519_PH_SHA_512"]);
  });

  it("finds the key by alias, and lets an auditor (kms:Get*) read it while a developer may not", async () => {
    await kms.send(new CreateAliasCommand({ AliasName: "alias/asymmetric-p256", TargetKeyId: keys.p256.id }));
    const byAlias = await kms.send(new GetPublicKeyCommand({ KeyId: "alias/asymmetric-p256" }));
    assert.equal(byAlias.KeyId, keys.p256.arn);
    const read = await auditor.send(new GetPublicKeyCommand({ KeyId: keys.p256.arn }));
    assert.equal(read.KeySpec, "ECC_NIST_P256");
    const refused = await refusal(developer.send(new GetPublicKeyCommand({ KeyId: keys.p256.arn })));
    assert.equal(refused.name, "AccessDeniedException");
    assert.equal(
      refused.message,
      `User: arn:aws:sts::${LAB}:assumed-role/ADFS-Developers/bob@corp.example.test is not authorized to perform: kms:GetPublicKey on resource: ${keys.p256.arn} because no identity-based policy allows the kms:GetPublicKey action`,
    );
  });

  it("refuses symmetric keys with UnsupportedOperationException, and unknown keys with NotFoundException", async () => {
    const refused = await refusal(kms.send(new GetPublicKeyCommand({ KeyId: keys.symmetric.id })));
    assert.deepEqual(refused, { name: "UnsupportedOperationException", message: `${keys.symmetric.arn} key spec is SYMMETRIC_DEFAULT which is not valid for GetPublicKey.`, status: 400 });
    const missing = "0b0b0b0b-1111-2222-3333-444444444444";
    const unknown = await refusal(kms.send(new GetPublicKeyCommand({ KeyId: missing })));
    assert.deepEqual(unknown, { name: "NotFoundException", message: `Key 'arn:aws:kms:us-east-1:${LAB}:key/${missing}' does not exist`, status: 400 });
  });
});

describe("Sign and Verify", () => {
  const message = Buffer.from("The quick brown fox signs the lazy dog's release manifest.");

  it("signs with every RSA algorithm, RAW and DIGEST alike, and node:crypto verifies each signature", async () => {
    const publicKey = await publicKeyOf(keys.rsa2048);
    for (const algorithm of RSA_ALGORITHMS) {
      const digest = sha(hashBitsOf(algorithm), message);
      const raw = await sign(keys.rsa2048, message, algorithm);
      assert.equal(raw.KeyId, keys.rsa2048.arn);
      assert.equal(raw.SigningAlgorithm, algorithm);
      assert.equal(raw.Signature!.length, 256);
      const fromDigest = await sign(keys.rsa2048, digest, algorithm, "DIGEST");
      for (const signature of [raw.Signature!, fromDigest.Signature!]) {
        assert.ok(verifiesLocally(publicKey, algorithm, message, signature), algorithm);
        // A signature made either way verifies either way.
        const byMessage = await verify(keys.rsa2048, message, signature, algorithm);
        assert.deepEqual([byMessage.KeyId, byMessage.SignatureValid, byMessage.SigningAlgorithm], [keys.rsa2048.arn, true, algorithm]);
        assert.equal((await verify(keys.rsa2048, digest, signature, algorithm, "DIGEST")).SignatureValid, true);
      }
    }
  });

  it("signs with an RSA_3072 key as well", async () => {
    const publicKey = await publicKeyOf(keys.rsa3072);
    for (const [algorithm, messageType] of [["RSASSA_PSS_SHA_384", "RAW"], ["RSASSA_PKCS1_V1_5_SHA_512", "DIGEST"]] as const) {
      const input = messageType === "RAW" ? message : sha(hashBitsOf(algorithm), message);
      const signed = await sign(keys.rsa3072, input, algorithm, messageType);
      assert.equal(signed.Signature!.length, 384);
      assert.ok(verifiesLocally(publicKey, algorithm, message, signed.Signature!));
    }
  });

  it("signs with ECDSA on every curve (DER signatures), RAW and DIGEST", async () => {
    for (const [name, algorithm] of [["p256", "ECDSA_SHA_256"], ["p384", "ECDSA_SHA_384"], ["p521", "ECDSA_SHA_512"], ["k256", "ECDSA_SHA_256"]] as const) {
      const key = keys[name];
      const publicKey = await publicKeyOf(key);
      const digest = sha(hashBitsOf(algorithm), message);
      for (const [input, messageType] of [[message, "RAW"], [digest, "DIGEST"]] as const) {
        const signed = await sign(key, input, algorithm, messageType);
        assert.equal(signed.Signature![0], 0x30, `${name}: a DER SEQUENCE`);
        assert.ok(verifiesLocally(publicKey, algorithm, message, signed.Signature!), `${name} ${messageType}`);
        assert.equal((await verify(key, message, signed.Signature!, algorithm)).SignatureValid, true);
        assert.equal((await verify(key, digest, signed.Signature!, algorithm, "DIGEST")).SignatureValid, true);
      }
    }
  });

  it("signs with Ed25519: pure ED25519_SHA_512 over RAW messages, ED25519_PH_SHA_512 over a digest that KMS hashes once more", async () => {
    const publicKey = await publicKeyOf(keys.ed25519);
    const pure = await sign(keys.ed25519, message, "ED25519_SHA_512");
    assert.equal(pure.Signature!.length, 64);
    assert.ok(nodeVerify(null, message, publicKey, pure.Signature!));
    assert.equal((await verify(keys.ed25519, message, pure.Signature!, "ED25519_SHA_512")).SignatureValid, true);

    const digest = sha(512, message);
    const prehashed = await sign(keys.ed25519, digest, "ED25519_PH_SHA_512", "DIGEST");
    const rawPublicKey = Buffer.from(publicKey.export({ format: "der", type: "spki" })).subarray(-32);
    // RFC 8032 Ed25519ph of the message `digest` (PH(digest) = SHA-512(digest)), as AWS documents.
    assert.ok(ed25519ph.verify(prehashed.Signature!, digest, rawPublicKey));
    assert.ok(!ed25519ph.verify(prehashed.Signature!, message, rawPublicKey));
    assert.equal((await verify(keys.ed25519, digest, prehashed.Signature!, "ED25519_PH_SHA_512", "DIGEST")).SignatureValid, true);

    const wrongType = await refusal(sign(keys.ed25519, digest, "ED25519_SHA_512", "DIGEST"));
    assert.deepEqual(wrongType, { name: "ValidationException", message: "Message type DIGEST is incompatible with algorithm ED25519_SHA_512.", status: 400 });
    const rawPh = await refusal(sign(keys.ed25519, message, "ED25519_PH_SHA_512"));
    assert.deepEqual(rawPh, { name: "ValidationException", message: "Message type RAW is incompatible with algorithm ED25519_PH_SHA_512.", status: 400 });
    const short = await refusal(sign(keys.ed25519, sha(256, message), "ED25519_PH_SHA_512", "DIGEST"));
    assert.deepEqual(short, { name: "ValidationException", message: "Digest is invalid length for algorithm ED25519_PH_SHA_512.", status: 400 });
  });

  it("makes signatures that the openssl CLI verifies (RSASSA-PSS and ECDSA)", async () => {
    const cases = [
      { key: keys.rsa2048, algorithm: "RSASSA_PSS_SHA_256", digest: "-sha256", options: ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest"] },
      { key: keys.p384, algorithm: "ECDSA_SHA_384", digest: "-sha384", options: [] },
    ] as const;
    const messagePath = join(workDir, "message.bin");
    const tamperedPath = join(workDir, "tampered.bin");
    writeFileSync(messagePath, message);
    writeFileSync(tamperedPath, Buffer.concat([message, Buffer.from("!")]));
    for (const { key, algorithm, digest, options } of cases) {
      const out = await kms.send(new GetPublicKeyCommand({ KeyId: key.id }));
      const pem = createPublicKey({ key: Buffer.from(out.PublicKey!), format: "der", type: "spki" }).export({ format: "pem", type: "spki" });
      const pemPath = join(workDir, `${key.id}.pem`);
      const signaturePath = join(workDir, `${key.id}.sig`);
      writeFileSync(pemPath, pem);
      writeFileSync(signaturePath, (await sign(key, message, algorithm)).Signature!);
      const ok = await run("openssl", ["dgst", digest, ...options, "-verify", pemPath, "-signature", signaturePath, messagePath]);
      assert.match(ok.stdout, /Verified OK/, algorithm);
      const bad = await run("openssl", ["dgst", digest, ...options, "-verify", pemPath, "-signature", signaturePath, tamperedPath]).catch((error: { code: number; stdout: string }) => error);
      assert.ok("code" in bad && bad.code !== 0 && /Verification failure/.test(bad.stdout), `${algorithm}: a changed message fails`);
    }
  });

  it("answers a signature that does not verify with KMSInvalidSignatureException, never SignatureValid false", async () => {
    const signed = await sign(keys.rsa2048, message, "RSASSA_PSS_SHA_256");
    const tampered = Buffer.from(signed.Signature!);
    tampered[10]! ^= 0x01;
    const otherKeys = (await sign(keys.rsaPolicy, message, "RSASSA_PSS_SHA_256")).Signature!;
    const attempts = [
      () => verify(keys.rsa2048, Buffer.concat([message, Buffer.of(0)]), signed.Signature!, "RSASSA_PSS_SHA_256"),
      () => verify(keys.rsa2048, message, tampered, "RSASSA_PSS_SHA_256"),
      () => verify(keys.rsa2048, message, signed.Signature!, "RSASSA_PKCS1_V1_5_SHA_256"),
      () => verify(keys.rsa2048, message, signed.Signature!, "RSASSA_PSS_SHA_384"),
      () => verify(keys.rsa2048, message, randomBytes(7), "RSASSA_PSS_SHA_256"),
      () => verify(keys.p256, message, randomBytes(70), "ECDSA_SHA_256"),
      () => verify(keys.ed25519, message, randomBytes(64), "ED25519_SHA_512"),
      // A signature of another key of the same spec.
      () => verify(keys.rsa2048, message, otherKeys, "RSASSA_PSS_SHA_256"),
    ];
    for (const attempt of attempts) {
      const refused = await refusal(attempt());
      // AWS sends this exception without a message; the SDK then says "UnknownError".
      assert.deepEqual(refused, { name: "KMSInvalidSignatureException", message: "UnknownError", status: 400 });
    }
  });

  it("refuses keys of another usage, and algorithms the key spec does not offer, with InvalidKeyUsageException", async () => {
    for (const [key, usage] of [[keys.rsa2048Enc, "ENCRYPT_DECRYPT"], [keys.symmetric, "ENCRYPT_DECRYPT"], [keys.p256Agree, "KEY_AGREEMENT"]] as const) {
      const refused = await refusal(sign(key, message, "RSASSA_PSS_SHA_256"));
      assert.deepEqual(refused, { name: "InvalidKeyUsageException", message: `${key.arn} key usage is ${usage} which is not valid for Sign.`, status: 400 });
      const refusedVerify = await refusal(verify(key, message, randomBytes(256), "RSASSA_PSS_SHA_256"));
      assert.equal(refusedVerify.message, `${key.arn} key usage is ${usage} which is not valid for Verify.`);
    }
    for (const [key, algorithm, spec] of [
      [keys.rsa2048, "ECDSA_SHA_256", "RSA_2048"],
      [keys.p256, "ECDSA_SHA_384", "ECC_NIST_P256"],
      [keys.p256, "RSASSA_PSS_SHA_256", "ECC_NIST_P256"],
      [keys.k256, "ED25519_SHA_512", "ECC_SECG_P256K1"],
      [keys.ed25519, "ECDSA_SHA_512", "ECC_NIST_EDWARDS25519"],
      [keys.rsa2048, "SM2DSA", "RSA_2048"],
      [keys.rsa2048, "ML_DSA_SHAKE_256", "RSA_2048"],
    ] as const) {
      const refused = await refusal(sign(key, message, algorithm));
      assert.deepEqual(refused, { name: "InvalidKeyUsageException", message: `Algorithm ${algorithm} is incompatible with key spec ${spec}.`, status: 400 });
      assert.equal((await refusal(verify(key, message, randomBytes(64), algorithm))).name, "InvalidKeyUsageException");
    }
  });

  it("refuses a digest of the wrong length, and messages outside 1–4,096 bytes, with ValidationException", async () => {
    for (const [key, algorithm, length] of [[keys.rsa2048, "RSASSA_PSS_SHA_256", 20], [keys.rsa2048, "RSASSA_PKCS1_V1_5_SHA_384", 32], [keys.p521, "ECDSA_SHA_512", 48], [keys.p256, "ECDSA_SHA_256", 33]] as const) {
      const refused = await refusal(sign(key, randomBytes(length), algorithm, "DIGEST"));
      assert.deepEqual(refused, { name: "ValidationException", message: `Digest is invalid length for algorithm ${algorithm}.`, status: 400 });
      assert.equal((await refusal(verify(key, randomBytes(length), randomBytes(64), algorithm, "DIGEST"))).message, `Digest is invalid length for algorithm ${algorithm}.`);
    }
    const big = await refusal(sign(keys.p256, randomBytes(4097), "ECDSA_SHA_256"));
    assert.deepEqual(big, { name: "ValidationException", message: "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length less than or equal to 4096", status: 400 });
    const signed4096 = await sign(keys.p256, Buffer.alloc(4096, 7), "ECDSA_SHA_256");
    assert.equal((await verify(keys.p256, Buffer.alloc(4096, 7), signed4096.Signature!, "ECDSA_SHA_256")).SignatureValid, true);
    const empty = await refusal(sign(keys.p256, Buffer.alloc(0), "ECDSA_SHA_256"));
    assert.deepEqual(empty, { name: "ValidationException", message: "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length greater than or equal to 1", status: 400 });
    const longSignature = await refusal(verify(keys.p256, message, randomBytes(6145), "ECDSA_SHA_256"));
    assert.equal(longSignature.message, "1 validation error detected: Value at 'signature' failed to satisfy constraint: Member must have length less than or equal to 6144");
  });

  it("checks SigningAlgorithm and MessageType against AWS's enums", async () => {
    const missing = await refusal(kms.send(new SignCommand({ KeyId: keys.p256.id, Message: message } as never)));
    assert.deepEqual(missing, { name: "ValidationException", message: "1 validation error detected: Value null at 'signingAlgorithm' failed to satisfy constraint: Member must not be null", status: 400 });
    const bogus = await refusal(sign(keys.p256, message, "ECDSA_SHA_1" as SigningAlgorithmSpec));
    assert.equal(bogus.name, "ValidationException");
    assert.match(bogus.message, /^1 validation error detected: Value 'ECDSA_SHA_1' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: \[RSASSA_PSS_SHA_256, .*ED25519_PH_SHA_512\]$/);
    const badType = await refusal(kms.send(new SignCommand({ KeyId: keys.p256.id, Message: message, SigningAlgorithm: "ECDSA_SHA_256", MessageType: "HASH" as never })));
    assert.deepEqual(badType, { name: "ValidationException", message: "1 validation error detected: Value 'HASH' at 'messageType' failed to satisfy constraint: Member must satisfy enum value set: [RAW, DIGEST, EXTERNAL_MU]", status: 400 });
    const mu = await refusal(kms.send(new SignCommand({ KeyId: keys.p256.id, Message: randomBytes(64), SigningAlgorithm: "ECDSA_SHA_256", MessageType: "EXTERNAL_MU" })));
    assert.deepEqual(mu, { name: "ValidationException", message: "Message type EXTERNAL_MU is incompatible with key spec ECC_NIST_P256.", status: 400 });
    const token = await refusal(kms.send(new SignCommand({ KeyId: keys.p256.id, Message: message, SigningAlgorithm: "ECDSA_SHA_256", GrantTokens: ["not-a-token"] })));
    assert.deepEqual(token, { name: "InvalidGrantTokenException", message: "The grant token is invalid.", status: 400 });
  });

  it("signs through an alias, and answers DryRun with DryRunOperationException once every check passed", async () => {
    const byAlias = await kms.send(new SignCommand({ KeyId: "alias/asymmetric-p256", Message: message, SigningAlgorithm: "ECDSA_SHA_256" }));
    assert.equal(byAlias.KeyId, keys.p256.arn);
    const dry = await refusal(kms.send(new SignCommand({ KeyId: keys.p256.id, Message: message, SigningAlgorithm: "ECDSA_SHA_256", DryRun: true })));
    assert.deepEqual(dry, { name: "DryRunOperationException", message: "The request would have succeeded, but the DryRun option is set.", status: 412 });
    const dryVerify = await refusal(kms.send(new VerifyCommand({ KeyId: keys.p256.id, Message: message, Signature: randomBytes(70), SigningAlgorithm: "ECDSA_SHA_256", DryRun: true })));
    assert.equal(dryVerify.name, "DryRunOperationException");
    // A dry run of a request that would fail fails with its own error.
    const dryWrong = await refusal(kms.send(new SignCommand({ KeyId: keys.p256.id, Message: message, SigningAlgorithm: "ECDSA_SHA_384", DryRun: true })));
    assert.equal(dryWrong.name, "InvalidKeyUsageException");
  });

  it("refuses a disabled key (DisabledException) and a key pending deletion (KMSInvalidStateException)", async () => {
    const key = keys.k256;
    await kms.send(new DisableKeyCommand({ KeyId: key.id }));
    try {
      const attempts = () => [() => sign(key, message, "ECDSA_SHA_256"), () => verify(key, message, randomBytes(70), "ECDSA_SHA_256"), () => kms.send(new GetPublicKeyCommand({ KeyId: key.id }))];
      for (const attempt of attempts()) {
        assert.deepEqual(await refusal(attempt()), { name: "DisabledException", message: `${key.arn} is disabled.`, status: 400 });
      }
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.id, PendingWindowInDays: 7 }));
      for (const attempt of attempts()) {
        assert.deepEqual(await refusal(attempt()), { name: "KMSInvalidStateException", message: `${key.arn} is pending deletion.`, status: 400 });
      }
      await kms.send(new CancelKeyDeletionCommand({ KeyId: key.id }));
    } finally {
      await kms.send(new EnableKeyCommand({ KeyId: key.id }));
    }
    assert.ok((await sign(key, message, "ECDSA_SHA_256")).Signature);
  });

  it("is authorized with kms:SigningAlgorithm and kms:MessageType, and refuses callers without kms:Sign", async () => {
    const key = keys.rsaPolicy;
    const signed = await sign(key, message, "RSASSA_PSS_SHA_256", "RAW", developer);
    assert.equal((await verify(key, message, signed.Signature!, "RSASSA_PSS_SHA_256", "RAW", developer)).SignatureValid, true);
    const actor = `User: arn:aws:sts::${LAB}:assumed-role/ADFS-Developers/bob@corp.example.test is not authorized to perform`;
    for (const attempt of [() => sign(key, message, "RSASSA_PKCS1_V1_5_SHA_256", "RAW", developer), () => sign(key, sha(256, message), "RSASSA_PSS_SHA_256", "DIGEST", developer)]) {
      const refused = await refusal(attempt());
      assert.equal(refused.name, "AccessDeniedException");
      assert.ok(refused.message.startsWith(`${actor}: kms:Sign on resource: ${key.arn} because`), refused.message);
    }
    // The default key policy leaves it to IAM, and the developers' IAM policy has no kms:Sign.
    const noPolicy = await refusal(sign(keys.p256, message, "ECDSA_SHA_256", "RAW", developer));
    assert.deepEqual(noPolicy, {
      name: "AccessDeniedException",
      message: `${actor}: kms:Sign on resource: ${keys.p256.arn} because no identity-based policy allows the kms:Sign action`,
      status: 400,
    });
  });
});

describe("GenerateDataKeyPair", () => {
  const context = { purpose: "asymmetric-tests", tenant: "42" };
  const expectations: [DataKeyPairSpec, string, Record<string, unknown>][] = [
    ["RSA_2048", "rsa", { modulusLength: 2048 }],
    ["ECC_NIST_P256", "ec", { namedCurve: "prime256v1" }],
    ["ECC_NIST_P384", "ec", { namedCurve: "secp384r1" }],
    ["ECC_NIST_P521", "ec", { namedCurve: "secp521r1" }],
    ["ECC_SECG_P256K1", "ec", { namedCurve: "secp256k1" }],
    ["ECC_NIST_EDWARDS25519", "ed25519", {}],
  ];

  it("returns a PKCS#8 private key, its SPKI public key, and a ciphertext that Decrypt opens to the same private key", async () => {
    await Promise.all(
      expectations.map(async ([spec, type, details]) => {
        const out = await kms.send(new GenerateDataKeyPairCommand({ KeyId: keys.symmetric.id, KeyPairSpec: spec, EncryptionContext: context }));
        assert.deepEqual([out.KeyId, out.KeyPairSpec], [keys.symmetric.arn, spec]);
        const privateKey = createPrivateKey({ key: Buffer.from(out.PrivateKeyPlaintext!), format: "der", type: "pkcs8" });
        assert.equal(privateKey.asymmetricKeyType, type, spec);
        for (const [k, v] of Object.entries(details)) assert.equal((privateKey.asymmetricKeyDetails as Record<string, unknown>)[k], v, spec);
        assert.deepEqual(Buffer.from(createPublicKey(privateKey).export({ format: "der", type: "spki" })), Buffer.from(out.PublicKey!), `${spec}: the public key of the pair`);
        const opened = await kms.send(new DecryptCommand({ CiphertextBlob: out.PrivateKeyCiphertextBlob, EncryptionContext: context }));
        assert.deepEqual(Buffer.from(opened.Plaintext!), Buffer.from(out.PrivateKeyPlaintext!), spec);
        assert.equal(opened.KeyId, keys.symmetric.arn);
        const noContext = await refusal(kms.send(new DecryptCommand({ CiphertextBlob: out.PrivateKeyCiphertextBlob })));
        assert.equal(noContext.name, "InvalidCiphertextException");
      }),
    );
  });

  it("leaves the private key out of GenerateDataKeyPairWithoutPlaintext, and the pair still matches", async () => {
    const out = await kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: keys.symmetric.arn, KeyPairSpec: "ECC_NIST_P384" }));
    assert.equal("PrivateKeyPlaintext" in out, false);
    assert.equal(out.KeyPairSpec, "ECC_NIST_P384");
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: out.PrivateKeyCiphertextBlob }));
    const privateKey = createPrivateKey({ key: Buffer.from(opened.Plaintext!), format: "der", type: "pkcs8" });
    assert.deepEqual(Buffer.from(createPublicKey(privateKey).export({ format: "der", type: "spki" })), Buffer.from(out.PublicKey!));
    // Fresh pairs every time.
    const again = await kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: keys.symmetric.arn, KeyPairSpec: "ECC_NIST_P384" }));
    assert.notDeepEqual(Buffer.from(again.PublicKey!), Buffer.from(out.PublicKey!));
  });

  it("needs a symmetric encryption key and a KeyPairSpec of AWS's enum", async () => {
    for (const key of [keys.rsa2048Enc, keys.p256]) {
      const meta = (await kms.send(new DescribeKeyCommand({ KeyId: key.id }))).KeyMetadata!;
      const refused = await refusal(kms.send(new GenerateDataKeyPairCommand({ KeyId: key.id, KeyPairSpec: "ECC_NIST_P256" })));
      // An asymmetric encryption key in AWS's own words; a key of another usage as every operation says it.
      const message = meta.KeyUsage === "ENCRYPT_DECRYPT" ? "You cannot generate a data key with an asymmetric CMK" : `${key.arn} key usage is ${meta.KeyUsage} which is not valid for GenerateDataKeyPair.`;
      assert.deepEqual(refused, { name: "InvalidKeyUsageException", message, status: 400 });
      const dataKey = await refusal(kms.send(new GenerateDataKeyCommand({ KeyId: key.id, KeySpec: "AES_256" })));
      assert.deepEqual(dataKey, { name: "InvalidKeyUsageException", message: message.replace("GenerateDataKeyPair", "GenerateDataKey"), status: 400 });
    }
    const missing = await refusal(kms.send(new GenerateDataKeyPairCommand({ KeyId: keys.symmetric.id } as never)));
    assert.deepEqual(missing, { name: "ValidationException", message: "1 validation error detected: Value null at 'keyPairSpec' failed to satisfy constraint: Member must not be null", status: 400 });
    const bogus = await refusal(kms.send(new GenerateDataKeyPairCommand({ KeyId: keys.symmetric.id, KeyPairSpec: "RSA_1024" as DataKeyPairSpec })));
    assert.match(bogus.message, /^1 validation error detected: Value 'RSA_1024' at 'keyPairSpec' failed to satisfy constraint: Member must satisfy enum value set: \[RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, .*\]$/);
    const sm2 = await refusal(kms.send(new GenerateDataKeyPairCommand({ KeyId: keys.symmetric.id, KeyPairSpec: "SM2" })));
    assert.deepEqual(sm2, { name: "UnsupportedOperationException", message: "KeyPairSpec SM2 is supported only in China Regions.", status: 400 });
    const dry = await refusal(kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: keys.symmetric.id, KeyPairSpec: "ECC_NIST_P256", DryRun: true })));
    assert.equal(dry.name, "DryRunOperationException");
    assert.equal(dry.status, 412);
  });

  it("is authorized with kms:DataKeyPairSpec", async () => {
    const allowed = await developer.send(new GenerateDataKeyPairCommand({ KeyId: keys.pairPolicy.arn, KeyPairSpec: "ECC_NIST_P256" }));
    assert.ok(allowed.PrivateKeyPlaintext);
    const refused = await refusal(developer.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: keys.pairPolicy.arn, KeyPairSpec: "ECC_NIST_P384" })));
    assert.deepEqual(refused, {
      name: "AccessDeniedException",
      message: `User: arn:aws:sts::${LAB}:assumed-role/ADFS-Developers/bob@corp.example.test is not authorized to perform: kms:GenerateDataKeyPairWithoutPlaintext on resource: ${keys.pairPolicy.arn} with an explicit deny in a resource-based policy`,
      status: 400,
    });
  });
});

describe("DeriveSharedSecret", () => {
  const derive = (key: Key, publicKey: Uint8Array, client = kms) => client.send(new DeriveSharedSecretCommand({ KeyId: key.id, KeyAgreementAlgorithm: "ECDH", PublicKey: publicKey }));
  const spki = (key: KeyObject) => Buffer.from(key.export({ format: "der", type: "spki" }));

  it("derives the ECDH secret that node's diffieHellman derives with the KMS public key, on every NIST curve", async () => {
    for (const [name, curve, bytes] of [["p256Agree", "prime256v1", 32], ["p384Agree", "secp384r1", 48], ["p521Agree", "secp521r1", 66]] as const) {
      const key = keys[name];
      const local = generateKeyPairSync("ec", { namedCurve: curve });
      const out = await derive(key, spki(local.publicKey));
      const expected = diffieHellman({ privateKey: local.privateKey, publicKey: await publicKeyOf(key) });
      assert.equal(expected.length, bytes);
      assert.deepEqual(Buffer.from(out.SharedSecret!), expected, name);
      assert.deepEqual([out.KeyId, out.KeyAgreementAlgorithm, out.KeyOrigin], [key.arn, "ECDH", "AWS_KMS"]);
    }
  });

  it("refuses a peer key on another curve, or that is not an SPKI public key, with ValidationException", async () => {
    const p384 = spki(generateKeyPairSync("ec", { namedCurve: "secp384r1" }).publicKey);
    const other = await refusal(derive(keys.p256Agree, p384));
    assert.deepEqual(other, { name: "ValidationException", message: `The PublicKey is a ECC_NIST_P384 key; ${keys.p256Agree.arn} derives shared secrets only with ECC_NIST_P256 public keys.`, status: 400 });
    const k256 = await refusal(derive(keys.p256Agree, spki(generateKeyPairSync("ec", { namedCurve: "secp256k1" }).publicKey)));
    assert.equal(k256.name, "ValidationException");
    const notSpki = "The PublicKey is not a valid DER-encoded X.509 SubjectPublicKeyInfo (SPKI) public key.";
    const x25519 = spki(generateKeyPairSync("x25519").publicKey);
    for (const bad of [randomBytes(91), Buffer.concat([spki(generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey), Buffer.of(0)]), x25519]) {
      assert.deepEqual(await refusal(derive(keys.p256Agree, bad)), { name: "ValidationException", message: notSpki, status: 400 });
    }
    const rsa = await refusal(derive(keys.p256Agree, spki(await publicKeyOf(keys.rsa2048))));
    assert.equal(rsa.name, "ValidationException");
  });

  it("needs a KEY_AGREEMENT key and the ECDH algorithm", async () => {
    const peer = spki(generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey);
    const signing = await refusal(derive(keys.p256, peer));
    assert.deepEqual(signing, { name: "InvalidKeyUsageException", message: `${keys.p256.arn} key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.`, status: 400 });
    const symmetric = await refusal(derive(keys.symmetric, peer));
    assert.equal(symmetric.message, `${keys.symmetric.arn} key usage is ENCRYPT_DECRYPT which is not valid for DeriveSharedSecret.`);
    const algorithm = await refusal(kms.send(new DeriveSharedSecretCommand({ KeyId: keys.p256Agree.id, KeyAgreementAlgorithm: "DH" as never, PublicKey: peer })));
    assert.deepEqual(algorithm, {
      name: "ValidationException",
      message: "1 validation error detected: Value 'DH' at 'keyAgreementAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [ECDH]",
      status: 400,
    });
    const dry = await refusal(kms.send(new DeriveSharedSecretCommand({ KeyId: keys.p256Agree.id, KeyAgreementAlgorithm: "ECDH", PublicKey: peer, DryRun: true })));
    assert.equal(dry.name, "DryRunOperationException");
    // The developers' IAM policy has no kms:DeriveSharedSecret.
    const denied = await refusal(derive(keys.p256Agree, peer, developer));
    assert.equal(denied.name, "AccessDeniedException");
  });
});

describe("RSAES-OAEP with the public key outside KMS", () => {
  it("decrypts inside KMS what node:crypto encrypted with GetPublicKey's key, with both OAEP hashes", async () => {
    for (const key of [keys.rsa2048Enc, await rsa4096Enc]) {
      const publicKey = await publicKeyOf(key);
      assert.equal(publicKey.asymmetricKeyDetails?.modulusLength, key === keys.rsa2048Enc ? 2048 : 4096);
      for (const [algorithm, oaepHash] of [["RSAES_OAEP_SHA_1", "sha1"], ["RSAES_OAEP_SHA_256", "sha256"]] as const) {
        const plaintext = randomBytes(64);
        const blob = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, plaintext);
        const out = await kms.send(new DecryptCommand({ KeyId: key.id, CiphertextBlob: blob, EncryptionAlgorithm: algorithm }));
        assert.deepEqual(Buffer.from(out.Plaintext!), plaintext);
        assert.deepEqual([out.KeyId, out.EncryptionAlgorithm], [key.arn, algorithm]);
        // The other OAEP hash does not open it.
        const other = algorithm === "RSAES_OAEP_SHA_1" ? "RSAES_OAEP_SHA_256" : "RSAES_OAEP_SHA_1";
        const wrong = await refusal(kms.send(new DecryptCommand({ KeyId: key.id, CiphertextBlob: blob, EncryptionAlgorithm: other })));
        assert.equal(wrong.name, "InvalidCiphertextException");
      }
    }
  });

  it("round-trips Encrypt and Decrypt up to the OAEP limit (RSA_4096: 446 bytes with SHA-256, 470 with SHA-1)", async () => {
    const big = await rsa4096Enc;
    for (const [algorithm, max] of [["RSAES_OAEP_SHA_256", 446], ["RSAES_OAEP_SHA_1", 470]] as const) {
      const plaintext = randomBytes(max);
      const sealed = await kms.send(new EncryptCommand({ KeyId: big.id, Plaintext: plaintext, EncryptionAlgorithm: algorithm }));
      assert.equal(sealed.CiphertextBlob!.length, 512);
      const opened = await kms.send(new DecryptCommand({ KeyId: big.arn, CiphertextBlob: sealed.CiphertextBlob, EncryptionAlgorithm: algorithm }));
      assert.deepEqual(Buffer.from(opened.Plaintext!), plaintext);
      const tooLong = await refusal(kms.send(new EncryptCommand({ KeyId: big.id, Plaintext: randomBytes(max + 1), EncryptionAlgorithm: algorithm })));
      assert.equal(tooLong.name, "ValidationException");
    }
  });

  it("needs KeyId and the RSA algorithm to decrypt, and refuses RSA keys for symmetric encryption", async () => {
    const sealed = await kms.send(new EncryptCommand({ KeyId: keys.rsa2048Enc.id, Plaintext: Buffer.from("hello"), EncryptionAlgorithm: "RSAES_OAEP_SHA_256" }));
    const noKey = await refusal(kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionAlgorithm: "RSAES_OAEP_SHA_256" })));
    assert.equal(noKey.name, "InvalidCiphertextException");
    // Without the RSA algorithm the blob is read as a symmetric ciphertext, which it is not.
    const noAlgorithm = await refusal(kms.send(new DecryptCommand({ KeyId: keys.rsa2048Enc.id, CiphertextBlob: sealed.CiphertextBlob })));
    assert.equal(noAlgorithm.name, "InvalidCiphertextException");
    const symmetricDefault = await refusal(kms.send(new EncryptCommand({ KeyId: keys.rsa2048Enc.id, Plaintext: Buffer.from("hello") })));
    assert.deepEqual(symmetricDefault, { name: "InvalidKeyUsageException", message: "Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.", status: 400 });
    const rsaOnSymmetric = await refusal(kms.send(new EncryptCommand({ KeyId: keys.symmetric.id, Plaintext: Buffer.from("hello"), EncryptionAlgorithm: "RSAES_OAEP_SHA_1" })));
    assert.deepEqual(rsaOnSymmetric, { name: "InvalidKeyUsageException", message: "Algorithm RSAES_OAEP_SHA_1 is incompatible with key spec SYMMETRIC_DEFAULT.", status: 400 });
    const context = await refusal(kms.send(new EncryptCommand({ KeyId: keys.rsa2048Enc.id, Plaintext: Buffer.from("hello"), EncryptionAlgorithm: "RSAES_OAEP_SHA_256", EncryptionContext: { a: "b" } })));
    assert.equal(context.name, "InvalidKeyUsageException");
    const signingKey = await refusal(kms.send(new EncryptCommand({ KeyId: keys.rsa2048.id, Plaintext: Buffer.from("hello"), EncryptionAlgorithm: "RSAES_OAEP_SHA_256" })));
    assert.equal(signingKey.name, "InvalidKeyUsageException");
  });

  it("re-encrypts from an RSA key to a symmetric key and back", async () => {
    const big = await rsa4096Enc;
    const plaintext = randomBytes(32);
    const sealed = await kms.send(new EncryptCommand({ KeyId: keys.rsa2048Enc.id, Plaintext: plaintext, EncryptionAlgorithm: "RSAES_OAEP_SHA_1" }));
    const toSymmetric = await kms.send(
      new ReEncryptCommand({ CiphertextBlob: sealed.CiphertextBlob, SourceKeyId: keys.rsa2048Enc.id, SourceEncryptionAlgorithm: "RSAES_OAEP_SHA_1", DestinationKeyId: keys.symmetric.id }),
    );
    assert.deepEqual([toSymmetric.SourceKeyId, toSymmetric.KeyId], [keys.rsa2048Enc.arn, keys.symmetric.arn]);
    const back = await kms.send(new ReEncryptCommand({ CiphertextBlob: toSymmetric.CiphertextBlob, DestinationKeyId: big.id, DestinationEncryptionAlgorithm: "RSAES_OAEP_SHA_256" }));
    const opened = await kms.send(new DecryptCommand({ KeyId: big.id, CiphertextBlob: back.CiphertextBlob, EncryptionAlgorithm: "RSAES_OAEP_SHA_256" }));
    assert.deepEqual(Buffer.from(opened.Plaintext!), plaintext);
  });
});

describe("ML-DSA (FIPS 204)", () => {
  const MU_MESSAGE = Buffer.from("a post-quantum signature over a message of the lab");
  /** μ as FIPS 204 §6.2 defines it (pure ML-DSA, empty context), computed here with node's SHAKE256. */
  const muOf = (publicKeyDer: Uint8Array, rawLength: number, message: Buffer) => {
    const tr = createHash("shake256", { outputLength: 64 }).update(Buffer.from(publicKeyDer).subarray(publicKeyDer.length - rawLength)).digest();
    return createHash("shake256", { outputLength: 64 }).update(Buffer.concat([tr, Buffer.of(0, 0), message])).digest();
  };

  it("makes ML_DSA_44/65/87 signing keys whose public keys are SubjectPublicKeyInfo with the parameter set's OID", async () => {
    for (const [spec, oid, raw] of [["ML_DSA_44", "11", 1312], ["ML_DSA_65", "12", 1952], ["ML_DSA_87", "13", 2592]] as const) {
      const created = (await kms.send(new CreateKeyCommand({ KeySpec: spec, KeyUsage: "SIGN_VERIFY" }))).KeyMetadata!;
      assert.deepEqual([created.KeySpec, created.KeyUsage, created.SigningAlgorithms], [spec, "SIGN_VERIFY", ["ML_DSA_SHAKE_256"]]);
      assert.equal(created.CustomerMasterKeySpec, undefined, "the deprecated enum has no ML-DSA value");
      const published = await kms.send(new GetPublicKeyCommand({ KeyId: created.KeyId }));
      const der = Buffer.from(published.PublicKey!);
      assert.equal(der.length, raw + 22);
      // SEQUENCE { SEQUENCE { OID 2.16.840.1.101.3.4.3.<17|18|19> } BIT STRING { 0 unused bits, key } }
      assert.equal(der.subarray(4, 22).toString("hex"), `300b06096086480165030403${oid}0382${(raw + 1).toString(16).padStart(4, "0")}00`);
      assert.deepEqual(published.SigningAlgorithms, ["ML_DSA_SHAKE_256"]);
    }
  });

  it("signs RAW messages and the caller's μ (EXTERNAL_MU) alike, and Verify checks both", async () => {
    const key = (await kms.send(new CreateKeyCommand({ KeySpec: "ML_DSA_65", KeyUsage: "SIGN_VERIFY" }))).KeyMetadata!;
    const publicKey = Buffer.from((await kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId }))).PublicKey!);
    const sign = (message: Buffer, type: "RAW" | "EXTERNAL_MU") => kms.send(new SignCommand({ KeyId: key.KeyId, Message: message, MessageType: type, SigningAlgorithm: "ML_DSA_SHAKE_256" }));
    const raw = Buffer.from((await sign(MU_MESSAGE, "RAW")).Signature!);
    assert.equal(raw.length, 3309);
    const mu = muOf(publicKey, 1952, MU_MESSAGE);
    assert.deepEqual(Buffer.from((await sign(mu, "EXTERNAL_MU")).Signature!), raw, "the same signature from the message and from its μ");
    // Outside KMS, with the public key alone (@noble/post-quantum's FIPS 204 verifier).
    assert.equal(ml_dsa65.verify(raw, MU_MESSAGE, publicKey.subarray(publicKey.length - 1952)), true);
    const verify = (message: Buffer, type: "RAW" | "EXTERNAL_MU", signature: Buffer) =>
      kms.send(new VerifyCommand({ KeyId: key.KeyId, Message: message, MessageType: type, Signature: signature, SigningAlgorithm: "ML_DSA_SHAKE_256" }));
    assert.equal((await verify(MU_MESSAGE, "RAW", raw)).SignatureValid, true);
    assert.equal((await verify(mu, "EXTERNAL_MU", raw)).SignatureValid, true);
    const tampered = Buffer.from(raw);
    tampered[100]! ^= 1;
    assert.equal((await refusal(verify(MU_MESSAGE, "RAW", tampered))).name, "KMSInvalidSignatureException");
  });

  it("refuses DIGEST messages, a μ not of 64 bytes, other algorithms, EXTERNAL_MU on other keys, and imported ML-DSA keys", async () => {
    const key = (await kms.send(new CreateKeyCommand({ KeySpec: "ML_DSA_44", KeyUsage: "SIGN_VERIFY" }))).KeyMetadata!;
    const sign = (message: Buffer, type: "RAW" | "DIGEST" | "EXTERNAL_MU", algorithm: SigningAlgorithmSpec = "ML_DSA_SHAKE_256", keyId = key.KeyId) =>
      refusal(kms.send(new SignCommand({ KeyId: keyId, Message: message, MessageType: type, SigningAlgorithm: algorithm })));
    assert.deepEqual(await sign(randomBytes(32), "DIGEST"), { name: "ValidationException", message: "Message type DIGEST is incompatible with key spec ML_DSA_44.", status: 400 });
    assert.deepEqual(await sign(randomBytes(63), "EXTERNAL_MU"), { name: "ValidationException", message: "Digest is invalid length for algorithm ML_DSA_SHAKE_256.", status: 400 });
    assert.deepEqual(await sign(MU_MESSAGE, "RAW", "ECDSA_SHA_256"), { name: "InvalidKeyUsageException", message: "Algorithm ECDSA_SHA_256 is incompatible with key spec ML_DSA_44.", status: 400 });
    assert.equal((await sign(randomBytes(64), "EXTERNAL_MU", "ECDSA_SHA_256", keys.p256.id)).name, "ValidationException");
    const imported = await refusal(kms.send(new CreateKeyCommand({ KeySpec: "ML_DSA_65", KeyUsage: "SIGN_VERIFY", Origin: "EXTERNAL" })));
    assert.deepEqual(imported, { name: "UnsupportedOperationException", message: "KeySpec ML_DSA_65 is not supported for Origin EXTERNAL.", status: 400 });
  });
});

describe("CloudTrail", () => {
  const arn = `arn:aws:kms:us-east-1:${LAB}:key/0b0b0b0b-1111-2222-3333-444444444444`;
  const resources = [{ ARN: arn, accountId: LAB, type: "AWS::KMS::Key" }];
  const trail = (operation: string, params: Record<string, unknown>, output: unknown) => ASYMMETRIC_OPERATIONS[operation]!.trail!(params as never, output);

  it("records the key, message type and signing algorithm of Sign and Verify, never the message or the signature", () => {
    const params = { KeyId: "alias/signer", Message: "c2VjcmV0", Signature: "c2lnbmF0dXJl", SigningAlgorithm: "ECDSA_SHA_256", GrantTokens: ["t"] };
    assert.deepEqual(trail("Sign", params, { KeyId: arn, Signature: Buffer.from("signature"), SigningAlgorithm: "ECDSA_SHA_256" }), {
      requestParameters: { keyId: "alias/signer", messageType: "RAW", signingAlgorithm: "ECDSA_SHA_256" },
      responseElements: null,
      resources,
    });
    assert.deepEqual(trail("Verify", { ...params, MessageType: "DIGEST", DryRun: true }, undefined), {
      requestParameters: { keyId: "alias/signer", messageType: "DIGEST", signingAlgorithm: "ECDSA_SHA_256", dryRun: true },
      responseElements: null,
      resources: undefined,
    });
  });

  it("records GetPublicKey, GenerateDataKeyPair and DeriveSharedSecret without key material or secrets", () => {
    assert.deepEqual(trail("GetPublicKey", { KeyId: arn }, { KeyId: arn, PublicKey: Buffer.from("pk") }), { requestParameters: { keyId: arn }, responseElements: null, resources });
    for (const operation of ["GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext"]) {
      const facts = trail(operation, { KeyId: "k", KeyPairSpec: "RSA_2048", EncryptionContext: { tenant: "42" } }, { KeyId: arn, PrivateKeyPlaintext: Buffer.from("private"), PrivateKeyCiphertextBlob: Buffer.from("blob"), PublicKey: Buffer.from("pk") });
      assert.deepEqual(facts, { requestParameters: { keyId: "k", keyPairSpec: "RSA_2048", encryptionContext: { tenant: "42" } }, responseElements: null, resources });
    }
    const derived = trail("DeriveSharedSecret", { KeyId: "k", KeyAgreementAlgorithm: "ECDH", PublicKey: "cGs=" }, { KeyId: arn, SharedSecret: Buffer.from("secret"), KeyAgreementAlgorithm: "ECDH", KeyOrigin: "AWS_KMS" });
    assert.deepEqual(derived, { requestParameters: { keyId: "k", keyAgreementAlgorithm: "ECDH" }, responseElements: null, resources });
    for (const operation of Object.keys(ASYMMETRIC_OPERATIONS)) assert.equal(ASYMMETRIC_OPERATIONS[operation]!.readOnly, true, operation);
  });
});

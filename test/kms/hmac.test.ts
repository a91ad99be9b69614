// HMAC keys through the AWS SDK: GenerateMac and VerifyMac for every HMAC key spec, MACs equal to
// node's createHmac under imported key material, mismatches refused with KMSInvalidMacException,
// and every refusal in AWS's words (algorithm, key usage, message length, key state,
// authorization with kms:MacAlgorithm and grants, DryRun), and what CloudTrail records.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { constants, createHmac, createPublicKey, publicEncrypt, randomBytes } from "node:crypto";
import {
  CancelKeyDeletionCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyPairCommand,
  GenerateMacCommand,
  GetParametersForImportCommand,
  GetPublicKeyCommand,
  ImportKeyMaterialCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  VerifyMacCommand,
  type CreateKeyCommandInput,
  type KMSClient,
  type MacAlgorithmSpec,
} from "@aws-sdk/client-kms";
import { ASYMMETRIC_OPERATIONS } from "../../src/kms/api/operations-asymmetric.ts";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { federatedCredentials, kmsClient, LAB, refusal } from "./helpers.ts";

let federa: RunningFedera;
let kms: KMSClient;
let developer: KMSClient;

interface Key {
  id: string;
  arn: string;
}

type HmacSpec = "HMAC_224" | "HMAC_256" | "HMAC_384" | "HMAC_512";
const SPECS: readonly HmacSpec[] = ["HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512"];
const BITS = (spec: HmacSpec) => Number(spec.slice(5));
const algorithmOf = (spec: HmacSpec) => `HMAC_SHA_${BITS(spec)}` as MacAlgorithmSpec;
/** Imported material: a length the spec takes (28–64 bytes for HMAC_224 and HMAC_256, 48–128 and 64–128 above). */
const MATERIAL_BYTES: Record<HmacSpec, number> = { HMAC_224: 28, HMAC_256: 64, HMAC_384: 48, HMAC_512: 128 };

const generated = {} as Record<HmacSpec, Key>;
const imported = {} as Record<HmacSpec, Key & { material: Buffer }>;
let symmetric: Key;
let rsa: Key;
let policyKey: Key;
let pendingImport: Key;

const DEVELOPERS = `arn:aws:iam::${LAB}:role/ADFS-Developers`;

async function createKey(input: CreateKeyCommandInput): Promise<Key> {
  const m = (await kms.send(new CreateKeyCommand(input))).KeyMetadata!;
  return { id: m.KeyId!, arn: m.Arn! };
}

/** An EXTERNAL HMAC key with `material`, imported as a customer would: wrapped with RSAES_OAEP_SHA_256 to the wrapping key. */
async function importedKey(spec: HmacSpec, material: Buffer): Promise<Key & { material: Buffer }> {
  const key = await createKey({ KeySpec: spec, KeyUsage: "GENERATE_VERIFY_MAC", Origin: "EXTERNAL" });
  const params = await kms.send(new GetParametersForImportCommand({ KeyId: key.id, WrappingAlgorithm: "RSAES_OAEP_SHA_256", WrappingKeySpec: "RSA_2048" }));
  const wrappingKey = createPublicKey({ key: Buffer.from(params.PublicKey!), format: "der", type: "spki" });
  const wrapped = publicEncrypt({ key: wrappingKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, material);
  await kms.send(new ImportKeyMaterialCommand({ KeyId: key.id, ImportToken: params.ImportToken, EncryptedKeyMaterial: wrapped, ExpirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE" }));
  return { ...key, material };
}

before(async () => {
  federa = await startFedera();
  kms = kmsClient(federa.url);
  const [gen, imp, others, bob] = await Promise.all([
    Promise.all(SPECS.map((spec) => createKey({ KeySpec: spec, KeyUsage: "GENERATE_VERIFY_MAC" }))),
    Promise.all(SPECS.map((spec) => importedKey(spec, randomBytes(MATERIAL_BYTES[spec])))),
    Promise.all([
      createKey({}),
      createKey({ KeySpec: "ECC_NIST_P256", KeyUsage: "SIGN_VERIFY" }),
      // Developers may compute HMAC_SHA_256 MACs with this key, and verify none.
      createKey({
        KeySpec: "HMAC_256",
        KeyUsage: "GENERATE_VERIFY_MAC",
        Policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LAB}:root` }, Action: "kms:*", Resource: "*" },
            { Sid: "Sha256Only", Effect: "Allow", Principal: { AWS: DEVELOPERS }, Action: "kms:GenerateMac", Resource: "*", Condition: { StringEquals: { "kms:MacAlgorithm": "HMAC_SHA_256" } } },
            { Sid: "NoVerify", Effect: "Allow", Principal: { AWS: DEVELOPERS }, Action: "kms:VerifyMac", Resource: "*", Condition: { StringEquals: { "kms:MacAlgorithm": "HMAC_SHA_512" } } },
          ],
        }),
      }),
      createKey({ KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC", Origin: "EXTERNAL" }),
    ]),
    federatedCredentials(federa.url, "bob", "Bob!Passw0rd1", "ADFS-Developers"),
  ]);
  SPECS.forEach((spec, i) => {
    generated[spec] = gen[i]!;
    imported[spec] = imp[i]!;
  });
  [symmetric, rsa, policyKey, pendingImport] = others as [Key, Key, Key, Key];
  developer = kmsClient(federa.url, bob);
});
after(() => federa.stop());

const message = Buffer.from("GET\n/orders/42\nx-amz-date:20250101T000000Z");
const generateMac = (key: Key, algorithm: MacAlgorithmSpec, msg: Buffer = message, client = kms) => client.send(new GenerateMacCommand({ KeyId: key.id, Message: msg, MacAlgorithm: algorithm }));
const verifyMac = (key: Key, algorithm: MacAlgorithmSpec, mac: Uint8Array, msg: Buffer = message, client = kms) =>
  client.send(new VerifyMacCommand({ KeyId: key.id, Message: msg, Mac: mac, MacAlgorithm: algorithm }));

describe("GenerateMac and VerifyMac", () => {
  it("computes HMACs of the spec's length for every HMAC key spec, and verifies them", async () => {
    for (const spec of SPECS) {
      const key = generated[spec];
      const algorithm = algorithmOf(spec);
      const out = await generateMac(key, algorithm);
      assert.deepEqual([out.KeyId, out.MacAlgorithm, out.Mac!.length], [key.arn, algorithm, BITS(spec) / 8], spec);
      assert.deepEqual(Buffer.from((await generateMac(key, algorithm)).Mac!), Buffer.from(out.Mac!), `${spec}: deterministic`);
      const verified = await verifyMac(key, algorithm, out.Mac!);
      assert.deepEqual([verified.KeyId, verified.MacValid, verified.MacAlgorithm], [key.arn, true, algorithm]);
      const meta = (await kms.send(new DescribeKeyCommand({ KeyId: key.id }))).KeyMetadata!;
      assert.deepEqual([meta.KeySpec, meta.KeyUsage, meta.MacAlgorithms], [spec, "GENERATE_VERIFY_MAC", [algorithm]]);
    }
  });

  it("gives the MAC that node's createHmac gives under the same (imported) key material", async () => {
    for (const spec of SPECS) {
      const key = imported[spec];
      const algorithm = algorithmOf(spec);
      for (const msg of [message, Buffer.of(0), randomBytes(4096)]) {
        const expected = createHmac(`sha${BITS(spec)}`, key.material).update(msg).digest();
        assert.deepEqual(Buffer.from((await generateMac(key, algorithm, msg)).Mac!), expected, spec);
        // And a MAC computed outside KMS verifies inside it.
        assert.equal((await verifyMac(key, algorithm, expected, msg)).MacValid, true);
      }
    }
  });

  it("answers a MAC that does not match with KMSInvalidMacException, never MacValid false", async () => {
    const key = generated.HMAC_256;
    const mac = Buffer.from((await generateMac(key, "HMAC_SHA_256")).Mac!);
    const flipped = Buffer.from(mac);
    flipped[0]! ^= 0x80;
    const otherKeys = (await generateMac(imported.HMAC_256, "HMAC_SHA_256")).Mac!;
    for (const [candidate, msg] of [[flipped, message], [mac.subarray(0, 16), message], [Buffer.concat([mac, Buffer.of(0)]), message], [mac, Buffer.from("GET\n/orders/43")], [otherKeys, message]] as const) {
      // AWS sends this exception without a message; the SDK then says "UnknownError".
      assert.deepEqual(await refusal(verifyMac(key, "HMAC_SHA_256", candidate, msg)), { name: "KMSInvalidMacException", message: "UnknownError", status: 400 });
    }
    const tooLong = await refusal(verifyMac(key, "HMAC_SHA_256", randomBytes(6145)));
    assert.deepEqual(tooLong, { name: "ValidationException", message: "1 validation error detected: Value at 'mac' failed to satisfy constraint: Member must have length less than or equal to 6144", status: 400 });
  });

  it("needs the MAC algorithm of the key spec, from AWS's enum", async () => {
    const wrong = await refusal(generateMac(generated.HMAC_384, "HMAC_SHA_256"));
    assert.deepEqual(wrong, { name: "InvalidKeyUsageException", message: "Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_384.", status: 400 });
    const wrongVerify = await refusal(verifyMac(generated.HMAC_224, "HMAC_SHA_512", randomBytes(64)));
    assert.deepEqual(wrongVerify, { name: "InvalidKeyUsageException", message: "Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_224.", status: 400 });
    const bogus = await refusal(generateMac(generated.HMAC_256, "HMAC_SHA_1" as MacAlgorithmSpec));
    assert.deepEqual(bogus, {
      name: "ValidationException",
      message: "1 validation error detected: Value 'HMAC_SHA_1' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]",
      status: 400,
    });
    const missing = await refusal(kms.send(new GenerateMacCommand({ KeyId: generated.HMAC_256.id, Message: message } as never)));
    assert.deepEqual(missing, { name: "ValidationException", message: "1 validation error detected: Value null at 'macAlgorithm' failed to satisfy constraint: Member must not be null", status: 400 });
  });

  it("takes messages of 1 to 4,096 bytes", async () => {
    assert.ok((await generateMac(generated.HMAC_512, "HMAC_SHA_512", randomBytes(4096))).Mac);
    const big = await refusal(generateMac(generated.HMAC_512, "HMAC_SHA_512", randomBytes(4097)));
    assert.deepEqual(big, { name: "ValidationException", message: "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length less than or equal to 4096", status: 400 });
    const empty = await refusal(verifyMac(generated.HMAC_512, "HMAC_SHA_512", randomBytes(64), Buffer.alloc(0)));
    assert.deepEqual(empty, { name: "ValidationException", message: "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length greater than or equal to 1", status: 400 });
  });
});

describe("Key usage and state", () => {
  it("refuses keys that are not HMAC keys with InvalidKeyUsageException", async () => {
    for (const [key, usage] of [[symmetric, "ENCRYPT_DECRYPT"], [rsa, "SIGN_VERIFY"]] as const) {
      assert.deepEqual(await refusal(generateMac(key, "HMAC_SHA_256")), { name: "InvalidKeyUsageException", message: `${key.arn} key usage is ${usage} which is not valid for GenerateMac.`, status: 400 });
      assert.deepEqual(await refusal(verifyMac(key, "HMAC_SHA_256", randomBytes(32))), { name: "InvalidKeyUsageException", message: `${key.arn} key usage is ${usage} which is not valid for VerifyMac.`, status: 400 });
    }
  });

  it("refuses HMAC keys for the other cryptographic operations", async () => {
    const key = generated.HMAC_256;
    const signing = await refusal(kms.send(new SignCommand({ KeyId: key.id, Message: message, SigningAlgorithm: "ECDSA_SHA_256" })));
    assert.deepEqual(signing, { name: "InvalidKeyUsageException", message: `${key.arn} key usage is GENERATE_VERIFY_MAC which is not valid for Sign.`, status: 400 });
    const publicKey = await refusal(kms.send(new GetPublicKeyCommand({ KeyId: key.id })));
    assert.deepEqual(publicKey, { name: "UnsupportedOperationException", message: `${key.arn} key spec is HMAC_256 which is not valid for GetPublicKey.`, status: 400 });
    assert.equal((await refusal(kms.send(new EncryptCommand({ KeyId: key.id, Plaintext: message })))).name, "InvalidKeyUsageException");
    assert.equal((await refusal(kms.send(new GenerateDataKeyPairCommand({ KeyId: key.id, KeyPairSpec: "ECC_NIST_P256" })))).name, "InvalidKeyUsageException");
  });

  it("refuses a disabled key, a key pending deletion and a key pending import", async () => {
    const key = generated.HMAC_384;
    const mac = (await generateMac(key, "HMAC_SHA_384")).Mac!;
    const attempts = [() => generateMac(key, "HMAC_SHA_384"), () => verifyMac(key, "HMAC_SHA_384", mac)];
    await kms.send(new DisableKeyCommand({ KeyId: key.id }));
    try {
      for (const attempt of attempts) assert.deepEqual(await refusal(attempt()), { name: "DisabledException", message: `${key.arn} is disabled.`, status: 400 });
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.id, PendingWindowInDays: 7 }));
      for (const attempt of attempts) assert.deepEqual(await refusal(attempt()), { name: "KMSInvalidStateException", message: `${key.arn} is pending deletion.`, status: 400 });
      await kms.send(new CancelKeyDeletionCommand({ KeyId: key.id }));
    } finally {
      await kms.send(new EnableKeyCommand({ KeyId: key.id }));
    }
    assert.equal((await verifyMac(key, "HMAC_SHA_384", mac)).MacValid, true);
    const pending = await refusal(generateMac(pendingImport, "HMAC_SHA_256"));
    assert.deepEqual(pending, { name: "KMSInvalidStateException", message: `${pendingImport.arn} is pending import.`, status: 400 });
  });
});

describe("Authorization", () => {
  it("is decided with kms:MacAlgorithm", async () => {
    const out = await generateMac(policyKey, "HMAC_SHA_256", message, developer);
    assert.equal(out.Mac!.length, 32);
    const refused = await refusal(verifyMac(policyKey, "HMAC_SHA_256", out.Mac!, message, developer));
    assert.equal(refused.name, "AccessDeniedException");
    assert.ok(refused.message.startsWith(`User: arn:aws:sts::${LAB}:assumed-role/ADFS-Developers/bob@corp.example.test is not authorized to perform: kms:VerifyMac on resource: ${policyKey.arn} because`), refused.message);
  });

  it("lets a grant allow GenerateMac, and only the operations it names", async () => {
    const key = generated.HMAC_512;
    const before = await refusal(generateMac(key, "HMAC_SHA_512", message, developer));
    assert.deepEqual(before, {
      name: "AccessDeniedException",
      message: `User: arn:aws:sts::${LAB}:assumed-role/ADFS-Developers/bob@corp.example.test is not authorized to perform: kms:GenerateMac on resource: ${key.arn} because no identity-based policy allows the kms:GenerateMac action`,
      status: 400,
    });
    const grant = await kms.send(new CreateGrantCommand({ KeyId: key.id, GranteePrincipal: DEVELOPERS, Operations: ["GenerateMac"] }));
    const mac = (await developer.send(new GenerateMacCommand({ KeyId: key.arn, Message: message, MacAlgorithm: "HMAC_SHA_512", GrantTokens: [grant.GrantToken!] }))).Mac!;
    assert.equal((await verifyMac(key, "HMAC_SHA_512", mac)).MacValid, true);
    assert.equal((await refusal(verifyMac(key, "HMAC_SHA_512", mac, message, developer))).name, "AccessDeniedException");
    const badToken = await refusal(developer.send(new GenerateMacCommand({ KeyId: key.arn, Message: message, MacAlgorithm: "HMAC_SHA_512", GrantTokens: ["forged"] })));
    assert.deepEqual(badToken, { name: "InvalidGrantTokenException", message: "The grant token is invalid.", status: 400 });
  });

  it("answers DryRun with DryRunOperationException (HTTP 412) once every check passed", async () => {
    const key = generated.HMAC_224;
    const dry = await refusal(kms.send(new GenerateMacCommand({ KeyId: key.id, Message: message, MacAlgorithm: "HMAC_SHA_224", DryRun: true })));
    assert.deepEqual(dry, { name: "DryRunOperationException", message: "The request would have succeeded, but the DryRun option is set.", status: 412 });
    const dryVerify = await refusal(kms.send(new VerifyMacCommand({ KeyId: key.id, Message: message, Mac: randomBytes(28), MacAlgorithm: "HMAC_SHA_224", DryRun: true })));
    assert.equal(dryVerify.name, "DryRunOperationException");
    const dryWrong = await refusal(kms.send(new GenerateMacCommand({ KeyId: key.id, Message: message, MacAlgorithm: "HMAC_SHA_256", DryRun: true })));
    assert.equal(dryWrong.name, "InvalidKeyUsageException");
  });
});

describe("CloudTrail", () => {
  it("records the key and the algorithm of GenerateMac and VerifyMac, never the message or the MAC", () => {
    const arn = generated.HMAC_256.arn;
    const params = { KeyId: "alias/macs", Message: message.toString("base64"), Mac: "c2VjcmV0", MacAlgorithm: "HMAC_SHA_256", GrantTokens: ["t"] };
    const generate = ASYMMETRIC_OPERATIONS["GenerateMac"]!.trail!(params, { Mac: Buffer.from("secret"), MacAlgorithm: "HMAC_SHA_256", KeyId: arn });
    assert.deepEqual(generate, {
      requestParameters: { keyId: "alias/macs", macAlgorithm: "HMAC_SHA_256" },
      responseElements: null,
      resources: [{ ARN: arn, accountId: LAB, type: "AWS::KMS::Key" }],
    });
    const verified = ASYMMETRIC_OPERATIONS["VerifyMac"]!.trail!(params, undefined);
    assert.deepEqual(verified.requestParameters, { keyId: "alias/macs", macAlgorithm: "HMAC_SHA_256" });
    assert.equal(verified.resources, undefined);
    assert.equal(ASYMMETRIC_OPERATIONS["GenerateMac"]!.readOnly, true);
  });
});

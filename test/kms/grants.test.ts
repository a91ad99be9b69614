// Grants through the AWS SDK, with federated sessions from the IdP and STS as grantees: CreateGrant
// (validation in AWS's terms, operations per key type, constraints, Name idempotency, grant
// condition keys, CreateGrant through a grant), grants honoured by the cryptographic operations
// for roles the key policy does not name (exact or subset encryption context, keys without case),
// ListGrants with its filters and paging, ListRetirableGrants, RetireGrant by each party the grant
// admits, RevokeGrant, and the key states each allows.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  ListGrantsCommand,
  ListRetirableGrantsCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  ScheduleKeyDeletionCommand,
  type CreateGrantRequest,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { openSqliteStore } from "../../src/store/index.ts";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { federatedCredentials, kmsClient, refusal, LAB, SECOND, type Credentials } from "./helpers.ts";

let federa: RunningFedera;
let root: KMSClient;
/** erin as ADFS-Auditors: IAM allows kms:Describe*, List*, Get* only. */
let auditor: KMSClient;
let auditorArn: string;
/** erin as 444455556666's ADFS-ReadOnly. */
let foreign: KMSClient;
/** bob as ADFS-Developers. */
let developer: KMSClient;
/** alice as ADFS-KeyAdmins. */
let admin: KMSClient;

const AUDITORS = `arn:aws:iam::${LAB}:role/ADFS-Auditors`;
const KEY_ADMINS = `arn:aws:iam::${LAB}:role/ADFS-KeyAdmins`;
const DEVELOPERS = `arn:aws:iam::${LAB}:role/ADFS-Developers`;
const READ_ONLY = `arn:aws:iam::${SECOND}:role/ADFS-ReadOnly`;
const ROOT_ARN = `arn:aws:iam::${LAB}:root`;

async function sessionArn(url: string, credentials: Credentials): Promise<string> {
  const sts = new STSClient({ endpoint: url, region: "us-east-1", credentials, maxAttempts: 1 });
  return (await sts.send(new GetCallerIdentityCommand({}))).Arn!;
}

async function newKey(input: ConstructorParameters<typeof CreateKeyCommand>[0] = {}): Promise<{ id: string; arn: string }> {
  const { KeyMetadata } = await root.send(new CreateKeyCommand(input));
  return { id: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
}

const grant = (input: CreateGrantRequest, client = root) => client.send(new CreateGrantCommand(input));
const encrypt = (client: KMSClient, keyId: string, context?: Record<string, string>) =>
  client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from("lab"), ...(context ? { EncryptionContext: context } : {}) }));

before(async () => {
  federa = await startFedera();
  root = kmsClient(federa.url);
  const erin = await federatedCredentials(federa.url, "erin", "Erin!Passw0rd1", "ADFS-Auditors");
  auditor = kmsClient(federa.url, erin);
  auditorArn = await sessionArn(federa.url, erin);
  foreign = kmsClient(federa.url, await federatedCredentials(federa.url, "erin", "Erin!Passw0rd1", "ADFS-ReadOnly", SECOND));
  developer = kmsClient(federa.url, await federatedCredentials(federa.url, "bob", "Bob!Passw0rd1", "ADFS-Developers"));
  admin = kmsClient(federa.url, await federatedCredentials(federa.url, "alice", "Alice!Passw0rd1", "ADFS-KeyAdmins"));
});
after(() => federa.stop());

describe("CreateGrant and ListGrants", () => {
  it("creates a grant and lists it as AWS does", async () => {
    const key = await newKey();
    const before = Date.now();
    const created = await grant({
      KeyId: key.id,
      GranteePrincipal: AUDITORS,
      RetiringPrincipal: KEY_ADMINS,
      Operations: ["Encrypt", "Decrypt"],
      Constraints: { EncryptionContextEquals: { project: "lab" } },
      Name: "lab-grant",
    });
    assert.match(created.GrantId!, /^[0-9a-f]{64}$/);
    assert.ok(created.GrantToken && created.GrantToken.length > 0);
    const listed = await root.send(new ListGrantsCommand({ KeyId: key.arn }));
    assert.equal(listed.Truncated, false);
    assert.equal(listed.NextMarker, undefined);
    assert.equal(listed.Grants!.length, 1);
    const entry = listed.Grants![0]!;
    assert.ok(entry.CreationDate instanceof Date && Math.abs(entry.CreationDate.getTime() - before) < 5000);
    assert.deepEqual({ ...entry, CreationDate: undefined }, {
      KeyId: key.arn,
      GrantId: created.GrantId,
      Name: "lab-grant",
      CreationDate: undefined,
      GranteePrincipal: AUDITORS,
      RetiringPrincipal: KEY_ADMINS,
      IssuingAccount: ROOT_ARN,
      Operations: ["Encrypt", "Decrypt"],
      Constraints: { EncryptionContextEquals: { project: "lab" } },
    });
  });

  it("returns the existing grant for a retried Name (a new token each time), a new grant when anything differs", async () => {
    const key = await newKey();
    const request: CreateGrantRequest = { KeyId: key.id, GranteePrincipal: AUDITORS, Operations: ["Decrypt", "Encrypt"], Name: "retry-me" };
    const first = await grant(request);
    const again = await grant({ ...request, Operations: ["Encrypt", "Decrypt"] });
    assert.equal(again.GrantId, first.GrantId);
    assert.notEqual(again.GrantToken, first.GrantToken);
    const other = await grant({ ...request, Operations: ["Decrypt"] });
    assert.notEqual(other.GrantId, first.GrantId);
    const unnamed1 = await grant({ KeyId: key.id, GranteePrincipal: AUDITORS, Operations: ["Decrypt"] });
    const unnamed2 = await grant({ KeyId: key.id, GranteePrincipal: AUDITORS, Operations: ["Decrypt"] });
    assert.notEqual(unnamed1.GrantId, unnamed2.GrantId);
    const listed = await root.send(new ListGrantsCommand({ KeyId: key.id }));
    assert.deepEqual(listed.Grants!.map((g) => g.GrantId), [first.GrantId, other.GrantId, unnamed1.GrantId, unnamed2.GrantId]);
    assert.deepEqual(listed.Grants!.map((g) => g.Name), ["retry-me", "retry-me", "", ""]);
  });

  it("refuses requests as KMS validates them", async () => {
    const key = await newKey();
    const hmac = await newKey({ KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC" });
    const signing = await newKey({ KeySpec: "ECC_NIST_P256", KeyUsage: "SIGN_VERIFY" });
    const base = { KeyId: key.id, GranteePrincipal: AUDITORS };
    const cases: [CreateGrantRequest, string, string | RegExp][] = [
      [{ ...base, Operations: [] }, "ValidationException", "1 validation error detected: Value '[]' at 'operations' failed to satisfy constraint: Member must have length greater than or equal to 1"],
      [{ ...base, Operations: ["Dance" as "Encrypt"] }, "ValidationException", /^1 validation error detected: Value '\[Dance\]' at 'operations' failed to satisfy constraint: Member must satisfy constraint: \[Member must satisfy enum value set: \[Decrypt, Encrypt, .*\]\]$/],
      [{ ...base, Operations: ["Encrypt", "Sign"] }, "ValidationException", /^Grant operations \[Sign\] are not supported for a symmetric encryption KMS key/],
      [{ ...base, KeyId: hmac.id, Operations: ["GenerateMac", "Encrypt"] }, "ValidationException", /^Grant operations \[Encrypt\] are not supported for a HMAC KMS key/],
      [{ ...base, KeyId: signing.id, Operations: ["GenerateDataKey"] }, "ValidationException", /^Grant operations \[GenerateDataKey\] are not supported for a asymmetric KMS key with KeyUsage SIGN_VERIFY/],
      [{ ...base, Operations: ["CreateGrant"] }, "ValidationException", "Grants must not contain only the CreateGrant operation."],
      [{ ...base, KeyId: hmac.id, Operations: ["GenerateMac"], Constraints: { EncryptionContextSubset: { a: "b" } } }, "ValidationException", /^Encryption context grant constraints are not supported for asymmetric or HMAC KMS keys/],
      [{ ...base, Operations: ["DescribeKey"], Constraints: { EncryptionContextEquals: { a: "b" } } }, "ValidationException", /^Encryption context grant constraints are supported only on grants that include an operation that takes an encryption context/],
      [{ ...base, Operations: ["Decrypt"], Constraints: { EncryptionContextSubset: Object.fromEntries([..."abcdefghi"].map((c) => [c, c])) } }, "ValidationException", "A grant constraint can include at most 8 encryption context pairs."],
      [{ ...base, Operations: ["Decrypt"], Constraints: { EncryptionContextSubset: { a: "x".repeat(385) } } }, "ValidationException", "The value of each encryption context pair in a grant constraint cannot exceed 384 characters."],
      [{ ...base, GranteePrincipal: `arn:aws:iam::${LAB}:role/NoSuchRole`, Operations: ["Decrypt"] }, "InvalidArnException", `ARN does not refer to a valid principal: arn:aws:iam::${LAB}:role/NoSuchRole`],
      [{ ...base, RetiringPrincipal: `arn:aws:iam::${LAB}:user/nobody`, Operations: ["Decrypt"] }, "InvalidArnException", `ARN does not refer to a valid principal: arn:aws:iam::${LAB}:user/nobody`],
      [{ ...base, GranteePrincipal: "not a principal", Operations: ["Decrypt"] }, "ValidationException", "1 validation error detected: Value 'not a principal' at 'granteePrincipal' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\w+=,.@:/-]+$"],
      [{ ...base, Operations: ["Decrypt"], Name: "no spaces" }, "ValidationException", "1 validation error detected: Value 'no spaces' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$"],
      [{ ...base, Operations: ["Decrypt"], GrantTokens: ["forged"] }, "InvalidGrantTokenException", "The grant token is invalid."],
      [{ ...base, KeyId: "alias/lab", Operations: ["Decrypt"] }, "InvalidArnException", "Key Aliases are not supported for this operation."],
    ];
    for (const [request, name, message] of cases) {
      const refused = await refusal(grant(request));
      assert.equal(refused.name, name, JSON.stringify(request));
      if (typeof message === "string") assert.equal(refused.message, message);
      else assert.match(refused.message, message);
    }
    const accepted = await grant({ ...base, KeyId: hmac.id, Operations: ["GenerateMac", "VerifyMac", "DescribeKey"] });
    assert.match(accepted.GrantId!, /^[0-9a-f]{64}$/);
    await grant({ ...base, KeyId: signing.id, Operations: ["Sign", "Verify", "GetPublicKey", "RetireGrant"], RetiringPrincipal: `arn:aws:sts::${LAB}:assumed-role/ADFS-KeyAdmins/alice@corp.example.test` });
    assert.equal((await root.send(new ListGrantsCommand({ KeyId: key.id }))).Grants!.length, 0);
  });

  it("answers DryRun with DryRunOperationException and creates nothing", async () => {
    const key = await newKey();
    const dry = await refusal(grant({ KeyId: key.id, GranteePrincipal: AUDITORS, Operations: ["Decrypt"], DryRun: true }));
    assert.deepEqual(dry, { name: "DryRunOperationException", message: "The request would have succeeded, but the DryRun option is set.", status: 412 });
    assert.equal((await root.send(new ListGrantsCommand({ KeyId: key.id }))).Grants!.length, 0);
  });

  it("holds at most 50,000 grants a key: LimitExceededException beyond, and nothing created", async () => {
    const key = await newKey();
    const first = await grant({ KeyId: key.id, GranteePrincipal: AUDITORS, Operations: ["Decrypt"] });
    // 49,999 more written straight into federa's store (through the API this would take minutes).
    const store = openSqliteStore(join(federa.dataDir, "federa.db"));
    try {
      await store.kms.transaction(async (tx) => {
        for (let i = 1; i < 50_000; i++) {
          const g = { grantId: randomBytes(32).toString("hex"), keyId: key.id, keyArn: key.arn, granteePrincipal: AUDITORS, issuingAccount: ROOT_ARN, operations: ["Decrypt" as const], creationDate: Date.now() };
          await tx.putGrant({ grantId: g.grantId, keyId: key.id, name: undefined, retiringPrincipal: undefined, createdAt: new Date(g.creationDate), document: g });
        }
      });
    } finally {
      await store.close();
    }
    const refused = await refusal(grant({ KeyId: key.id, GranteePrincipal: DEVELOPERS, Operations: ["Encrypt"] }));
    assert.deepEqual(refused, { name: "LimitExceededException", message: "The request would exceed the quota of 50000 grants per KMS key.", status: 400 });
    assert.deepEqual((await root.send(new ListGrantsCommand({ KeyId: key.id, GranteePrincipal: DEVELOPERS }))).Grants, []);
    // Revoking one makes room again.
    await root.send(new RevokeGrantCommand({ KeyId: key.id, GrantId: first.GrantId }));
    assert.ok((await grant({ KeyId: key.id, GranteePrincipal: DEVELOPERS, Operations: ["Encrypt"] })).GrantId);
  });

  it("filters by GrantId and GranteePrincipal, and pages with Limit and Marker", async () => {
    const key = await newKey();
    const ids: string[] = [];
    for (const grantee of [AUDITORS, DEVELOPERS, AUDITORS]) ids.push((await grant({ KeyId: key.id, GranteePrincipal: grantee, Operations: ["Decrypt"] })).GrantId!);
    const first = await root.send(new ListGrantsCommand({ KeyId: key.id, Limit: 2 }));
    assert.deepEqual(first.Grants!.map((g) => g.GrantId), ids.slice(0, 2));
    assert.equal(first.Truncated, true);
    assert.ok(first.NextMarker);
    const second = await root.send(new ListGrantsCommand({ KeyId: key.id, Limit: 2, Marker: first.NextMarker! }));
    assert.deepEqual(second.Grants!.map((g) => g.GrantId), ids.slice(2));
    assert.equal(second.Truncated, false);
    assert.equal(second.NextMarker, undefined);
    const one = await root.send(new ListGrantsCommand({ KeyId: key.id, GrantId: ids[1]! }));
    assert.deepEqual(one.Grants!.map((g) => g.GranteePrincipal), [DEVELOPERS]);
    const byGrantee = await root.send(new ListGrantsCommand({ KeyId: key.id, GranteePrincipal: AUDITORS }));
    assert.deepEqual(byGrantee.Grants!.map((g) => g.GrantId), [ids[0], ids[2]]);
    const many = await root.send(new ListGrantsCommand({ KeyId: key.id, Limit: 1000 }));
    assert.equal(many.Grants!.length, 3);

    const unknown = await refusal(root.send(new ListGrantsCommand({ KeyId: key.id, GrantId: "0".repeat(64) })));
    assert.deepEqual(unknown, { name: "InvalidGrantIdException", message: "The grant ID is invalid.", status: 400 });
    const marker = await refusal(root.send(new ListGrantsCommand({ KeyId: key.id, Marker: "forged" })));
    assert.deepEqual(marker, { name: "InvalidMarkerException", message: "Invalid marker", status: 400 });
    const limit = await refusal(root.send(new ListGrantsCommand({ KeyId: key.id, Limit: 0 })));
    assert.equal(limit.message, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
  });

  it("creates no grant on a disabled key or one pending deletion, and lists and revokes in every state", async () => {
    const key = await newKey();
    const kept = await grant({ KeyId: key.id, GranteePrincipal: AUDITORS, Operations: ["Decrypt"] });
    await root.send(new DisableKeyCommand({ KeyId: key.id }));
    const disabled = await refusal(grant({ KeyId: key.id, GranteePrincipal: AUDITORS, Operations: ["Decrypt"] }));
    assert.deepEqual(disabled, { name: "DisabledException", message: `${key.arn} is disabled.`, status: 400 });
    await root.send(new EnableKeyCommand({ KeyId: key.id }));
    await root.send(new ScheduleKeyDeletionCommand({ KeyId: key.id, PendingWindowInDays: 7 }));
    const pending = await refusal(grant({ KeyId: key.id, GranteePrincipal: AUDITORS, Operations: ["Decrypt"] }));
    assert.deepEqual(pending, { name: "KMSInvalidStateException", message: `${key.arn} is pending deletion.`, status: 400 });
    assert.equal((await root.send(new ListGrantsCommand({ KeyId: key.id }))).Grants!.length, 1);
    await root.send(new RevokeGrantCommand({ KeyId: key.id, GrantId: kept.GrantId! }));
    assert.equal((await root.send(new ListGrantsCommand({ KeyId: key.id }))).Grants!.length, 0);
  });
});

describe("grants in authorization", () => {
  it("let a role the key policy does not name encrypt, only with the exact encryption context (keys without case)", async () => {
    const key = await newKey();
    const denied = await refusal(encrypt(auditor, key.id, { project: "lab" }));
    assert.equal(denied.name, "AccessDeniedException");
    assert.equal(denied.message, `User: ${auditorArn} is not authorized to perform: kms:Encrypt on resource: ${key.arn} because no identity-based policy allows the kms:Encrypt action`);
    await grant({ KeyId: key.id, GranteePrincipal: AUDITORS, Operations: ["Encrypt", "Decrypt"], Constraints: { EncryptionContextEquals: { project: "lab" } } });
    const sealed = await encrypt(auditor, key.id, { project: "lab" });
    await encrypt(auditor, key.id, { PROJECT: "lab" });
    const opened = await auditor.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: { project: "lab" } }));
    assert.equal(Buffer.from(opened.Plaintext!).toString(), "lab");
    const contexts: (Record<string, string> | undefined)[] = [undefined, { project: "Lab" }, { project: "lab", extra: "x" }, { other: "lab" }];
    for (const context of contexts) {
      const refused = await refusal(encrypt(auditor, key.id, context));
      assert.equal(refused.name, "AccessDeniedException", JSON.stringify(context));
    }
  });

  it("let a subset constraint admit further pairs, and bind only the operations that take an encryption context", async () => {
    const key = await newKey();
    await grant({ KeyId: key.id, GranteePrincipal: AUDITORS, Operations: ["GenerateDataKey", "Decrypt"], Constraints: { EncryptionContextSubset: { dept: "it" } } });
    await auditor.send(new GenerateDataKeyCommand({ KeyId: key.id, KeySpec: "AES_256", EncryptionContext: { dept: "it", team: "a" } }));
    const missing = await refusal(auditor.send(new GenerateDataKeyCommand({ KeyId: key.id, KeySpec: "AES_256", EncryptionContext: { team: "a" } })));
    assert.equal(missing.name, "AccessDeniedException");

    // Another account's role: the key policy does not admit it, a grant does (by key ARN), and the
    // grant's constraint does not apply to DescribeKey.
    const refused = await refusal(foreign.send(new DescribeKeyCommand({ KeyId: key.arn })));
    assert.equal(refused.name, "AccessDeniedException");
    assert.match(refused.message, / is not authorized to perform: kms:DescribeKey on this resource because the resource does not exist in this Region, /);
    await grant({ KeyId: key.id, GranteePrincipal: READ_ONLY, Operations: ["DescribeKey", "Encrypt"], Constraints: { EncryptionContextEquals: { tenant: "second" } } });
    assert.equal((await foreign.send(new DescribeKeyCommand({ KeyId: key.arn }))).KeyMetadata!.Arn, key.arn);
    await encrypt(foreign, key.arn, { tenant: "second" });
    assert.equal((await refusal(encrypt(foreign, key.arn))).name, "AccessDeniedException");
  });

  it("let a grantee with CreateGrant create only grants within its own: a subset of operations, constraints as strict", async () => {
    const key = await newKey();
    await grant({ KeyId: key.id, GranteePrincipal: AUDITORS, Operations: ["CreateGrant", "Decrypt", "Encrypt"], Constraints: { EncryptionContextSubset: { dept: "it" } } });
    const child = { KeyId: key.id, GranteePrincipal: DEVELOPERS };
    await grant({ ...child, Operations: ["Decrypt"], Constraints: { EncryptionContextSubset: { dept: "it", team: "a" } } }, auditor);
    await grant({ ...child, Operations: ["Decrypt", "Encrypt"], Constraints: { EncryptionContextEquals: { DEPT: "it" } } }, auditor);
    const outside: CreateGrantRequest[] = [
      { ...child, Operations: ["Decrypt", "GenerateDataKey"], Constraints: { EncryptionContextSubset: { dept: "it" } } },
      { ...child, Operations: ["Decrypt"] },
      { ...child, Operations: ["Decrypt"], Constraints: { EncryptionContextSubset: { team: "a" } } },
    ];
    for (const request of outside) {
      const refused = await refusal(grant(request, auditor));
      assert.equal(refused.name, "AccessDeniedException", JSON.stringify(request));
      assert.equal(refused.message, `User: ${auditorArn} is not authorized to perform: kms:CreateGrant on resource: ${key.arn} because no identity-based policy allows the kms:CreateGrant action`);
    }
  });

  it("offer the grant condition keys to key policies", async () => {
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: ROOT_ARN }, Action: "kms:*", Resource: "*" },
        {
          Sid: "Grants for auditors only",
          Effect: "Allow",
          Principal: { AWS: DEVELOPERS },
          Action: "kms:CreateGrant",
          Resource: "*",
          Condition: {
            "ForAllValues:StringEquals": { "kms:GrantOperations": ["Decrypt", "Encrypt"] },
            StringEquals: { "kms:GranteePrincipal": AUDITORS, "kms:RetiringPrincipal": KEY_ADMINS, "kms:GrantConstraintType": "EncryptionContextEquals" },
            Bool: { "kms:GrantIsForAWSResource": "false" },
          },
        },
      ],
    });
    const key = await newKey({ Policy: policy });
    const good = { KeyId: key.id, GranteePrincipal: AUDITORS, RetiringPrincipal: KEY_ADMINS, Operations: ["Decrypt" as const], Constraints: { EncryptionContextEquals: { a: "b" } } };
    await grant(good, developer);
    const variants: CreateGrantRequest[] = [
      { ...good, Operations: ["Decrypt", "GenerateDataKey"] },
      { ...good, GranteePrincipal: KEY_ADMINS },
      { ...good, RetiringPrincipal: AUDITORS },
      { ...good, Constraints: { EncryptionContextSubset: { a: "b" } } },
      { KeyId: key.id, GranteePrincipal: AUDITORS, Operations: ["Decrypt"] },
    ];
    for (const request of variants) {
      const refused = await refusal(grant(request, developer));
      assert.equal(refused.name, "AccessDeniedException", JSON.stringify(request));
    }
  });
});

describe("RetireGrant, RevokeGrant and ListRetirableGrants", () => {
  it("lets the retiring principal retire by token, and the grant stops allowing at once", async () => {
    const key = await newKey();
    const created = await grant({ KeyId: key.id, GranteePrincipal: AUDITORS, RetiringPrincipal: KEY_ADMINS, Operations: ["Encrypt"] });
    await encrypt(auditor, key.id);
    await admin.send(new RetireGrantCommand({ GrantToken: created.GrantToken! }));
    assert.equal((await refusal(encrypt(auditor, key.id))).name, "AccessDeniedException");
    assert.equal((await root.send(new ListGrantsCommand({ KeyId: key.id }))).Grants!.length, 0);
    const again = await refusal(admin.send(new RetireGrantCommand({ GrantToken: created.GrantToken! })));
    assert.deepEqual(again, { name: "InvalidGrantTokenException", message: "The grant token is invalid.", status: 400 });
  });

  it("lets the grantee retire when the grant includes RetireGrant, and the issuing account's root always", async () => {
    const key = await newKey();
    const own = await grant({ KeyId: key.id, GranteePrincipal: AUDITORS, Operations: ["Decrypt", "RetireGrant"] });
    await auditor.send(new RetireGrantCommand({ KeyId: key.arn, GrantId: own.GrantId! }));
    const other = await grant({ KeyId: key.id, GranteePrincipal: AUDITORS, Operations: ["Decrypt"] });
    const refused = await refusal(auditor.send(new RetireGrantCommand({ KeyId: key.id, GrantId: other.GrantId! })));
    assert.deepEqual(refused, {
      name: "AccessDeniedException",
      message: `User: ${auditorArn} is not authorized to perform: kms:RetireGrant on resource: ${key.arn} because no identity-based policy allows the kms:RetireGrant action`,
      status: 400,
    });
    const byDeveloper = await refusal(developer.send(new RetireGrantCommand({ GrantToken: other.GrantToken! })));
    assert.equal(byDeveloper.name, "AccessDeniedException");
    await root.send(new RetireGrantCommand({ GrantToken: other.GrantToken! }));
    assert.equal((await root.send(new ListGrantsCommand({ KeyId: key.id }))).Grants!.length, 0);
  });

  it("refuses RetireGrant requests that name no grant", async () => {
    const key = await newKey();
    const neither = await refusal(root.send(new RetireGrantCommand({ KeyId: key.id })));
    assert.deepEqual(neither, { name: "ValidationException", message: "Grant token OR (grant ID, key ID) must be specified", status: 400 });
    const forged = await refusal(root.send(new RetireGrantCommand({ GrantToken: "forged" })));
    assert.equal(forged.name, "InvalidGrantTokenException");
    const unknown = await refusal(root.send(new RetireGrantCommand({ KeyId: key.id, GrantId: "f".repeat(64) })));
    assert.deepEqual(unknown, { name: "InvalidGrantIdException", message: "The grant ID is invalid.", status: 400 });
    const dry = await grant({ KeyId: key.id, GranteePrincipal: AUDITORS, Operations: ["Decrypt"] });
    assert.equal((await refusal(root.send(new RetireGrantCommand({ GrantToken: dry.GrantToken!, DryRun: true })))).name, "DryRunOperationException");
    assert.equal((await root.send(new ListGrantsCommand({ KeyId: key.id }))).Grants!.length, 1);
  });

  it("revokes with kms:RevokeGrant on the key, and the grant stops allowing at once", async () => {
    const key = await newKey();
    const created = await grant({ KeyId: key.id, GranteePrincipal: AUDITORS, Operations: ["Encrypt", "RetireGrant"] });
    await encrypt(auditor, key.id);
    const refused = await refusal(auditor.send(new RevokeGrantCommand({ KeyId: key.id, GrantId: created.GrantId! })));
    assert.equal(refused.message, `User: ${auditorArn} is not authorized to perform: kms:RevokeGrant on resource: ${key.arn} because no identity-based policy allows the kms:RevokeGrant action`);
    await admin.send(new RevokeGrantCommand({ KeyId: key.arn, GrantId: created.GrantId! }));
    assert.equal((await refusal(encrypt(auditor, key.id))).name, "AccessDeniedException");
    const gone = await refusal(root.send(new RevokeGrantCommand({ KeyId: key.id, GrantId: created.GrantId! })));
    assert.deepEqual(gone, { name: "InvalidGrantIdException", message: "The grant ID is invalid.", status: 400 });
  });

  it("lists the account's grants that a principal may retire, across keys", async () => {
    const a = await newKey();
    const b = await newKey();
    const ga = await grant({ KeyId: a.id, GranteePrincipal: AUDITORS, RetiringPrincipal: DEVELOPERS, Operations: ["Decrypt"] });
    const gb = await grant({ KeyId: b.id, GranteePrincipal: AUDITORS, RetiringPrincipal: DEVELOPERS, Operations: ["Encrypt"] });
    await grant({ KeyId: b.id, GranteePrincipal: AUDITORS, RetiringPrincipal: KEY_ADMINS, Operations: ["Encrypt"] });
    const listed = await auditor.send(new ListRetirableGrantsCommand({ RetiringPrincipal: DEVELOPERS }));
    assert.deepEqual(listed.Grants!.map((g) => [g.KeyId, g.GrantId]), [[a.arn, ga.GrantId], [b.arn, gb.GrantId]]);
    assert.equal(listed.Truncated, false);
    const paged = await root.send(new ListRetirableGrantsCommand({ RetiringPrincipal: DEVELOPERS, Limit: 1 }));
    assert.deepEqual(paged.Grants!.map((g) => g.GrantId), [ga.GrantId]);
    const rest = await root.send(new ListRetirableGrantsCommand({ RetiringPrincipal: DEVELOPERS, Limit: 1, Marker: paged.NextMarker! }));
    assert.deepEqual(rest.Grants!.map((g) => g.GrantId), [gb.GrantId]);
    const elsewhere = await foreign.send(new ListRetirableGrantsCommand({ RetiringPrincipal: DEVELOPERS }));
    assert.deepEqual(elsewhere.Grants, []);
    const developerRefused = await refusal(developer.send(new ListRetirableGrantsCommand({ RetiringPrincipal: DEVELOPERS })));
    assert.equal(developerRefused.name, "AccessDeniedException");
    assert.match(developerRefused.message, /is not authorized to perform: kms:ListRetirableGrants on resource: \* because no identity-based policy allows the kms:ListRetirableGrants action$/);
  });
});

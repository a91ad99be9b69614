// The lab's split of duties, with federated sessions from the IdP and STS: the root creates a key
// whose policy (the AWS console's) names ADFS-KeyAdmins as key administrators and ADFS-Developers
// as key users; alice administers it but may not use it, bob uses it but may not administer it,
// each refused in AWS's words. With the root statement the policy delegates to IAM too, so the
// refusals name the identity-based policies; on a key whose policy names only the roles, the key
// policy alone decides and the refusals name the resource-based policy. Across accounts, a key
// policy statement admits erin's ADFS-ReadOnly session of 444455556666; and a grant lets a role
// the key policy does not name encrypt, with exactly the encryption context of its constraint.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  CancelKeyDeletionCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GetKeyPolicyCommand,
  ListGrantsCommand,
  PutKeyPolicyCommand,
  RevokeGrantCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { DecodeAuthorizationMessageCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { federatedCredentials, kmsClient, refusal, LAB, ROOT, SECOND, type Credentials } from "./helpers.ts";

const KEY_ADMINS = `arn:aws:iam::${LAB}:role/ADFS-KeyAdmins`;
const DEVELOPERS = `arn:aws:iam::${LAB}:role/ADFS-Developers`;
const AUDITORS = `arn:aws:iam::${LAB}:role/ADFS-Auditors`;
const READ_ONLY = `arn:aws:iam::${SECOND}:role/ADFS-ReadOnly`;

const rootStatement = { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LAB}:root` }, Action: "kms:*", Resource: "*" };
const adminStatement = {
  Sid: "Allow access for Key Administrators",
  Effect: "Allow",
  Principal: { AWS: KEY_ADMINS },
  Action: [
    "kms:Create*",
    "kms:Describe*",
    "kms:Enable*",
    "kms:List*",
    "kms:Put*",
    "kms:Update*",
    "kms:Revoke*",
    "kms:Disable*",
    "kms:Get*",
    "kms:Delete*",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:ScheduleKeyDeletion",
    "kms:CancelKeyDeletion",
    "kms:RotateKeyOnDemand",
  ],
  Resource: "*",
};
const useStatement = (principal: string) => ({
  Sid: "Allow use of the key",
  Effect: "Allow",
  Principal: { AWS: principal },
  Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
  Resource: "*",
});
const grantStatement = {
  Sid: "Allow attachment of persistent resources",
  Effect: "Allow",
  Principal: { AWS: DEVELOPERS },
  Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
  Resource: "*",
  Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
};
const policyOf = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Id: "key-consolepolicy-3", Statement: statements }, null, 4);
/** The policy the AWS console writes for the lab's choices. */
const labPolicy = policyOf(rootStatement, adminStatement, useStatement(DEVELOPERS), grantStatement);

let federa: RunningFedera;
let root: KMSClient;
let alice: KMSClient;
let aliceArn: string;
let bob: KMSClient;
let bobArn: string;
let erinAuditor: KMSClient;
let erinReadOnly: KMSClient;
let erinReadOnlyArn: string;

async function sessionArn(url: string, credentials: Credentials): Promise<string> {
  const sts = new STSClient({ endpoint: url, region: "us-east-1", credentials, maxAttempts: 1 });
  return (await sts.send(new GetCallerIdentityCommand({}))).Arn!;
}

async function session(username: string, password: string, role: string, account = LAB): Promise<[KMSClient, string]> {
  const credentials = await federatedCredentials(federa.url, username, password, role, account);
  return [kmsClient(federa.url, credentials), await sessionArn(federa.url, credentials)];
}

async function newKey(policy: string, bypass = false): Promise<{ id: string; arn: string }> {
  const { KeyMetadata } = await root.send(new CreateKeyCommand({ Description: "lab key", Policy: policy, BypassPolicyLockoutSafetyCheck: bypass }));
  return { id: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
}

const denial = (who: string, action: string, arn: string, by: "identity" | "resource") =>
  `User: ${who} is not authorized to perform: ${action} on resource: ${arn} because no ${by}-based policy allows the ${action} action`;

const encrypt = (client: KMSClient, keyId: string, context?: Record<string, string>) =>
  client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from("the lab's secret"), ...(context ? { EncryptionContext: context } : {}) }));
const state = async (keyId: string) => (await root.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState;

before(async () => {
  federa = await startFedera();
  root = kmsClient(federa.url);
  [alice, aliceArn] = await session("alice", "Alice!Passw0rd1", "ADFS-KeyAdmins");
  [bob, bobArn] = await session("bob", "Bob!Passw0rd1", "ADFS-Developers");
  [erinAuditor] = await session("erin", "Erin!Passw0rd1", "ADFS-Auditors");
  [erinReadOnly, erinReadOnlyArn] = await session("erin", "Erin!Passw0rd1", "ADFS-ReadOnly", SECOND);
});
after(() => federa.stop());

describe("the lab's key (the console's policy)", () => {
  let key: { id: string; arn: string };

  before(async () => {
    key = await newKey(labPolicy);
  });

  it("keeps the policy the root gave it", async () => {
    assert.equal((await root.send(new GetKeyPolicyCommand({ KeyId: key.id }))).Policy, labPolicy);
  });

  it("lets alice, a key administrator, manage the key", async () => {
    assert.equal((await alice.send(new DescribeKeyCommand({ KeyId: key.id }))).KeyMetadata!.KeyState, "Enabled");
    assert.equal((await alice.send(new GetKeyPolicyCommand({ KeyId: key.id }))).Policy, labPolicy);
    await alice.send(new PutKeyPolicyCommand({ KeyId: key.id, Policy: labPolicy }));
    await alice.send(new DisableKeyCommand({ KeyId: key.id }));
    assert.equal(await state(key.id), "Disabled");
    await alice.send(new EnableKeyCommand({ KeyId: key.id }));
    assert.equal(await state(key.id), "Enabled");
    const scheduled = await alice.send(new ScheduleKeyDeletionCommand({ KeyId: key.id, PendingWindowInDays: 7 }));
    assert.equal(scheduled.KeyState, "PendingDeletion");
    await alice.send(new CancelKeyDeletionCommand({ KeyId: key.id }));
    assert.equal(await state(key.id), "Disabled");
    await alice.send(new EnableKeyCommand({ KeyId: key.id }));
    assert.deepEqual((await alice.send(new ListGrantsCommand({ KeyId: key.id }))).Grants, []);
  });

  it("refuses alice's encryption and decryption: the policy delegates to IAM too, so the refusal names the identity-based policies", async () => {
    const refused = await refusal(encrypt(alice, key.id));
    assert.deepEqual(refused, { name: "AccessDeniedException", message: denial(aliceArn, "kms:Encrypt", key.arn, "identity"), status: 400 });
    const sealed = await encrypt(bob, key.id);
    // Without a KeyId the ciphertext alone names the key, and AWS's refusal names no key either.
    const decrypt = await refusal(alice.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob })));
    const onCiphertext = `User: ${aliceArn} is not authorized to perform: kms:Decrypt on the resource associated with this ciphertext because no identity-based policy allows the kms:Decrypt action`;
    assert.deepEqual(decrypt, { name: "AccessDeniedException", message: onCiphertext, status: 400 });
    const named = await refusal(alice.send(new DecryptCommand({ KeyId: key.id, CiphertextBlob: sealed.CiphertextBlob })));
    assert.deepEqual(named, { name: "AccessDeniedException", message: denial(aliceArn, "kms:Decrypt", key.arn, "identity"), status: 400 });
  });

  it("lets bob, a key user, encrypt, decrypt and make data keys", async () => {
    const sealed = await encrypt(bob, key.id, { project: "lab" });
    const opened = await bob.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: { project: "lab" } }));
    assert.equal(Buffer.from(opened.Plaintext!).toString(), "the lab's secret");
    const dataKey = await bob.send(new GenerateDataKeyCommand({ KeyId: key.arn, KeySpec: "AES_256" }));
    assert.equal(dataKey.Plaintext!.length, 32);
  });

  it("refuses bob's key administration in AWS's words", async () => {
    for (const [action, call] of [
      ["kms:PutKeyPolicy", () => bob.send(new PutKeyPolicyCommand({ KeyId: key.id, Policy: labPolicy }))],
      ["kms:DisableKey", () => bob.send(new DisableKeyCommand({ KeyId: key.id }))],
      ["kms:ScheduleKeyDeletion", () => bob.send(new ScheduleKeyDeletionCommand({ KeyId: key.id, PendingWindowInDays: 7 }))],
      // The console's "persistent resources" statement admits only grants an AWS service asks for.
      ["kms:CreateGrant", () => bob.send(new CreateGrantCommand({ KeyId: key.id, GranteePrincipal: DEVELOPERS, Operations: ["Decrypt"] }))],
    ] as const) {
      const refused = await refusal(call());
      assert.deepEqual(refused, { name: "AccessDeniedException", message: denial(bobArn, action, key.arn, "identity"), status: 400 });
    }
    assert.equal(await state(key.id), "Enabled");
  });
});

describe("a key whose policy names only the roles", () => {
  let key: { id: string; arn: string };

  before(async () => {
    // No root statement: the root would be locked out of the policy, hence the bypass.
    key = await newKey(policyOf(adminStatement, useStatement(DEVELOPERS), { ...useStatement(AUDITORS), Sid: "Auditors encrypt" }), true);
  });

  it("lets the key policy alone allow, whatever the roles' IAM policies say", async () => {
    await encrypt(bob, key.id);
    await alice.send(new DisableKeyCommand({ KeyId: key.id }));
    await alice.send(new EnableKeyCommand({ KeyId: key.id }));
    // ADFS-Auditors' IAM policy allows no kms:Encrypt; the key policy names the role.
    await encrypt(erinAuditor, key.id);
  });

  it("names the resource-based policy in every refusal", async () => {
    for (const [who, client, action, call] of [
      [bobArn, bob, "kms:PutKeyPolicy", (c: KMSClient) => c.send(new PutKeyPolicyCommand({ KeyId: key.id, Policy: labPolicy }))],
      [bobArn, bob, "kms:DisableKey", (c: KMSClient) => c.send(new DisableKeyCommand({ KeyId: key.id }))],
      [bobArn, bob, "kms:ScheduleKeyDeletion", (c: KMSClient) => c.send(new ScheduleKeyDeletionCommand({ KeyId: key.id, PendingWindowInDays: 7 }))],
      [aliceArn, alice, "kms:Encrypt", (c: KMSClient) => encrypt(c, key.id)],
    ] as const) {
      const refused = await refusal(call(client));
      assert.deepEqual(refused, { name: "AccessDeniedException", message: denial(who, action, key.arn, "resource"), status: 400 });
    }
  });
});

describe("across accounts", () => {
  it("admits erin's ADFS-ReadOnly session of 444455556666 to DescribeKey only once a key policy statement names the role", async () => {
    const key = await newKey(labPolicy);
    // Refused across accounts, AWS says neither which policy refused nor whether the key exists.
    const acrossAccounts = (action: string) =>
      `User: ${erinReadOnlyArn} is not authorized to perform: ${action} on this resource because the resource does not exist in this Region, no resource-based policies allow access, or a resource-based policy explicitly denies access`;
    const refused = await refusal(erinReadOnly.send(new DescribeKeyCommand({ KeyId: key.arn })));
    assert.deepEqual(refused, { name: "AccessDeniedException", message: acrossAccounts("kms:DescribeKey"), status: 400 });
    const missing = await refusal(erinReadOnly.send(new DescribeKeyCommand({ KeyId: `arn:aws:kms:us-east-1:${LAB}:key/0a0a0a0a-1111-2222-3333-444444444444` })));
    assert.deepEqual(missing, refused);
    // Nor does the encoded authorization message, decoded: the same reason for both.
    const reasonOf = async (keyArn: string) => {
      const thrown = await erinReadOnly.send(new DescribeKeyCommand({ KeyId: keyArn })).catch((error: Error) => error);
      const encoded = /Encoded authorization failure message: (\S+)$/.exec((thrown as Error).message)?.[1];
      const sts = new STSClient({ endpoint: federa.url, region: "us-east-1", credentials: ROOT, maxAttempts: 1 });
      const decoded = JSON.parse((await sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }))).DecodedMessage!) as {
        reason: string;
        failures: unknown;
        context: { conditions: { items: { key: string }[] } };
      };
      // The condition keys sealed in, by name: the caller's own, none of the key's (kms:KeySpec, …).
      return [decoded.reason, decoded.failures, decoded.context.conditions.items.map((item) => item.key).sort()];
    };
    const existingReason = await reasonOf(key.arn);
    assert.ok(existingReason);
    assert.deepEqual(await reasonOf(`arn:aws:kms:us-east-1:${LAB}:key/0a0a0a0a-1111-2222-3333-444444444444`), existingReason);
    // A bare key id names a key of her own account, where there is none.
    const byId = await refusal(erinReadOnly.send(new DescribeKeyCommand({ KeyId: key.id })));
    assert.deepEqual(byId, { name: "NotFoundException", message: `Key 'arn:aws:kms:us-east-1:${SECOND}:key/${key.id}' does not exist`, status: 400 });

    const shared = policyOf(rootStatement, adminStatement, useStatement(DEVELOPERS), grantStatement, {
      Sid: "Allow the second account to read",
      Effect: "Allow",
      Principal: { AWS: READ_ONLY },
      Action: "kms:DescribeKey",
      Resource: "*",
    });
    await alice.send(new PutKeyPolicyCommand({ KeyId: key.id, Policy: shared }));
    const described = await erinReadOnly.send(new DescribeKeyCommand({ KeyId: key.arn }));
    assert.equal(described.KeyMetadata!.Arn, key.arn);
    assert.equal(described.KeyMetadata!.AWSAccountId, LAB);
    // Both sides must allow across accounts: her IAM policy allows no kms:Encrypt, nor does the key policy.
    const encryption = await refusal(encrypt(erinReadOnly, key.arn));
    assert.equal(encryption.name, "AccessDeniedException");
  });
});

describe("a grant to the developers", () => {
  it("lets bob encrypt with exactly the grant's encryption context on a key whose policy does not name him, until revoked", async () => {
    const key = await newKey(policyOf(adminStatement), true);
    const before = await refusal(encrypt(bob, key.id, { project: "lab" }));
    assert.deepEqual(before, { name: "AccessDeniedException", message: denial(bobArn, "kms:Encrypt", key.arn, "resource"), status: 400 });

    // alice may create grants: kms:Create* in the administrators' statement.
    const created = await alice.send(new CreateGrantCommand({ KeyId: key.id, GranteePrincipal: DEVELOPERS, Operations: ["Encrypt", "Decrypt"], Constraints: { EncryptionContextEquals: { project: "lab" } } }));
    const sealed = await encrypt(bob, key.id, { project: "lab" });
    const opened = await bob.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: { project: "lab" } }));
    assert.equal(Buffer.from(opened.Plaintext!).toString(), "the lab's secret");
    const others: (Record<string, string> | undefined)[] = [undefined, { project: "prod" }, { project: "lab", stage: "dev" }];
    for (const context of others) {
      const refused = await refusal(encrypt(bob, key.id, context));
      assert.deepEqual(refused, { name: "AccessDeniedException", message: denial(bobArn, "kms:Encrypt", key.arn, "resource"), status: 400 }, JSON.stringify(context));
    }
    const listed = await alice.send(new ListGrantsCommand({ KeyId: key.id }));
    assert.deepEqual(listed.Grants!.map((g) => [g.GranteePrincipal, g.Operations, g.Constraints]), [[DEVELOPERS, ["Encrypt", "Decrypt"], { EncryptionContextEquals: { project: "lab" } }]]);
    await alice.send(new RevokeGrantCommand({ KeyId: key.id, GrantId: created.GrantId! }));
    assert.equal((await refusal(encrypt(bob, key.id, { project: "lab" }))).name, "AccessDeniedException");
  });
});

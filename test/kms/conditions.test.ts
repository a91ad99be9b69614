// Condition keys in key and IAM policies, as AWS KMS supplies them: the key's tags
// (aws:ResourceTag/*), the tags of a CreateKey (aws:RequestTag/*, aws:TagKeys), the encryption
// context of a CreateGrant's constraints, kms:ReEncryptOnSameKey on both sides of a ReEncrypt,
// kms:MultiRegion and the deprecated kms:CustomerMasterKeySpec, request-parameter keys that are
// absent when the request leaves the parameter out (Null), and the OverlyPermissiveCondition
// refusal of ForAllValues on single-valued keys.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  PutKeyPolicyCommand,
  ReEncryptCommand,
  TagResourceCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { iamClient } from "../iam/helpers.ts";
import { federatedCredentials, kmsClient, refusal, LAB } from "./helpers.ts";

let federa: RunningFedera;
let root: KMSClient;
let bob: KMSClient;
let erin: KMSClient;

const ROOT_ARN = `arn:aws:iam::${LAB}:root`;
const DEVELOPERS = `arn:aws:iam::${LAB}:role/ADFS-Developers`;
/** The root may manage the key (not use it): use comes only from the statements under test. */
const manage = { Sid: "Manage", Effect: "Allow", Principal: { AWS: ROOT_ARN }, Action: ["kms:PutKeyPolicy", "kms:GetKeyPolicy", "kms:DescribeKey", "kms:TagResource", "kms:UntagResource", "kms:CreateGrant"], Resource: "*" };
const policyOf = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const keyWith = async (policy: string, tags?: { TagKey: string; TagValue: string }[]) =>
  (await root.send(new CreateKeyCommand({ Policy: policy, BypassPolicyLockoutSafetyCheck: true, ...(tags ? { Tags: tags } : {}) }))).KeyMetadata!;

before(async () => {
  federa = await startFedera();
  root = kmsClient(federa.url);
  bob = kmsClient(federa.url, await federatedCredentials(federa.url, "bob", "Bob!Passw0rd1", "ADFS-Developers"));
  erin = kmsClient(federa.url, await federatedCredentials(federa.url, "erin", "Erin!Passw0rd1", "ADFS-Auditors"));
});
after(() => federa.stop());

describe("tags in conditions", () => {
  it("lets a key's tags decide (aws:ResourceTag/*), as tags change", async () => {
    const tagged = { Sid: "Tagged", Effect: "Allow", Principal: { AWS: DEVELOPERS }, Action: "kms:Encrypt", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/project": "lab" } } };
    const key = await keyWith(policyOf(manage, tagged), [{ TagKey: "project", TagValue: "lab" }]);
    await bob.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from("tagged") }));
    await root.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: "project", TagValue: "other" }] }));
    assert.equal((await refusal(bob.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from("tagged") })))).name, "AccessDeniedException");
  });

  it("gives CreateKey's tags to IAM policies (aws:RequestTag/*, aws:TagKeys)", async () => {
    const onlyTagged = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["kms:CreateKey", "kms:TagResource"], Resource: "*", Condition: { StringEquals: { "aws:RequestTag/project": "lab" }, "ForAllValues:StringEquals": { "aws:TagKeys": ["project"] } } }],
    });
    await iamClient(federa.url).send(new PutRolePolicyCommand({ RoleName: "ADFS-Auditors", PolicyName: "CreateTaggedKeys", PolicyDocument: onlyTagged }));
    const made = await erin.send(new CreateKeyCommand({ Tags: [{ TagKey: "project", TagValue: "lab" }] }));
    assert.equal(made.KeyMetadata!.KeyState, "Enabled");
    for (const tags of [[{ TagKey: "project", TagValue: "other" }], [{ TagKey: "project", TagValue: "lab" }, { TagKey: "owner", TagValue: "erin" }], undefined]) {
      const refused = await refusal(erin.send(new CreateKeyCommand(tags ? { Tags: tags } : {})));
      assert.equal(refused.name, "AccessDeniedException", JSON.stringify(tags));
    }
  });
});

describe("request keys", () => {
  it("gives CreateGrant the encryption context of its constraints (kms:EncryptionContext:*, keys without case)", async () => {
    const grants = { Sid: "Grants", Effect: "Allow", Principal: { AWS: ROOT_ARN }, Action: "kms:CreateGrant", Resource: "*", Condition: { StringEquals: { "kms:EncryptionContext:appname": "ExampleApp" } } };
    const key = await keyWith(policyOf({ ...manage, Action: manage.Action.filter((a) => a !== "kms:CreateGrant") }, grants));
    const grant = (constraints: object) => root.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: DEVELOPERS, Operations: ["Decrypt"], Constraints: constraints }));
    assert.ok((await grant({ EncryptionContextEquals: { AppName: "ExampleApp" } })).GrantId);
    assert.ok((await grant({ EncryptionContextSubset: { appname: "ExampleApp" } })).GrantId);
    assert.equal((await refusal(grant({ EncryptionContextEquals: { AppName: "OtherApp" } }))).name, "AccessDeniedException");
  });

  it("gives both sides of a ReEncrypt kms:ReEncryptOnSameKey, so AWS's example allows re-encryption under the same key only", async () => {
    const use = { Sid: "Use", Effect: "Allow", Principal: { AWS: DEVELOPERS }, Action: ["kms:Encrypt", "kms:Decrypt"], Resource: "*" };
    const sameKey = { Sid: "SameKey", Effect: "Allow", Principal: { AWS: DEVELOPERS }, Action: "kms:ReEncrypt*", Resource: "*", Condition: { Bool: { "kms:ReEncryptOnSameKey": "true" } } };
    const [one, two] = [await keyWith(policyOf(manage, use, sameKey)), await keyWith(policyOf(manage, use, sameKey))];
    const sealed = await bob.send(new EncryptCommand({ KeyId: one.KeyId, Plaintext: Buffer.from("rotate me") }));
    const again = await bob.send(new ReEncryptCommand({ CiphertextBlob: sealed.CiphertextBlob, DestinationKeyId: one.KeyId }));
    assert.equal(Buffer.from((await bob.send(new DecryptCommand({ CiphertextBlob: again.CiphertextBlob }))).Plaintext!).toString(), "rotate me");
    assert.equal((await refusal(bob.send(new ReEncryptCommand({ CiphertextBlob: sealed.CiphertextBlob, DestinationKeyId: two.KeyId })))).name, "AccessDeniedException");
  });

  it("supplies kms:MultiRegion and the deprecated kms:CustomerMasterKeySpec and kms:CustomerMasterKeyUsage", async () => {
    const legacy = {
      Sid: "Legacy",
      Effect: "Allow",
      Principal: { AWS: DEVELOPERS },
      Action: "kms:Encrypt",
      Resource: "*",
      Condition: { Bool: { "kms:MultiRegion": "false" }, StringEquals: { "kms:CustomerMasterKeySpec": "SYMMETRIC_DEFAULT", "kms:CustomerMasterKeyUsage": "ENCRYPT_DECRYPT" } },
    };
    const key = await keyWith(policyOf(manage, legacy));
    assert.ok((await bob.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from("legacy") }))).CiphertextBlob);
  });

  it("leaves kms:BypassPolicyLockoutSafetyCheck out of a request that leaves the parameter out (AWS's Null example)", async () => {
    const noBypass = { ...manage, Sid: "NoBypass", Action: "kms:PutKeyPolicy", Condition: { Null: { "kms:BypassPolicyLockoutSafetyCheck": "true" } } };
    const rest = { ...manage, Action: manage.Action.filter((a) => a !== "kms:PutKeyPolicy") };
    const policy = policyOf(rest, noBypass);
    const key = await keyWith(policy);
    await root.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policy }));
    const refused = await refusal(root.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policy, BypassPolicyLockoutSafetyCheck: false })));
    assert.equal(refused.name, "AccessDeniedException");
  });
});

describe("policies KMS refuses", () => {
  it("refuses ForAllValues with kms:EncryptionContext:* or aws:RequestTag/*: OverlyPermissiveCondition", async () => {
    const key = await keyWith(policyOf(manage));
    for (const condition of [{ "ForAllValues:StringEquals": { "kms:EncryptionContext:appname": "ExampleApp" } }, { "ForAllValues:StringLike": { "aws:RequestTag/project": "lab*" } }]) {
      const policy = policyOf(manage, { Sid: "Broad", Effect: "Allow", Principal: { AWS: DEVELOPERS }, Action: "kms:Encrypt", Resource: "*", Condition: condition });
      const refused = await refusal(root.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policy })));
      assert.deepEqual(refused, {
        name: "MalformedPolicyDocumentException",
        message:
          "OverlyPermissiveCondition: Using the ForAllValues set operator with a single-valued condition key matches requests without the specified [encryption context or tag] or with an unspecified [encryption context or tag]. To fix, remove ForAllValues.",
        status: 400,
      });
    }
    // ForAnyValue, and ForAllValues on the multi-valued kms:EncryptionContextKeys, are fine.
    const fine = policyOf(manage, { Sid: "Keys", Effect: "Allow", Principal: { AWS: DEVELOPERS }, Action: "kms:Encrypt", Resource: "*", Condition: { "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["appname"] } } });
    await root.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: fine }));
  });
});

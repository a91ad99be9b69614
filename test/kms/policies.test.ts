// Key policies through the AWS SDK: GetKeyPolicy returns the stored text exactly (the default key
// policy character for character), PolicyName is "default" or nothing, ListKeyPolicies lists it;
// PutKeyPolicy validates as KMS does (grammar, principals that exist, the 32 KB quota, the lockout
// safety check unless bypassed, the kms:BypassPolicyLockoutSafetyCheck condition key), works in
// every key state, and only on keys of the caller's own account named by key id or key ARN.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  CreateKeyCommand,
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  ListKeyPoliciesCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { kmsClient, refusal, LAB, SECOND } from "./helpers.ts";
import { defaultKeyPolicy } from "../../src/kms/index.ts";
import { getKeyPolicy } from "../../src/kms/operations/get-key-policy.ts";
import { putKeyPolicy } from "../../src/kms/operations/put-key-policy.ts";
import { keyResourceOf, quietOutput } from "../../src/kms/operations/quiet-output.ts";
import { withKeyArn } from "../../src/kms/operations/own-key.ts";

let federa: RunningFedera;
let kms: KMSClient;
let keyId: string;
let keyArn: string;

const ROOT_ARN = `arn:aws:iam::${LAB}:root`;
const document = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const rootStatement = { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: ROOT_ARN }, Action: "kms:*", Resource: "*" };

before(async () => {
  federa = await startFedera();
  kms = kmsClient(federa.url);
  const created = await kms.send(new CreateKeyCommand({ Description: "policies tests" }));
  keyId = created.KeyMetadata!.KeyId!;
  keyArn = created.KeyMetadata!.Arn!;
});
after(() => federa.stop());

describe("GetKeyPolicy and ListKeyPolicies", () => {
  it("returns the default key policy as AWS writes it, named default, with or without PolicyName", async () => {
    const named = await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "default" }));
    assert.equal(named.Policy, defaultKeyPolicy(LAB));
    assert.equal(named.PolicyName, "default");
    const unnamed = await kms.send(new GetKeyPolicyCommand({ KeyId: keyArn }));
    assert.equal(unnamed.Policy, named.Policy);
    assert.equal(unnamed.PolicyName, "default");
  });

  it("knows no policy name but default", async () => {
    const other = await refusal(kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "other" })));
    assert.deepEqual(other, { name: "NotFoundException", message: "No such policy exists", status: 400 });
    const bad = await refusal(kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "not-a-word" })));
    assert.equal(bad.name, "ValidationException");
    assert.equal(bad.message, "1 validation error detected: Value 'not-a-word' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]+");
  });

  it("takes a key id or key ARN, not an alias, and only keys of the caller's account", async () => {
    const alias = await refusal(kms.send(new GetKeyPolicyCommand({ KeyId: "alias/anything" })));
    assert.deepEqual(alias, { name: "InvalidArnException", message: "Key Aliases are not supported for this operation.", status: 400 });
    const missing = "0b1d3f5e-1234-4abc-9def-0123456789ab";
    const unknown = await refusal(kms.send(new GetKeyPolicyCommand({ KeyId: missing })));
    assert.deepEqual(unknown, { name: "NotFoundException", message: `Key 'arn:aws:kms:us-east-1:${LAB}:key/${missing}' does not exist`, status: 400 });
    const foreign = `arn:aws:kms:us-east-1:${SECOND}:key/${keyId}`;
    const other = await refusal(kms.send(new GetKeyPolicyCommand({ KeyId: foreign })));
    assert.deepEqual(other, { name: "NotFoundException", message: `Key '${foreign}' does not exist`, status: 400 });
  });

  it("lists the one policy, default", async () => {
    const listed = await kms.send(new ListKeyPoliciesCommand({ KeyId: keyId }));
    assert.deepEqual(listed.PolicyNames, ["default"]);
    assert.equal(listed.Truncated, false);
    assert.equal(listed.NextMarker, undefined);
    const limit = await refusal(kms.send(new ListKeyPoliciesCommand({ KeyId: keyId, Limit: 0 })));
    assert.equal(limit.message, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
    const marker = await refusal(kms.send(new ListKeyPoliciesCommand({ KeyId: keyId, Marker: "not-ours" })));
    assert.equal(marker.name, "InvalidMarkerException");
  });
});

describe("PutKeyPolicy", () => {
  it("stores the policy text exactly as given", async () => {
    const text = `{\n  "Version": "2012-10-17",\n  "Id": "custom",\n  "Statement": [ ${JSON.stringify(rootStatement)} ]\n}`;
    const put = await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: text }));
    assert.equal(put.$metadata.httpStatusCode, 200);
    const got = await kms.send(new GetKeyPolicyCommand({ KeyId: keyId }));
    assert.equal(got.Policy, text);
  });

  it("refuses malformed documents with MalformedPolicyDocumentException and AWS's reason", async () => {
    const cases: [string, string][] = [
      ["{not json", "Syntax errors in policy."],
      [JSON.stringify({ Version: "2012-10-17", Statement: [rootStatement], Extra: 1 }), "Unknown field Extra"],
      [document({ ...rootStatement, Action: "kms:*", Surprise: true }), "Unknown field Surprise"],
      [document(rootStatement, { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LAB}:role/NoSuchRole` }, Action: "kms:Decrypt", Resource: "*" }), "Policy contains a statement with one or more invalid principals."],
      [document(rootStatement, { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LAB}:user/nobody` }, Action: "kms:Decrypt", Resource: "*" }), "Policy contains a statement with one or more invalid principals."],
      [document(rootStatement, { Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }), "Policy contains a statement with no principal."],
    ];
    for (const [policy, message] of cases) {
      const refused = await refusal(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: policy })));
      assert.deepEqual(refused, { name: "MalformedPolicyDocumentException", message, status: 400 }, policy);
    }
    const kept = await kms.send(new GetKeyPolicyCommand({ KeyId: keyId }));
    assert.match(kept.Policy!, /"Id": "custom"/);
  });

  it("admits existing roles and sessions of existing roles as principals", async () => {
    const policy = document(rootStatement, {
      Effect: "Allow",
      Principal: { AWS: [`arn:aws:iam::${LAB}:role/ADFS-Developers`, `arn:aws:sts::${LAB}:assumed-role/ADFS-Developers/bob@corp.example.test`, `arn:aws:iam::${SECOND}:role/ADFS-ReadOnly`] },
      Action: "kms:Decrypt",
      Resource: "*",
    });
    await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: policy }));
    assert.equal((await kms.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy, policy);
  });

  it("applies the lockout safety check unless BypassPolicyLockoutSafetyCheck", async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const lockout = document({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LAB}:role/ADFS-KeyAdmins` }, Action: "kms:*", Resource: "*" });
    const refused = await refusal(kms.send(new PutKeyPolicyCommand({ KeyId: KeyMetadata!.KeyId!, Policy: lockout })));
    assert.deepEqual(refused, { name: "MalformedPolicyDocumentException", message: "The new key policy will not allow you to update the key policy in the future.", status: 400 });
    await kms.send(new PutKeyPolicyCommand({ KeyId: KeyMetadata!.KeyId!, Policy: lockout, BypassPolicyLockoutSafetyCheck: true }));
    // The root is locked out now: the key policy neither names it nor delegates to the account.
    const locked = await refusal(kms.send(new GetKeyPolicyCommand({ KeyId: KeyMetadata!.KeyId! })));
    assert.equal(locked.name, "AccessDeniedException");
    assert.equal(locked.message, `User: ${ROOT_ARN} is not authorized to perform: kms:GetKeyPolicy on resource: ${KeyMetadata!.Arn} because no resource-based policy allows the kms:GetKeyPolicy action`);
  });

  it("offers kms:BypassPolicyLockoutSafetyCheck to key policy conditions", async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const guarded = document(rootStatement, {
      Sid: "NoBypass",
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "kms:PutKeyPolicy",
      Resource: "*",
      Condition: { Bool: { "kms:BypassPolicyLockoutSafetyCheck": "true" } },
    });
    await kms.send(new PutKeyPolicyCommand({ KeyId: KeyMetadata!.KeyId!, Policy: guarded }));
    const bypass = await refusal(kms.send(new PutKeyPolicyCommand({ KeyId: KeyMetadata!.KeyId!, Policy: guarded, BypassPolicyLockoutSafetyCheck: true })));
    assert.equal(bypass.name, "AccessDeniedException");
    assert.equal(bypass.message, `User: ${ROOT_ARN} is not authorized to perform: kms:PutKeyPolicy on resource: ${KeyMetadata!.Arn} with an explicit deny in a resource-based policy`);
    await kms.send(new PutKeyPolicyCommand({ KeyId: KeyMetadata!.KeyId!, Policy: guarded, BypassPolicyLockoutSafetyCheck: false }));
  });

  it("holds the policy to the 32 KB quota and the model's bounds", async () => {
    const padded = (size: number) => {
      const base = document(rootStatement);
      return base.slice(0, -1) + " ".repeat(size - base.length) + "}";
    };
    await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: padded(32_768) }));
    const over = await refusal(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: padded(32_769) })));
    assert.equal(over.name, "LimitExceededException");
    const huge = await refusal(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: padded(131_073) })));
    assert.equal(huge.name, "ValidationException");
    assert.match(huge.message, /^1 validation error detected: Value '.*' at 'policy' failed to satisfy constraint: Member must have length less than or equal to 131072$/s);
    const empty = await refusal(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: "" })));
    assert.equal(empty.name, "ValidationException");
    const wide = await refusal(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: document({ ...rootStatement, Sid: "Ünïcode€" }) })));
    assert.equal(wide.name, "ValidationException");
    assert.match(wide.message, /Member must satisfy regular expression pattern/);
  });

  it("works on a key pending deletion, as AWS's key state table has it", async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: KeyMetadata!.KeyId!, PendingWindowInDays: 7 }));
    assert.equal((await kms.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId! }))).KeyMetadata!.KeyState, "PendingDeletion");
    const policy = document(rootStatement);
    await kms.send(new PutKeyPolicyCommand({ KeyId: KeyMetadata!.KeyId!, Policy: policy }));
    assert.equal((await kms.send(new GetKeyPolicyCommand({ KeyId: KeyMetadata!.KeyId! }))).Policy, policy);
    assert.deepEqual((await kms.send(new ListKeyPoliciesCommand({ KeyId: KeyMetadata!.KeyId! }))).PolicyNames, ["default"]);
  });
});

describe("the trail", () => {
  it("records PutKeyPolicy's policy and flags, and GetKeyPolicy's name, never a response", () => {
    const resource = { ARN: keyArn, accountId: LAB, type: "AWS::KMS::Key" };
    const put = putKeyPolicy.trail!({ KeyId: keyId, Policy: "{}", BypassPolicyLockoutSafetyCheck: true }, quietOutput([keyResourceOf({ arn: keyArn, accountId: LAB })]));
    assert.deepEqual(put.requestParameters, { keyId, policyName: "default", policy: "{}", bypassPolicyLockoutSafetyCheck: true });
    assert.deepEqual(put.resources, [resource]);
    const get = getKeyPolicy.trail!({ KeyId: keyId }, withKeyArn({ Policy: "{}", PolicyName: "default" }, keyArn));
    assert.deepEqual(get.requestParameters, { keyId, policyName: "default" });
    assert.equal(get.responseElements, null);
    assert.deepEqual(get.resources, [resource]);
  });
});

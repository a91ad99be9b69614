// KMS key policies: the key policy must allow the caller directly or delegate to the account, and
// only then do IAM policies count; the console's administrator/user split; AWS managed keys;
// cross-account use; KMS condition keys.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { denialPhrase, evaluate, type Policy, type PolicySet, type RequestPrincipal } from "../../src/policy/index.ts";
import { ACCOUNT, OTHER_ACCOUNT, ROOT, policy, session, user } from "./helpers.ts";
import { awsManagedKeyPolicy, consoleKeyPolicy, defaultKeyPolicy, DEVELOPERS_POLICY, KEY_ADMINS_POLICY, READ_ONLY_POLICY } from "./fixtures.ts";

const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const role = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;

const admin = session("ADFS-KeyAdmins", "carol");
const developer = session("ADFS-Developers", "alice");
const auditor = session("ADFS-Auditors", "dave");
const partner = session("ADFS-ReadOnly", "erin", OTHER_ACCOUNT);

const adminPolicy = policy(KEY_ADMINS_POLICY, "identity", "ADFS-KeyAdmins-permissions");
const developerPolicy = policy(DEVELOPERS_POLICY, "identity", "ADFS-Developers-permissions");
const readOnlyPolicy = policy(READ_ONLY_POLICY, "identity", "ReadOnly-permissions");
const kmsAll = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] }, "identity", "kms-all");

const IDENTITY = new Map<string, Policy[]>([
  [admin.arn, [adminPolicy]],
  [developer.arn, [developerPolicy]],
  [auditor.arn, [readOnlyPolicy]],
  [partner.arn, [readOnlyPolicy]],
]);

function kms(principal: RequestPrincipal, action: string, keyPolicy: Policy, extra: Partial<PolicySet> = {}, context = {}) {
  return evaluate({ principal, action, resource: KEY, context }, { identity: IDENTITY.get(principal.arn) ?? [], resource: keyPolicy, ...extra });
}

describe("the default key policy delegates to IAM", () => {
  const keyPolicy = policy(defaultKeyPolicy(), "key", KEY);
  it("the root user may do anything", () => {
    const decision = kms(ROOT, "kms:ScheduleKeyDeletion", keyPolicy);
    assert.equal(decision.effect, "Allow");
    assert.deepEqual(decision.matched, [{ policy: KEY, policyType: "resource", statementIndex: 0, sid: "Enable IAM User Permissions", effect: "Allow" }]);
  });
  it("a role may do what its IAM policies allow", () => {
    assert.equal(kms(developer, "kms:Encrypt", keyPolicy).effect, "Allow");
    assert.equal(kms(admin, "kms:ScheduleKeyDeletion", keyPolicy).effect, "Allow");
  });
  it("and no more", () => {
    const decision = kms(developer, "kms:ScheduleKeyDeletion", keyPolicy);
    assert.equal(decision.effect, "ImplicitDeny");
    assert.equal(denialPhrase(decision, "kms:ScheduleKeyDeletion"), "because no identity-based policy allows the kms:ScheduleKeyDeletion action");
    assert.equal(kms(admin, "kms:Encrypt", keyPolicy).effect, "ImplicitDeny");
  });
  it("an IAM user likewise", () => {
    assert.equal(evaluate({ principal: user("bob"), action: "kms:Decrypt", resource: KEY }, { identity: [kmsAll], resource: keyPolicy }).effect, "Allow");
    assert.equal(evaluate({ principal: user("bob"), action: "kms:Decrypt", resource: KEY }, { resource: keyPolicy }).effect, "ImplicitDeny");
  });
});

describe("a key policy without the IAM statement", () => {
  const keyPolicy = policy(consoleKeyPolicy([role("ADFS-KeyAdmins")], [role("ADFS-Developers")], { enableIam: false }), "key", KEY);
  it("IAM policies alone do not allow", () => {
    const decision = evaluate({ principal: auditor, action: "kms:Decrypt", resource: KEY }, { identity: [kmsAll], resource: keyPolicy });
    assert.equal(decision.effect, "ImplicitDeny");
    assert.equal(decision.deniedBy, "resource");
    assert.equal(denialPhrase(decision, "kms:Decrypt"), "because no resource-based policy allows the kms:Decrypt action");
  });
  it("not even the root user", () => assert.equal(kms(ROOT, "kms:PutKeyPolicy", keyPolicy).deniedBy, "resource"));
  it("the principals it names need no IAM policy", () => {
    assert.equal(evaluate({ principal: developer, action: "kms:Encrypt", resource: KEY }, { resource: keyPolicy }).effect, "Allow");
    assert.equal(evaluate({ principal: admin, action: "kms:DisableKey", resource: KEY }, { resource: keyPolicy }).effect, "Allow");
  });
});

describe("the console's administrators and users (the lab's split)", () => {
  const keyPolicy = policy(consoleKeyPolicy([role("ADFS-KeyAdmins")], [role("ADFS-Developers")]), "key", KEY);
  const adminActions = ["kms:DescribeKey", "kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:DisableKey", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:TagResource", "kms:CreateAlias", "kms:GetKeyPolicy", "kms:ListResourceTags"];
  const userActions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKeyPair", "kms:DescribeKey"];
  for (const action of adminActions) {
    it(`administrators may ${action}`, () => assert.equal(kms(admin, action, keyPolicy).effect, "Allow"));
  }
  for (const action of ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom"]) {
    it(`administrators may not ${action}`, () => assert.equal(kms(admin, action, keyPolicy).effect, "ImplicitDeny"));
  }
  for (const action of userActions) {
    it(`users may ${action}`, () => assert.equal(kms(developer, action, keyPolicy).effect, "Allow"));
  }
  for (const action of ["kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy", "kms:CreateAlias"]) {
    it(`users may not ${action}`, () => assert.equal(kms(developer, action, keyPolicy).effect, "ImplicitDeny"));
  }
  it("users may create grants for AWS resources only", () => {
    assert.equal(kms(developer, "kms:CreateGrant", keyPolicy, {}, { "kms:GrantIsForAWSResource": true }).effect, "Allow");
    assert.equal(kms(developer, "kms:CreateGrant", keyPolicy, {}, { "kms:GrantIsForAWSResource": false }).effect, "ImplicitDeny");
    assert.equal(kms(developer, "kms:CreateGrant", keyPolicy).effect, "ImplicitDeny");
  });
  it("auditors read through the account delegation and their IAM policy", () => {
    assert.equal(kms(auditor, "kms:DescribeKey", keyPolicy).effect, "Allow");
    assert.equal(kms(auditor, "kms:Decrypt", keyPolicy).deniedBy, "identity");
  });
  it("a session policy narrows a key user's session", () => {
    const onlyDecrypt = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }] }, "session", "session");
    assert.equal(kms(developer, "kms:Decrypt", keyPolicy, { session: [onlyDecrypt] }).effect, "Allow");
    const decision = kms(developer, "kms:Encrypt", keyPolicy, { session: [onlyDecrypt] });
    assert.equal(decision.effect, "ImplicitDeny");
    assert.equal(decision.deniedBy, "session");
  });
  it("the decision names the key policy statement that allowed", () => {
    const decision = kms(developer, "kms:Encrypt", keyPolicy);
    assert.deepEqual(decision.matched[0], { policy: KEY, policyType: "resource", statementIndex: 2, sid: "Allow use of the key", effect: "Allow" });
    assert.equal(decision.reason, `allowed by statement 2 (Sid "Allow use of the key") of resource-based policy ${KEY}`);
  });
  it("a Deny added to the key policy beats the IAM statement", () => {
    const document = consoleKeyPolicy([role("ADFS-KeyAdmins")], [role("ADFS-Developers")]);
    document.Statement.push({ Sid: "NoDeletion", Effect: "Deny", Principal: { AWS: "*" }, Action: "kms:ScheduleKeyDeletion", Resource: "*" });
    const decision = kms(admin, "kms:ScheduleKeyDeletion", policy(document, "key", KEY));
    assert.equal(decision.effect, "ExplicitDeny");
    assert.equal(decision.matched[0]?.sid, "NoDeletion");
  });
});

describe("another account", () => {
  it("is denied when the key policy does not name it", () => {
    const keyPolicy = policy(consoleKeyPolicy([role("ADFS-KeyAdmins")], [role("ADFS-Developers")]), "key", KEY);
    const decision = kms(partner, "kms:DescribeKey", keyPolicy);
    assert.equal(decision.effect, "ImplicitDeny");
    assert.equal(decision.deniedBy, "resource");
  });
  it("is allowed when the key policy names its role and its IAM policy allows", () => {
    const keyPolicy = policy(consoleKeyPolicy([role("ADFS-KeyAdmins")], [role("ADFS-Developers"), role("ADFS-ReadOnly", OTHER_ACCOUNT)]), "key", KEY);
    assert.equal(kms(partner, "kms:DescribeKey", keyPolicy).effect, "Allow");
    const decision = kms(partner, "kms:Decrypt", keyPolicy);
    assert.equal(decision.effect, "ImplicitDeny");
    assert.equal(decision.deniedBy, "identity");
    assert.equal(evaluate({ principal: partner, action: "kms:Decrypt", resource: KEY }, { identity: [kmsAll], resource: keyPolicy }).effect, "Allow");
  });
  it("is allowed when the key policy trusts its account and its IAM policy allows", () => {
    const keyPolicy = policy({ ...defaultKeyPolicy(), Statement: [...defaultKeyPolicy().Statement, { Sid: "Partner", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: "*" }] }, "key", KEY);
    assert.equal(kms(partner, "kms:DescribeKey", keyPolicy).effect, "Allow");
    assert.equal(evaluate({ principal: partner, action: "kms:Encrypt", resource: KEY }, { identity: [kmsAll], resource: keyPolicy }).deniedBy, "resource");
  });
});

describe("AWS managed keys and KMS condition keys", () => {
  const keyPolicy = policy(awsManagedKeyPolicy(), "key", KEY);
  const viaS3 = { "kms:CallerAccount": ACCOUNT, "kms:ViaService": "s3.us-east-1.amazonaws.com" };
  it("a principal of the account may use the key through S3 without any IAM policy", () => {
    assert.equal(evaluate({ principal: auditor, action: "kms:GenerateDataKey", resource: KEY, context: viaS3 }, { resource: keyPolicy }).effect, "Allow");
  });
  it("but not directly", () => {
    assert.equal(evaluate({ principal: auditor, action: "kms:GenerateDataKey", resource: KEY, context: { "kms:CallerAccount": ACCOUNT } }, { resource: keyPolicy }).effect, "ImplicitDeny");
  });
  it("nor from another account", () => {
    assert.equal(evaluate({ principal: partner, action: "kms:Decrypt", resource: KEY, context: { ...viaS3, "kms:CallerAccount": OTHER_ACCOUNT } }, { identity: [kmsAll], resource: keyPolicy }).effect, "ImplicitDeny");
  });
  it("metadata is readable through IAM delegation", () => {
    assert.equal(kms(auditor, "kms:DescribeKey", keyPolicy).effect, "Allow");
  });
  it("encryption context conditions", () => {
    const document = defaultKeyPolicy();
    const withContext = policy({
      ...document,
      Statement: [
        { Sid: "UseForSales", Effect: "Allow", Principal: { AWS: role("ADFS-Developers") }, Action: ["kms:Encrypt", "kms:Decrypt"], Resource: "*", Condition: { StringEquals: { "kms:EncryptionContext:Department": "Sales" }, "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["Department", "Project"] } } },
      ],
    }, "key", KEY);
    const run = (context: Record<string, string | string[]>) => evaluate({ principal: developer, action: "kms:Encrypt", resource: KEY, context }, { resource: withContext }).effect;
    assert.equal(run({ "kms:EncryptionContext:Department": "Sales", "kms:EncryptionContextKeys": ["Department"] }), "Allow");
    assert.equal(run({ "kms:EncryptionContext:department": "Sales", "kms:EncryptionContextKeys": ["Department"] }), "Allow");
    assert.equal(run({ "kms:EncryptionContext:Department": "HR", "kms:EncryptionContextKeys": ["Department"] }), "ImplicitDeny");
    assert.equal(run({ "kms:EncryptionContext:Department": "Sales", "kms:EncryptionContextKeys": ["Department", "Secret"] }), "ImplicitDeny");
  });
});

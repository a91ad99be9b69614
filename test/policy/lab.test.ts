// The seed lab's policies end to end: the SSE-KMS bucket policy and the ADFS roles' SAML trust.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { evaluate, parsePolicy } from "../../src/policy/index.ts";
import { ACCOUNT, OTHER_ACCOUNT, federated, policy, session } from "./helpers.ts";
import { DEVELOPERS_POLICY, READ_ONLY_POLICY, samlTrustPolicy, sseKmsBucketPolicy } from "./fixtures.ts";

describe("the lab bucket policy: PutObject only with SSE-KMS", () => {
  const bucketPolicy = policy(sseKmsBucketPolicy(), "resource", "federa-lab");
  const developer = session("ADFS-Developers", "alice");
  const identity = [policy(DEVELOPERS_POLICY, "identity", "ADFS-Developers-permissions")];
  const put = (context: Record<string, string>) =>
    evaluate({ principal: developer, action: "s3:PutObject", resource: "arn:aws:s3:::federa-lab/reports/q1.csv", context }, { identity, resource: bucketPolicy });

  it("denied without the encryption header (a missing key makes StringNotEquals true)", () => {
    const decision = put({});
    assert.equal(decision.effect, "ExplicitDeny");
    assert.deepEqual(decision.matched, [{ policy: "federa-lab", policyType: "resource", statementIndex: 0, sid: "DenyIncorrectEncryptionHeader", effect: "Deny" }]);
  });
  it("denied with AES256", () => assert.equal(put({ "s3:x-amz-server-side-encryption": "AES256" }).effect, "ExplicitDeny"));
  it("allowed with aws:kms", () => {
    const decision = put({ "s3:x-amz-server-side-encryption": "aws:kms" });
    assert.equal(decision.effect, "Allow");
    assert.equal(decision.matched[0]?.sid, "UseS3");
  });
  it("the header value is case-sensitive", () => assert.equal(put({ "s3:x-amz-server-side-encryption": "AWS:KMS" }).effect, "ExplicitDeny"));
  it("reads are not affected", () => {
    const get = evaluate({ principal: developer, action: "s3:GetObject", resource: "arn:aws:s3:::federa-lab/reports/q1.csv" }, { identity, resource: bucketPolicy });
    assert.equal(get.effect, "Allow");
  });
  it("a reader of the other account has no way in without the bucket policy naming it", () => {
    const reader = session("ADFS-ReadOnly", "erin", OTHER_ACCOUNT);
    const get = evaluate({ principal: reader, action: "s3:GetObject", resource: "arn:aws:s3:::federa-lab/x", resourceAccount: ACCOUNT }, { identity: [policy(READ_ONLY_POLICY)], resource: bucketPolicy });
    assert.equal(get.deniedBy, "resource");
  });
});

describe("the ADFS roles' trust policy", () => {
  const trust = parsePolicy(JSON.stringify(samlTrustPolicy()), "trust", { label: "ADFS-Developers-trust" });
  const ROLE = `arn:aws:iam::${ACCOUNT}:role/ADFS-Developers`;
  const assume = (action: string, context: Record<string, string>, provider?: string) =>
    evaluate({ principal: federated(provider), action, resource: ROLE, context }, { resource: trust });

  it("allows AssumeRoleWithSAML from the account's ADFS provider for AWS's audience", () => {
    const decision = assume("sts:AssumeRoleWithSAML", { "SAML:aud": "https://signin.aws.amazon.com/saml" });
    assert.equal(decision.effect, "Allow");
    assert.deepEqual(decision.matched, [{ policy: "ADFS-Developers-trust", policyType: "resource", statementIndex: 0, sid: undefined, effect: "Allow" }]);
  });
  it("the condition key's case does not matter (saml:aud)", () => {
    assert.equal(assume("sts:AssumeRoleWithSAML", { "saml:aud": "https://signin.aws.amazon.com/saml" }).effect, "Allow");
  });
  it("allows sts:TagSession under the same condition", () => {
    assert.equal(assume("sts:TagSession", { "SAML:aud": "https://signin.aws.amazon.com/saml" }).effect, "Allow");
  });
  it("refuses another audience", () => {
    const decision = assume("sts:AssumeRoleWithSAML", { "SAML:aud": "https://evil.example/saml" });
    assert.equal(decision.effect, "ImplicitDeny");
    assert.equal(decision.deniedBy, "resource");
  });
  it("refuses an assertion without an audience", () => assert.equal(assume("sts:AssumeRoleWithSAML", {}).effect, "ImplicitDeny"));
  it("refuses another provider", () => {
    assert.equal(assume("sts:AssumeRoleWithSAML", { "SAML:aud": "https://signin.aws.amazon.com/saml" }, `arn:aws:iam::${ACCOUNT}:saml-provider/Other`).effect, "ImplicitDeny");
    assert.equal(assume("sts:AssumeRoleWithSAML", { "SAML:aud": "https://signin.aws.amazon.com/saml" }, `arn:aws:iam::${OTHER_ACCOUNT}:saml-provider/ADFS`).effect, "ImplicitDeny");
  });
  it("refuses other actions (sts:SetSourceIdentity, sts:AssumeRole)", () => {
    assert.equal(assume("sts:SetSourceIdentity", { "SAML:aud": "https://signin.aws.amazon.com/saml" }).effect, "ImplicitDeny");
    assert.equal(assume("sts:AssumeRole", { "SAML:aud": "https://signin.aws.amazon.com/saml" }).effect, "ImplicitDeny");
  });
  it("an IAM role session of the account cannot assume the role: trust policies are primary", () => {
    const admin = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
    const decision = evaluate({ principal: session("Admin", "x"), action: "sts:AssumeRole", resource: ROLE }, { identity: [admin], resource: trust });
    assert.equal(decision.deniedBy, "resource");
  });
});

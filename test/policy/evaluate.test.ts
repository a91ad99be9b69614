// AWS's evaluation logic across policy types: explicit deny first; identity and resource policies
// within one account and across accounts; permissions boundaries and session policies
// intersecting; the root user; callers without identity policies; grants; the decision's record.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { denialPhrase, evaluate, grantsFor, type PolicySet, type RequestContext, type RequestPrincipal } from "../../src/policy/index.ts";
import { ACCOUNT, ANONYMOUS, OTHER_ACCOUNT, ROOT, policy, session, user } from "./helpers.ts";

const OBJECT = "arn:aws:s3:::data/report.csv";
const allowS3 = policy({ Version: "2012-10-17", Statement: [{ Sid: "ReadData", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*" }] }, "identity", "ReadData");
const denyS3 = policy({ Version: "2012-10-17", Statement: [{ Sid: "NoData", Effect: "Deny", Action: "s3:*", Resource: "*" }] }, "identity", "NoData");
const onlyKms = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] }, "identity", "OnlyKms");
const everything = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }, "identity", "Everything");

function bucket(principal: unknown, effect = "Allow", extra: Record<string, unknown> = {}) {
  return policy({ Version: "2012-10-17", Statement: [{ Sid: "Bucket", Effect: effect, Principal: principal, Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*", ...extra }] }, "resource", "data");
}

function request(principal: RequestPrincipal, resourceAccount = ACCOUNT, action = "s3:GetObject"): RequestContext {
  return { principal, action, resource: OBJECT, resourceAccount };
}

const alice = user("alice");
const dev = session("ADFS-Developers", "alice");
const devRole = `arn:aws:iam::${ACCOUNT}:role/ADFS-Developers`;

describe("explicit deny", () => {
  it("a Deny in an identity policy beats an Allow in the same policy set", () => {
    const decision = evaluate(request(alice), { identity: [allowS3, denyS3] });
    assert.equal(decision.effect, "ExplicitDeny");
    assert.deepEqual(decision.matched, [{ policy: "NoData", policyType: "identity", statementIndex: 0, sid: "NoData", effect: "Deny" }]);
    assert.equal(decision.deniedBy, "identity");
    assert.equal(denialPhrase(decision, "s3:GetObject"), "with an explicit deny in an identity-based policy");
  });
  it("a Deny in the resource policy beats an Allow in the identity policy", () => {
    const decision = evaluate(request(alice), { identity: [allowS3], resource: bucket("*", "Deny") });
    assert.equal(decision.effect, "ExplicitDeny");
    assert.equal(denialPhrase(decision, "s3:GetObject"), "with an explicit deny in a resource-based policy");
  });
  it("a Deny naming the account applies to everyone in it", () => {
    assert.equal(evaluate(request(alice), { identity: [allowS3], resource: bucket({ AWS: ACCOUNT }, "Deny") }).effect, "ExplicitDeny");
  });
  it("a Deny in a session policy or boundary", () => {
    const deny = policy({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:GetObject", Resource: "*" }] }, "session", "s");
    const d1 = evaluate(request(dev), { identity: [allowS3], session: [deny] });
    assert.equal(d1.effect, "ExplicitDeny");
    assert.equal(denialPhrase(d1, "s3:GetObject"), "with an explicit deny in a session policy");
    const d2 = evaluate(request(dev), { identity: [allowS3], boundary: deny });
    assert.equal(denialPhrase(d2, "s3:GetObject"), "with an explicit deny in a permissions boundary");
  });
  it("the root user is bound by explicit denies in resource policies", () => {
    assert.equal(evaluate(request(ROOT), { resource: bucket("*", "Deny") }).effect, "ExplicitDeny");
  });
  it("every applying Deny is recorded", () => {
    assert.equal(evaluate(request(alice), { identity: [denyS3], resource: bucket("*", "Deny") }).matched.length, 2);
  });
});

describe("within one account", () => {
  it("an identity policy alone allows", () => {
    const decision = evaluate(request(alice), { identity: [allowS3] });
    assert.equal(decision.effect, "Allow");
    assert.deepEqual(decision.matched, [{ policy: "ReadData", policyType: "identity", statementIndex: 0, sid: "ReadData", effect: "Allow" }]);
  });
  it("no policy: implicit deny, naming the identity-based policy", () => {
    const decision = evaluate(request(alice), { identity: [onlyKms] });
    assert.equal(decision.effect, "ImplicitDeny");
    assert.equal(decision.deniedBy, "identity");
    assert.equal(denialPhrase(decision, "s3:GetObject"), "because no identity-based policy allows the s3:GetObject action");
  });
  it("a bucket policy naming the user allows without an identity policy", () => {
    assert.equal(evaluate(request(alice), { resource: bucket({ AWS: alice.arn }) }).effect, "Allow");
  });
  it("a bucket policy naming the role allows its sessions without an identity policy", () => {
    assert.equal(evaluate(request(dev), { resource: bucket({ AWS: devRole }) }).effect, "Allow");
  });
  it("a bucket policy naming only the account delegates to IAM", () => {
    assert.equal(evaluate(request(alice), { resource: bucket({ AWS: ACCOUNT }) }).effect, "ImplicitDeny");
    const decision = evaluate(request(alice), { identity: [allowS3], resource: bucket({ AWS: `arn:aws:iam::${ACCOUNT}:root` }) });
    assert.equal(decision.effect, "Allow");
    assert.deepEqual(decision.matched.map((m) => m.policyType), ["identity", "resource"]);
  });
  it("the root user needs no identity policy", () => {
    assert.equal(evaluate(request(ROOT), {}).effect, "Allow");
  });
  it("conditions in the resource policy apply", () => {
    const secure = bucket({ AWS: alice.arn }, "Allow", { Condition: { Bool: { "aws:SecureTransport": "true" } } });
    assert.equal(evaluate({ ...request(alice), context: { "aws:SecureTransport": true } }, { resource: secure }).effect, "Allow");
    assert.equal(evaluate({ ...request(alice), context: { "aws:SecureTransport": false } }, { resource: secure }).effect, "ImplicitDeny");
  });
});

describe("across accounts", () => {
  const partner = session("ADFS-ReadOnly", "erin", OTHER_ACCOUNT);
  const partnerRole = `arn:aws:iam::${OTHER_ACCOUNT}:role/ADFS-ReadOnly`;
  it("an identity policy alone is not enough", () => {
    const decision = evaluate(request(partner), { identity: [allowS3] });
    assert.equal(decision.effect, "ImplicitDeny");
    assert.equal(denialPhrase(decision, "s3:GetObject"), "because no resource-based policy allows the s3:GetObject action");
  });
  it("a resource policy alone is not enough", () => {
    const decision = evaluate(request(partner), { resource: bucket({ AWS: partnerRole }) });
    assert.equal(decision.effect, "ImplicitDeny");
    assert.equal(decision.deniedBy, "identity");
  });
  it("both together allow", () => {
    const decision = evaluate(request(partner), { identity: [allowS3], resource: bucket({ AWS: partnerRole }) });
    assert.equal(decision.effect, "Allow");
    assert.deepEqual(decision.matched.map((m) => m.policyType), ["identity", "resource"]);
  });
  it("trusting the other account delegates to its IAM policies", () => {
    assert.equal(evaluate(request(partner), { identity: [allowS3], resource: bucket({ AWS: OTHER_ACCOUNT }) }).effect, "Allow");
    assert.equal(evaluate(request(partner), { identity: [onlyKms], resource: bucket({ AWS: OTHER_ACCOUNT }) }).effect, "ImplicitDeny");
  });
  it("the other account's root user needs only the resource policy", () => {
    const otherRoot: RequestPrincipal = { type: "root", arn: `arn:aws:iam::${OTHER_ACCOUNT}:root`, accountId: OTHER_ACCOUNT };
    assert.equal(evaluate(request(otherRoot), { resource: bucket({ AWS: OTHER_ACCOUNT }) }).effect, "Allow");
    assert.equal(evaluate(request(otherRoot), {}).effect, "ImplicitDeny");
  });
  it("the resource's account comes from the ARN when not given", () => {
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`;
    const kmsAll = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] });
    assert.equal(evaluate({ principal: partner, action: "kms:Decrypt", resource: key }, { identity: [kmsAll] }).effect, "ImplicitDeny");
    assert.equal(evaluate({ principal: dev, action: "kms:Decrypt", resource: key }, { identity: [kmsAll] }).effect, "Allow");
  });
});

describe("session policies intersect", () => {
  const sessionS3 = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }, "session", "session-inline");
  const sessionKms = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] }, "session", "session-kms");
  it("allowed when both the role's policy and the session policy allow", () => {
    const decision = evaluate(request(dev), { identity: [everything], session: [sessionS3] });
    assert.equal(decision.effect, "Allow");
    assert.deepEqual(decision.matched.map((m) => m.policy), ["Everything", "session-inline"]);
  });
  it("a session policy cannot grant what the role's policies do not", () => {
    assert.equal(evaluate(request(dev), { identity: [onlyKms], session: [sessionS3] }).deniedBy, "identity");
  });
  it("the role's policy is cut to the session policy", () => {
    const decision = evaluate(request(dev), { identity: [everything], session: [sessionKms] });
    assert.equal(decision.effect, "ImplicitDeny");
    assert.equal(denialPhrase(decision, "s3:GetObject"), "because no session policy allows the s3:GetObject action");
  });
  it("several session policies: any one may allow", () => {
    assert.equal(evaluate(request(dev), { identity: [everything], session: [sessionKms, sessionS3] }).effect, "Allow");
  });
  it("a resource policy naming the role is limited by the session policy", () => {
    assert.equal(evaluate(request(dev), { resource: bucket({ AWS: devRole }), session: [sessionKms] }).effect, "ImplicitDeny");
    assert.equal(evaluate(request(dev), { resource: bucket({ AWS: devRole }), session: [sessionS3] }).effect, "Allow");
  });
  it("a resource policy naming the session itself is not", () => {
    assert.equal(evaluate(request(dev), { resource: bucket({ AWS: dev.arn }), session: [sessionKms] }).effect, "Allow");
  });
});

describe("permissions boundaries intersect", () => {
  const boundaryS3 = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }, "identity", "boundary");
  const boundaryKms = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] }, "identity", "boundary");
  it("the identity policy is cut to the boundary", () => {
    assert.equal(evaluate(request(alice), { identity: [everything], boundary: boundaryS3 }).effect, "Allow");
    const decision = evaluate(request(alice), { identity: [everything], boundary: boundaryKms });
    assert.equal(decision.effect, "ImplicitDeny");
    assert.equal(denialPhrase(decision, "s3:GetObject"), "because no permissions boundary allows the s3:GetObject action");
  });
  it("a boundary grants nothing by itself", () => {
    assert.equal(evaluate(request(alice), { boundary: boundaryS3 }).deniedBy, "identity");
  });
  it("a resource policy naming the user is not limited by the boundary", () => {
    assert.equal(evaluate(request(alice), { resource: bucket({ AWS: alice.arn }), boundary: boundaryKms }).effect, "Allow");
  });
  it("a resource policy naming the role is", () => {
    assert.equal(evaluate(request(dev), { resource: bucket({ AWS: devRole }), boundary: boundaryKms }).effect, "ImplicitDeny");
  });
});

describe("callers without identity policies", () => {
  it("anonymous: only a resource policy naming everyone allows", () => {
    assert.equal(evaluate(request(ANONYMOUS), { resource: bucket("*") }).effect, "Allow");
    const decision = evaluate(request(ANONYMOUS), { resource: bucket({ AWS: alice.arn }) });
    assert.equal(decision.effect, "ImplicitDeny");
    assert.equal(decision.deniedBy, "resource");
  });
  it("a service principal named by the resource policy", () => {
    const trail: RequestPrincipal = { type: "service", arn: "cloudtrail.amazonaws.com" };
    assert.equal(evaluate(request(trail), { resource: bucket({ Service: "cloudtrail.amazonaws.com" }) }).effect, "Allow");
    assert.equal(evaluate(request(trail), { identity: [everything] }).effect, "ImplicitDeny");
  });
});

describe("grants", () => {
  const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`;
  const keyPolicy = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Admins` }, Action: "kms:*", Resource: "*" }] }, "key", "key-policy");
  const grants = grantsFor([{ grantId: "g-1", granteePrincipal: devRole, operations: ["Encrypt", "kms:Decrypt"] }]);
  const kms = (action: string, set: PolicySet) => evaluate({ principal: dev, action, resource: key }, set);
  it("a grant allows its operations to its grantee", () => {
    const decision = kms("kms:Encrypt", { resource: keyPolicy, grants });
    assert.equal(decision.effect, "Allow");
    assert.deepEqual(decision.matched, [{ policy: "g-1", policyType: "grant", statementIndex: -1, sid: undefined, effect: "Allow" }]);
  });
  it("and nothing else", () => {
    assert.equal(kms("kms:ScheduleKeyDeletion", { resource: keyPolicy, grants }).deniedBy, "resource");
    assert.equal(evaluate({ principal: session("Other", "x"), action: "kms:Encrypt", resource: key }, { resource: keyPolicy, grants }).effect, "ImplicitDeny");
  });
  it("an explicit deny beats a grant", () => {
    const deny = policy({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "kms:Encrypt", Resource: "*" }] });
    assert.equal(kms("kms:Encrypt", { identity: [deny], resource: keyPolicy, grants }).effect, "ExplicitDeny");
  });
  it("the hook sees the request, so constraints can be checked", () => {
    const constrained = grantsFor([{ grantId: "g-2", granteePrincipal: dev.arn, operations: ["Decrypt"], accepts: (r) => r.context?.["kms:EncryptionContext:dept"] === "sales" }]);
    assert.equal(evaluate({ principal: dev, action: "kms:Decrypt", resource: key, context: { "kms:EncryptionContext:dept": "sales" } }, { resource: keyPolicy, grants: constrained }).effect, "Allow");
    assert.equal(evaluate({ principal: dev, action: "kms:Decrypt", resource: key, context: { "kms:EncryptionContext:dept": "hr" } }, { resource: keyPolicy, grants: constrained }).effect, "ImplicitDeny");
  });
});

describe("global keys derived from the principal", () => {
  const cond = (condition: unknown) => policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: condition }] });
  const run = (principal: RequestPrincipal, condition: unknown, context = {}) => evaluate({ ...request(principal), context }, { identity: [cond(condition)] }).effect;
  it("aws:PrincipalArn of a role session is the role's ARN", () => {
    assert.equal(run(dev, { ArnEquals: { "aws:PrincipalArn": devRole } }), "Allow");
    assert.equal(run(dev, { ArnEquals: { "aws:PrincipalArn": dev.arn } }), "ImplicitDeny");
  });
  it("aws:PrincipalAccount, aws:PrincipalType, aws:username, aws:userid", () => {
    assert.equal(run(alice, { StringEquals: { "aws:PrincipalAccount": ACCOUNT, "aws:PrincipalType": "User", "aws:username": "alice" } }), "Allow");
    assert.equal(run(dev, { StringEquals: { "aws:PrincipalType": "AssumedRole" } }), "Allow");
    assert.equal(run(dev, { StringLike: { "aws:userid": "AROA*:alice" } }), "Allow");
    assert.equal(run(dev, { Null: { "aws:username": "true" } }), "Allow");
  });
  it("a value in the context wins over the derived one", () => {
    assert.equal(run(alice, { StringEquals: { "aws:PrincipalAccount": "999999999999" } }, { "aws:PrincipalAccount": "999999999999" }), "Allow");
  });
});

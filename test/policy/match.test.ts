// Action/NotAction, Resource/NotResource and Principal/NotPrincipal matching.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { evaluate, type RequestPrincipal } from "../../src/policy/index.ts";
import { ACCOUNT, ANONYMOUS, OTHER_ACCOUNT, ROOT, federated, policy, session, user } from "./helpers.ts";

function allows(statement: Record<string, unknown>, action: string, resource: string, principal: RequestPrincipal = user("alice")): boolean {
  const compiled = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", ...statement }] });
  return evaluate({ principal, action, resource }, { identity: [compiled] }).effect === "Allow";
}

describe("Action and NotAction", () => {
  const rows: [string, Record<string, unknown>, string, boolean][] = [
    ["exact action", { Action: "kms:Encrypt", Resource: "*" }, "kms:Encrypt", true],
    ["the service prefix is case-insensitive", { Action: "KMS:Encrypt", Resource: "*" }, "kms:Encrypt", true],
    ["the action name is case-insensitive", { Action: "kms:encrypt", Resource: "*" }, "kms:Encrypt", true],
    ["another action", { Action: "kms:Encrypt", Resource: "*" }, "kms:Decrypt", false],
    ["another service with the same action name", { Action: "kms:Encrypt", Resource: "*" }, "s3:Encrypt", false],
    ["`*` in the action", { Action: "kms:ReEncrypt*", Resource: "*" }, "kms:ReEncryptFrom", true],
    ["`*` in the action (case-insensitive)", { Action: "kms:generatedatakey*", Resource: "*" }, "kms:GenerateDataKeyWithoutPlaintext", true],
    ["`*` matches no characters too", { Action: "kms:GenerateDataKey*", Resource: "*" }, "kms:GenerateDataKey", true],
    ["`?` matches one character", { Action: "s3:Get?bject", Resource: "*" }, "s3:GetObject", true],
    ["`?` needs a character", { Action: "s3:GetObject?", Resource: "*" }, "s3:GetObject", false],
    ["service wildcard", { Action: "kms:*", Resource: "*" }, "kms:ScheduleKeyDeletion", true],
    ["everything", { Action: "*", Resource: "*" }, "sts:AssumeRole", true],
    ["a list of actions", { Action: ["kms:Encrypt", "kms:Decrypt"], Resource: "*" }, "kms:Decrypt", true],
    ["NotAction: a listed action is not allowed", { NotAction: "iam:*", Resource: "*" }, "iam:CreateUser", false],
    ["NotAction: everything else is", { NotAction: "iam:*", Resource: "*" }, "kms:Encrypt", true],
    ["NotAction: case-insensitive", { NotAction: "IAM:*", Resource: "*" }, "iam:CreateUser", false],
  ];
  for (const [name, statement, action, expected] of rows) it(name, () => assert.equal(allows(statement, action, "arn:aws:kms:us-east-1:111122223333:key/1"), expected));
});

describe("Resource and NotResource", () => {
  const key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const rows: [string, unknown, string, boolean][] = [
    ["exact ARN", key, key, true],
    ["the resource part is case-sensitive", "arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/x", false],
    ["`*`", "*", key, true],
    ["a key wildcard", "arn:aws:kms:*:111122223333:key/*", key, true],
    ["another account", "arn:aws:kms:*:444455556666:key/*", key, false],
    ["a region wildcard does not match an alias", "arn:aws:kms:*:111122223333:alias/*", key, false],
    ["`*` in the resource part spans slashes", "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c.txt", true],
    ["the bucket itself is not its objects", "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false],
    ["`?` in the resource part", "arn:aws:s3:::bucket-?", "arn:aws:s3:::bucket-1", true],
    ["`*` inside a component does not cross a colon", "arn:aws:kms:us-*1:111122223333:key/*", "arn:aws:kms:us-east-1:111122223333:key/x", true],
    ["a component wildcard followed by text stays in its component", "arn:aws:sqs:us-*t-1:111122223333:q", "arn:aws:sqs:us-east-1:999:111122223333:q", false],
    ["a `*` ending a component may run past the colon", "arn:aws:sqs:*:q", "arn:aws:sqs:us-east-1:111122223333:q", true],
    ["a list of resources", ["arn:aws:s3:::a", "arn:aws:s3:::b/*"], "arn:aws:s3:::b/k", true],
  ];
  for (const [name, resource, requested, expected] of rows) {
    it(name, () => assert.equal(allows({ Action: "*", Resource: resource }, "s3:GetObject", requested), expected));
  }
  it("NotResource allows everything but the listed resources", () => {
    const statement = { Action: "s3:*", NotResource: ["arn:aws:s3:::secret", "arn:aws:s3:::secret/*"] };
    assert.equal(allows(statement, "s3:GetObject", "arn:aws:s3:::public/x"), true);
    assert.equal(allows(statement, "s3:GetObject", "arn:aws:s3:::secret/x"), false);
    assert.equal(allows(statement, "s3:ListBucket", "arn:aws:s3:::secret"), false);
  });
  it("NotAction with NotResource", () => {
    const statement = { NotAction: "s3:DeleteObject", NotResource: "arn:aws:s3:::secret/*" };
    assert.equal(allows(statement, "s3:GetObject", "arn:aws:s3:::public/x"), true);
    assert.equal(allows(statement, "s3:DeleteObject", "arn:aws:s3:::public/x"), false);
    assert.equal(allows(statement, "s3:GetObject", "arn:aws:s3:::secret/x"), false);
  });
});

describe("Principal", () => {
  const bucket = "arn:aws:s3:::shared/x";
  function grants(principal: unknown, caller: RequestPrincipal, resourceAccount = ACCOUNT): boolean {
    const bucketPolicy = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "s3:GetObject", Resource: "arn:aws:s3:::shared/*" }] }, "resource");
    return evaluate({ principal: caller, action: "s3:GetObject", resource: bucket, resourceAccount }, { resource: bucketPolicy }).effect === "Allow";
  }
  const alice = user("alice");
  const dev = session("ADFS-Developers", "alice");
  const rows: [string, unknown, RequestPrincipal, boolean][] = [
    ['"*" admits everyone', "*", ANONYMOUS, true],
    ['{"AWS": "*"} admits everyone', { AWS: "*" }, ANONYMOUS, true],
    ["a user ARN names that user", { AWS: alice.arn }, alice, true],
    ["a user ARN does not name another user", { AWS: alice.arn }, user("bob"), false],
    ["a role ARN names its sessions", { AWS: `arn:aws:iam::${ACCOUNT}:role/ADFS-Developers` }, dev, true],
    ["a role ARN does not name another role's sessions", { AWS: `arn:aws:iam::${ACCOUNT}:role/ADFS-Auditors` }, dev, false],
    ["a role ARN with a path names the sessions of that role", { AWS: `arn:aws:iam::${ACCOUNT}:role/team/Dev` }, session("Dev", "s", ACCOUNT, "/team/"), true],
    ["a session ARN names that session", { AWS: dev.arn }, dev, true],
    ["a session ARN does not name another session of the role", { AWS: dev.arn }, session("ADFS-Developers", "bob"), false],
    ["the account's root ARN names the root user", { AWS: `arn:aws:iam::${ACCOUNT}:root` }, ROOT, true],
    ["an account id names the root user", { AWS: ACCOUNT }, ROOT, true],
    ["the account alone does not grant a user (it delegates to IAM)", { AWS: ACCOUNT }, alice, false],
    ["a SAML provider names its federated callers", { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/ADFS` }, federated(), true],
    ["another provider does not", { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/Other` }, federated(), false],
    ["a service principal", { Service: "cloudtrail.amazonaws.com" }, { type: "service", arn: "cloudtrail.amazonaws.com" }, true],
    ["another service principal", { Service: "cloudtrail.amazonaws.com" }, { type: "service", arn: "config.amazonaws.com" }, false],
    ["anonymous callers only match *", { AWS: alice.arn }, ANONYMOUS, false],
    ["a canonical user", { CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }, { type: "anonymous", arn: "*", canonicalUserId: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }, true],
    ["a list mixing types", { AWS: [alice.arn], Service: ["s3.amazonaws.com"] }, { type: "service", arn: "s3.amazonaws.com" }, true],
  ];
  for (const [name, element, caller, expected] of rows) it(name, () => assert.equal(grants(element, caller), expected));
});

describe("NotPrincipal", () => {
  const resource = "arn:aws:s3:::vault/x";
  function denied(notPrincipal: unknown, caller: RequestPrincipal, hasBoundary = false): boolean {
    const bucketPolicy = policy({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::vault/*" },
        { Effect: "Deny", NotPrincipal: notPrincipal, Action: "s3:*", Resource: "arn:aws:s3:::vault/*" },
      ],
    }, "resource");
    const boundary = hasBoundary ? policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) : undefined;
    return evaluate({ principal: caller, action: "s3:GetObject", resource, resourceAccount: ACCOUNT }, { resource: bucketPolicy, ...(boundary ? { boundary } : {}) }).effect === "ExplicitDeny";
  }
  const dev = session("ADFS-Developers", "alice");
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/ADFS-Developers`;
  const accountArn = `arn:aws:iam::${ACCOUNT}:root`;
  it("a session is excluded only when its account, role and session are all listed", () => {
    assert.equal(denied({ AWS: [accountArn, roleArn, dev.arn] }, dev), false);
    assert.equal(denied({ AWS: [roleArn, dev.arn] }, dev), true);
    assert.equal(denied({ AWS: [accountArn, roleArn] }, dev), true);
  });
  it("a user is excluded with its account and user ARN", () => {
    const alice = user("alice");
    assert.equal(denied({ AWS: [accountArn, alice.arn] }, alice), false);
    assert.equal(denied({ AWS: [alice.arn] }, alice), true);
    assert.equal(denied({ AWS: [accountArn, alice.arn] }, user("bob")), true);
  });
  it("the root user is excluded by its account", () => {
    assert.equal(denied({ AWS: ACCOUNT }, ROOT), false);
    assert.equal(denied({ AWS: OTHER_ACCOUNT }, ROOT), true);
  });
  it("a caller with a permissions boundary is always denied, as IAM warns", () => {
    assert.equal(denied({ AWS: [accountArn, roleArn, dev.arn] }, dev, true), true);
  });
  it("anonymous callers are denied", () => assert.equal(denied({ AWS: accountArn }, ANONYMOUS), true));
});

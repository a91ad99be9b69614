// Policy variables (IAM "Policy elements: Variables and tags"): in Resource and in condition
// values, Version 2012-10-17 only; defaults; the `${*}`, `${?}`, `${$}` escapes; unresolved keys.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { evaluate, type ContextValue, type RequestPrincipal } from "../../src/policy/index.ts";
import { federated, holds, policy, session, user } from "./helpers.ts";

function allowed(resourcePattern: string, requested: string, principal: RequestPrincipal = user("alice"), context: Record<string, ContextValue> = {}, version: string | null = "2012-10-17"): boolean {
  const document: Record<string, unknown> = { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: resourcePattern }] };
  if (version) document.Version = version;
  return evaluate({ principal, action: "s3:GetObject", resource: requested, context }, { identity: [policy(document)] }).effect === "Allow";
}

describe("policy variables in Resource", () => {
  const home = "arn:aws:s3:::home/${aws:username}/*";
  it("${aws:username} is the IAM user's name", () => {
    assert.equal(allowed(home, "arn:aws:s3:::home/alice/notes.txt"), true);
    assert.equal(allowed(home, "arn:aws:s3:::home/bob/notes.txt"), false);
  });
  it("variable names are case-insensitive", () => {
    assert.equal(allowed("arn:aws:s3:::home/${AWS:UserName}/*", "arn:aws:s3:::home/alice/x"), true);
  });
  it("a role session has no aws:username: the statement matches nothing", () => {
    assert.equal(allowed(home, "arn:aws:s3:::home/alice/x", session("Dev", "alice")), false);
  });
  it("${aws:userid} of a role session is AROA…:<session>", () => {
    const dev = session("Dev", "alice");
    assert.equal(allowed("arn:aws:s3:::home/${aws:userid}/*", `arn:aws:s3:::home/${dev.userId}/x`, dev), true);
  });
  it("${aws:PrincipalTag/x} comes from the context", () => {
    const pattern = "arn:aws:s3:::teams/${aws:PrincipalTag/team}/*";
    assert.equal(allowed(pattern, "arn:aws:s3:::teams/red/x", session("Dev", "alice"), { "aws:PrincipalTag/team": "red" }), true);
    assert.equal(allowed(pattern, "arn:aws:s3:::teams/blue/x", session("Dev", "alice"), { "aws:PrincipalTag/team": "red" }), false);
  });
  it("${saml:sub} for a federated session", () => {
    assert.equal(allowed("arn:aws:s3:::home/${saml:sub}/*", "arn:aws:s3:::home/alice@corp/x", session("Dev", "alice"), { "saml:sub": "alice@corp" }), true);
  });
  it("a default value stands in for an absent key", () => {
    const pattern = "arn:aws:s3:::teams/${aws:PrincipalTag/team, 'company-wide'}/*";
    assert.equal(allowed(pattern, "arn:aws:s3:::teams/company-wide/x"), true);
    assert.equal(allowed(pattern, "arn:aws:s3:::teams/red/x", user("alice"), { "aws:PrincipalTag/team": "red" }), true);
    assert.equal(allowed(pattern, "arn:aws:s3:::teams/company-wide/x", user("alice"), { "aws:PrincipalTag/team": "red" }), false);
  });
  it("a quote inside a default is written twice; spaces around it are ignored", () => {
    assert.equal(allowed("arn:aws:s3:::x/${ aws:PrincipalTag/t ,  'it''s' }", "arn:aws:s3:::x/it's", session("Dev", "a")), true);
  });
  it("a substituted value is literal: its `*` is no wildcard", () => {
    const star = user("a*");
    assert.equal(allowed("arn:aws:s3:::home/${aws:username}", "arn:aws:s3:::home/a*", star), true);
    assert.equal(allowed("arn:aws:s3:::home/${aws:username}", "arn:aws:s3:::home/abc", star), false);
  });
  it("${*}, ${?} and ${$} are a literal *, ? and $", () => {
    assert.equal(allowed("arn:aws:s3:::b/a${*}c", "arn:aws:s3:::b/a*c"), true);
    assert.equal(allowed("arn:aws:s3:::b/a${*}c", "arn:aws:s3:::b/abc"), false);
    assert.equal(allowed("arn:aws:s3:::b/a${?}c", "arn:aws:s3:::b/a?c"), true);
    assert.equal(allowed("arn:aws:s3:::b/a${?}c", "arn:aws:s3:::b/abc"), false);
    assert.equal(allowed("arn:aws:s3:::b/${$}{aws:username}", "arn:aws:s3:::b/${aws:username}"), true);
  });
  it("a variable named like an Object property is just an absent key", () => {
    assert.equal(allowed("arn:aws:s3:::b/${constructor}", "arn:aws:s3:::b/x"), false);
    assert.equal(allowed("arn:aws:s3:::b/${constructor, 'd'}", "arn:aws:s3:::b/d"), true);
  });
  it("text that only looks like a variable stays literal", () => {
    assert.equal(allowed("arn:aws:s3:::b/${unclosed", "arn:aws:s3:::b/${unclosed"), true);
    assert.equal(allowed("arn:aws:s3:::b/${}", "arn:aws:s3:::b/${}"), true);
  });
  it("a multivalued key is no variable", () => {
    assert.equal(allowed("arn:aws:s3:::b/${aws:TagKeys}", "arn:aws:s3:::b/a", user("alice"), { "aws:TagKeys": ["a"] }), false);
  });
  it("in Version 2008-10-17, and without a Version, ${…} is plain text", () => {
    for (const version of ["2008-10-17", null]) {
      assert.equal(allowed(home, "arn:aws:s3:::home/alice/x", user("alice"), {}, version), false);
      assert.equal(allowed(home, "arn:aws:s3:::home/${aws:username}/x", user("alice"), {}, version), true);
    }
  });
  it("NotResource takes variables too", () => {
    const document = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::home/${aws:username}/*" }] };
    const run = (resource: string) => evaluate({ principal: user("alice"), action: "s3:GetObject", resource }, { identity: [policy(document)] }).effect;
    assert.equal(run("arn:aws:s3:::home/alice/x"), "ImplicitDeny");
    assert.equal(run("arn:aws:s3:::home/bob/x"), "Allow");
  });
});

describe("policy variables in conditions", () => {
  it("StringEquals with ${aws:username}", () => {
    assert.equal(holds({ StringEquals: { "s3:prefix": "home/${aws:username}/" } }, { "s3:prefix": "home/alice/" }), true);
    assert.equal(holds({ StringEquals: { "s3:prefix": "home/${aws:username}/" } }, { "s3:prefix": "home/bob/" }), false);
  });
  it("StringLike: the policy's own `*` stays a wildcard around a variable", () => {
    assert.equal(holds({ StringLike: { "s3:prefix": ["", "home/", "home/${aws:username}/*"] } }, { "s3:prefix": "home/alice/docs/" }), true);
    assert.equal(holds({ StringLike: { "s3:prefix": ["", "home/", "home/${aws:username}/*"] } }, { "s3:prefix": "home/bob/docs/" }), false);
  });
  it("StringEquals against a principal tag: the ABAC pattern", () => {
    const condition = { StringEquals: { "aws:ResourceTag/team": "${aws:PrincipalTag/team}" } };
    assert.equal(holds(condition, { "aws:ResourceTag/team": "red", "aws:PrincipalTag/team": "red" }), true);
    assert.equal(holds(condition, { "aws:ResourceTag/team": "red", "aws:PrincipalTag/team": "blue" }), false);
    assert.equal(holds(condition, { "aws:ResourceTag/team": "red" }), false);
  });
  it("ArnLike with ${aws:PrincipalAccount}", () => {
    assert.equal(holds({ ArnLike: { "aws:SourceArn": "arn:aws:sns:*:${aws:PrincipalAccount}:*" } }, { "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:t" }), true);
    assert.equal(holds({ ArnLike: { "aws:SourceArn": "arn:aws:sns:*:${aws:PrincipalAccount}:*" } }, { "aws:SourceArn": "arn:aws:sns:us-east-1:444455556666:t" }), false);
  });
  it("Version 2008-10-17 compares the text", () => {
    assert.equal(holds({ StringEquals: { "s3:prefix": "${aws:username}" } }, { "s3:prefix": "alice" }, user("alice"), "2008-10-17"), false);
    assert.equal(holds({ StringEquals: { "s3:prefix": "${aws:username}" } }, { "s3:prefix": "${aws:username}" }, user("alice"), "2008-10-17"), true);
  });
  it("Numeric and Date operators take no variables", () => {
    assert.equal(holds({ NumericEquals: { "s3:max-keys": "${x:n}" } }, { "s3:max-keys": "5", "x:n": "5" }), false);
  });
  it("variables of the federated caller in a trust policy condition", () => {
    const trust = policy({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Federated: "arn:aws:iam::111122223333:saml-provider/ADFS" }, Action: "sts:AssumeRoleWithSAML", Condition: { StringEquals: { "saml:sub": "${saml:namequalifier}" } } }],
    }, "trust");
    const run = (sub: string) => evaluate({ principal: federated(), action: "sts:AssumeRoleWithSAML", resource: "arn:aws:iam::111122223333:role/R", context: { "saml:sub": sub, "saml:namequalifier": "q" } }, { resource: trust }).effect;
    assert.equal(run("q"), "Allow");
    assert.equal(run("r"), "ImplicitDeny");
  });
});

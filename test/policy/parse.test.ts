// parsePolicy's validation, kind by kind, with AWS's exact messages; and documents AWS accepts.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { MALFORMED_POLICY_DOCUMENT, PolicyError, PolicyMessages, parsePolicy, type ParseOptions, type PolicyKind } from "../../src/policy/index.ts";
import { FederaError } from "../../src/shared/index.ts";
import { awsManagedKeyPolicy, consoleKeyPolicy, defaultKeyPolicy, DEVELOPERS_POLICY, samlTrustPolicy, sseKmsBucketPolicy } from "./fixtures.ts";

const V = "2012-10-17";
const ok = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };
const doc = (...statements: unknown[]) => ({ Version: V, Statement: statements });
const trustStatement = { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" };
const keyStatement = { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" };

function refuses(kind: PolicyKind, document: unknown, message: string, options: ParseOptions = {}): void {
  const json = typeof document === "string" ? document : JSON.stringify(document);
  assert.throws(() => parsePolicy(json, kind, options), (error: unknown) => {
    assert.ok(error instanceof PolicyError);
    assert.ok(error instanceof FederaError);
    assert.equal(error.code, MALFORMED_POLICY_DOCUMENT);
    assert.equal(error.status, 400);
    assert.equal(error.kind, kind);
    assert.equal(error.message, message);
    return true;
  });
}

type Row = [string, PolicyKind, unknown, string, ParseOptions?];

const rows: Row[] = [
  // JSON and grammar
  ["invalid JSON", "identity", '{"Version": "2012-10-17", "Statement": [', "Syntax errors in policy."],
  ["invalid JSON in a trust policy", "trust", "{not json", "This policy contains invalid Json"],
  ["a document that is not an object", "identity", "[]", "Syntax errors in policy."],
  ["no Statement", "identity", { Version: V }, "Syntax errors in policy."],
  ["an empty Statement list", "identity", { Version: V, Statement: [] }, "Syntax errors in policy."],
  ["a statement that is not an object", "identity", { Version: V, Statement: ["x"] }, "Syntax errors in policy."],
  ["an unknown top-level field", "identity", { Version: V, Statement: [ok], Foo: 1 }, "Syntax errors in policy."],
  ["an unknown statement field", "identity", doc({ ...ok, Actions: "s3:*" }), "Syntax errors in policy."],
  ["an unknown statement field in a bucket policy", "resource", doc({ ...ok, Principal: "*", Sid2: "x" }), "Unknown field Sid2"],
  ["an unknown top-level field in a key policy", "key", { Version: V, Statement: [keyStatement], Conditions: {} }, "Unknown field Conditions"],
  ["a Version IAM does not know", "identity", { Version: "2012-10-18", Statement: [ok] }, "Syntax errors in policy."],
  ["a Version that is not a string", "identity", { Version: 2012, Statement: [ok] }, "Syntax errors in policy."],
  ["an Id that is not a string", "identity", { Version: V, Id: 7, Statement: [ok] }, "Syntax errors in policy."],
  ["no Effect", "identity", doc({ Action: "s3:*", Resource: "*" }), "Syntax errors in policy."],
  ["an Effect IAM does not know", "identity", doc({ ...ok, Effect: "Permit" }), "Syntax errors in policy."],
  ["an Effect in the wrong case", "identity", doc({ ...ok, Effect: "allow" }), "The policy failed legacy parsing"],
  ["Action and NotAction together", "identity", doc({ ...ok, NotAction: "s3:PutObject" }), "Syntax errors in policy."],
  ["Resource and NotResource together", "identity", doc({ ...ok, NotResource: "arn:aws:s3:::x" }), "Syntax errors in policy."],
  ["an Action that is an object", "identity", doc({ ...ok, Action: { a: 1 } }), "Syntax errors in policy."],
  ["a Resource list holding a number", "identity", doc({ ...ok, Resource: ["*", 1] }), "Syntax errors in policy."],
  ["a Sid that is not a string", "identity", doc({ ...ok, Sid: 1 }), "Syntax errors in policy."],
  ["a Condition that is not an object", "identity", doc({ ...ok, Condition: "x" }), "Syntax errors in policy."],
  ["a condition key directly under Condition", "identity", doc({ ...ok, Condition: { "servicecatalog:accountLevel": "self" } }), "Syntax errors in policy."],
  ["an unknown condition operator", "identity", doc({ ...ok, Condition: { StringEqualz: { "aws:username": "a" } } }), "Syntax errors in policy."],
  ["an operator named like an Object property", "identity", doc({ ...ok, Condition: { constructor: { "aws:username": "a" } } }), "Syntax errors in policy."],
  ["an operator named __proto__", "identity", '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"__proto__":{"aws:username":"a"}}}]}', "Syntax errors in policy."],
  ["a principal type named like an Object property", "resource", doc({ ...ok, Principal: { toString: "x" } }), "Syntax errors in policy."],
  ["a misspelt set operator", "identity", doc({ ...ok, Condition: { "ForAnyValues:StringLike": { "aws:TagKeys": "a" } } }), "Syntax errors in policy."],
  ["NullIfExists (IfExists goes with every operator but Null)", "identity", doc({ ...ok, Condition: { NullIfExists: { "aws:username": "true" } } }), "Syntax errors in policy."],
  ["a condition value that is an object", "identity", doc({ ...ok, Condition: { StringEquals: { "aws:username": { a: 1 } } } }), "Syntax errors in policy."],
  ["a condition value that is null", "identity", doc({ ...ok, Condition: { StringEquals: { "aws:username": null } } }), "Syntax errors in policy."],
  // Kinds and principals
  ["a Principal in an identity policy", "identity", doc({ ...ok, Principal: "*" }), "Policy document should not specify a principal."],
  ["a NotPrincipal in an identity policy", "identity", doc({ ...ok, Effect: "Deny", NotPrincipal: { AWS: "111122223333" } }), "Policy document should not specify a principal."],
  ["a Principal in a session policy", "session", doc({ ...ok, Principal: { AWS: "111122223333" } }), "Policy document should not specify a principal."],
  ["a Resource in a trust policy", "trust", doc({ ...trustStatement, Resource: "*" }), "Has prohibited field Resource"],
  ["a NotResource in a trust policy", "trust", doc({ ...trustStatement, NotResource: "*" }), "Has prohibited field NotResource"],
  ["a NotPrincipal in a trust policy", "trust", doc({ Effect: "Deny", NotPrincipal: { AWS: "111122223333" }, Action: "sts:AssumeRole" }), "Has prohibited field NotPrincipal"],
  ["no Principal in a trust policy", "trust", doc({ Effect: "Allow", Action: "sts:AssumeRole" }), "Missing required field Principal"],
  ["no Principal in a bucket policy", "resource", doc(ok), "Missing required field Principal"],
  ["no Principal in a key policy", "key", doc({ Effect: "Allow", Action: "kms:*", Resource: "*" }), "Missing required field Principal"],
  ["NotPrincipal with Allow", "resource", doc({ ...ok, NotPrincipal: { AWS: "111122223333" } }), "Syntax errors in policy."],
  ["a Principal string other than *", "resource", doc({ ...ok, Principal: "111122223333" }), "Syntax errors in policy."],
  ["an unknown principal type", "resource", doc({ ...ok, Principal: { IAM: "111122223333" } }), "Syntax errors in policy."],
  ["a principal type in the wrong case", "trust", doc({ ...trustStatement, Principal: { service: "ec2.amazonaws.com" } }), "Syntax errors in policy."],
  ["an empty principal list", "resource", doc({ ...ok, Principal: { AWS: [] } }), "Syntax errors in policy."],
  ["a malformed AWS principal", "trust", doc({ ...trustStatement, Principal: { AWS: "arn:aws::iam::111122223333:root" } }), 'Invalid principal in policy: "AWS":"arn:aws::iam::111122223333:root"'],
  ["a wildcard inside a principal ARN", "trust", doc({ ...trustStatement, Principal: { AWS: "arn:aws:iam::111122223333:role/*" } }), 'Invalid principal in policy: "AWS":"arn:aws:iam::111122223333:role/*"'],
  ["a service principal without its service", "trust", doc({ ...trustStatement, Principal: { Service: "amazonaws.com" } }), 'Invalid principal in policy: "SERVICE":"amazonaws.com"'],
  ["a federated principal that is no provider", "trust", doc({ ...trustStatement, Principal: { Federated: "arn:aws:iam::111122223333:role/x" } }), 'Invalid principal in policy: "FEDERATED":"arn:aws:iam::111122223333:role/x"'],
  ["a canonical user that is not 64 hex digits", "resource", doc({ ...ok, Principal: { CanonicalUser: "abc" } }), 'Invalid principal in policy: "CANONICALUSER":"abc"'],
  ["an invalid principal in a key policy", "key", doc({ ...keyStatement, Principal: { AWS: "arn:aws:iam::111122223333:role/No*" } }), "Policy contains a statement with one or more invalid principals."],
  ["a role that does not exist", "trust", doc({ ...trustStatement, Principal: { AWS: "arn:aws:iam::111122223333:role/Gone" } }), 'Invalid principal in policy: "AWS":"arn:aws:iam::111122223333:role/Gone"', { principalExists: () => false }],
  ["a role that does not exist, in a key policy", "key", doc({ ...keyStatement, Principal: { AWS: "arn:aws:iam::111122223333:role/Gone" } }), "Policy contains a statement with one or more invalid principals.", { principalExists: () => false }],
  // Versions, Sids, presence
  ["a managed policy without Version", "identity", { Statement: [ok] }, "Policy document must be version 2012-10-17 or greater.", { managed: true }],
  ["a managed policy of 2008-10-17", "identity", { Version: "2008-10-17", Statement: [ok] }, "Policy document must be version 2012-10-17 or greater.", { managed: true }],
  ["duplicate Sids", "identity", doc({ ...ok, Sid: "A" }, { ...ok, Sid: "A" }), "Statement IDs (SID) in a single policy must be unique."],
  ["duplicate Sids in a key policy", "key", doc({ ...keyStatement, Sid: "Same Sid" }, { ...keyStatement, Sid: "Same Sid" }), "Statement IDs (SID) in a single policy must be unique."],
  ["duplicate Sids in a bucket policy", "resource", doc({ ...ok, Principal: "*", Sid: "A" }, { ...ok, Principal: "*", Sid: "A" }), "Statement IDs (SID) in a single policy must be unique."],
  ["a Sid that is not alphanumeric in a managed policy", "identity", doc({ ...ok, Sid: "autogenerated-id" }), "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*", { managed: true }],
  ["no Action", "identity", doc({ Effect: "Allow", Resource: "*" }), "Policy statement must contain actions."],
  ["an empty Action list", "identity", doc({ ...ok, Action: [] }), "Policy statement must contain actions."],
  ["no Resource", "identity", doc({ Effect: "Allow", Action: "s3:*" }), "Policy statement must contain resources."],
  ["an empty Resource list", "identity", doc({ ...ok, Resource: [] }), "Policy statement must contain resources."],
  ["no Resource in a session policy", "session", doc({ Effect: "Allow", Action: "s3:*" }), "Policy statement must contain resources."],
  // Actions and condition keys
  ["an action without a vendor", "identity", doc({ ...ok, Action: "GetObject" }), "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."],
  ["an action with two colons", "identity", doc({ ...ok, Action: "arn:aws:logs:*" }), "Actions/Condition can contain only one colon."],
  ["a vendor with odd characters", "identity", doc({ ...ok, Action: "s3_x:GetObject" }), "Vendor s3_x is not valid"],
  ["a vendor with a wildcard", "identity", doc({ ...ok, Action: "*:Untag*" }), "Vendor * is not valid"],
  ["a NotAction without a vendor", "identity", doc({ Effect: "Allow", NotAction: "iam", Resource: "*" }), "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."],
  ["a condition key without a vendor", "identity", doc({ ...ok, Condition: { StringEquals: { username: "alice" } } }), "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."],
  // Resources
  ["a resource that is no ARN", "identity", doc({ ...ok, Resource: "my-bucket" }), 'Resource my-bucket must be in ARN format or "*".'],
  ["a resource of another partition", "identity", doc({ ...ok, Resource: "arn:aws-cn:s3:::bucket" }), 'Partition "aws-cn" is not valid for resource "arn:aws-cn:s3:::bucket".'],
  ["a short resource of another partition", "identity", doc({ ...ok, Resource: "arn:foo:s3" }), 'Partition "foo" is not valid for resource "arn:foo:s3:*:*:*".'],
  ["a resource without service", "identity", doc({ ...ok, Resource: "arn:aws" }), "Resource vendor must be fully qualified and cannot contain regexes."],
  ["a resource with a wildcard service", "identity", doc({ ...ok, Resource: "arn:aws:*:us-east-1:111122223333:x" }), "Resource vendor must be fully qualified and cannot contain regexes."],
  ["an IAM resource with a region", "identity", doc({ ...ok, Resource: "arn:aws:iam:us-east-1:111122223333:user/x" }), "IAM resource arn:aws:iam:us-east-1:111122223333:user/x cannot contain region information."],
  ["an S3 resource with a region", "identity", doc({ ...ok, Resource: "arn:aws:s3:us-east-1::bucket" }), "Resource arn:aws:s3:us-east-1::bucket can not contain region information."],
  ["an IAM resource of unknown type", "identity", doc({ ...ok, Resource: "arn:aws:iam::111122223333:widget/x" }), 'IAM resource path must either be "*" or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.'],
  ["a resource with `::` and too few components", "identity", doc({ ...ok, Resource: "arn:aws:s3::bucket" }), "The policy failed legacy parsing"],
  ["a resource with an empty service", "identity", doc({ ...ok, Resource: "arn:aws::us-east-1:1:x" }), "The policy failed legacy parsing"],
  ["a date IAM cannot read", "identity", doc({ ...ok, Condition: { DateGreaterThan: { "aws:CurrentTime": "2020-13-01T00:00:00Z" } } }), "The policy failed legacy parsing"],
  ["a date that is no date", "identity", doc({ ...ok, Condition: { DateLessThan: { "aws:CurrentTime": "yesterday" } } }), "The policy failed legacy parsing"],
  // Order: presence checks come before a malformed resource
  ["missing actions are reported before a malformed resource", "identity", doc({ Effect: "Allow", Resource: "bucket" }), "Policy statement must contain actions."],
];

describe("parsePolicy refuses with AWS's message", () => {
  for (const [name, kind, document, message, options] of rows) it(name, () => refuses(kind, document, message, options));
  it("the messages table holds the same wording", () => {
    assert.equal(PolicyMessages.syntax, "Syntax errors in policy.");
    assert.equal(PolicyMessages.invalidPrincipal("AWS", "x"), 'Invalid principal in policy: "AWS":"x"');
  });
});

describe("parsePolicy accepts", () => {
  const accepted: [string, PolicyKind, unknown, ParseOptions?][] = [
    ["a single statement object", "identity", { Version: V, Statement: ok }],
    ["no Version (2008-10-17)", "identity", { Statement: [ok] }],
    ["Version 2008-10-17", "identity", { Version: "2008-10-17", Statement: [ok] }],
    ["an Id", "identity", { Version: V, Id: "my-policy", Statement: [ok] }],
    ["empty Sids more than once", "identity", doc({ ...ok, Sid: "" }, { ...ok, Sid: "" })],
    ["Sids with spaces in a key policy", "key", consoleKeyPolicy(["arn:aws:iam::111122223333:role/A"], ["arn:aws:iam::111122223333:role/B"])],
    ["AWS's default key policy", "key", defaultKeyPolicy()],
    ["an AWS managed key's policy", "key", awsManagedKeyPolicy()],
    ["the lab's trust policy", "trust", samlTrustPolicy()],
    ["the lab's bucket policy", "resource", sseKmsBucketPolicy()],
    ["the lab's developer policy as a managed policy", "identity", DEVELOPERS_POLICY, { managed: true }],
    ["an empty block of an unknown operator", "identity", doc({ ...ok, Condition: { Unknown: {} } })],
    ["every operator", "identity", doc({
      ...ok,
      Condition: {
        StringEquals: { "a:b": "x" }, StringNotEquals: { "a:b": "x" }, StringEqualsIgnoreCase: { "a:b": "x" }, StringNotEqualsIgnoreCase: { "a:b": "x" },
        StringLike: { "a:b": "x*" }, StringNotLike: { "a:b": "x*" }, NumericEquals: { "a:n": "1" }, NumericNotEquals: { "a:n": 1 },
        NumericLessThan: { "a:n": "1" }, NumericLessThanEquals: { "a:n": "1" }, NumericGreaterThan: { "a:n": "1" }, NumericGreaterThanEquals: { "a:n": "1" },
        DateEquals: { "aws:CurrentTime": "2020-01-01" }, DateNotEquals: { "aws:CurrentTime": "1577836800" }, DateLessThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" },
        DateLessThanEquals: { "aws:CurrentTime": "2020-01-01T00:00:00.123+01:00" }, DateGreaterThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" }, DateGreaterThanEquals: { "aws:CurrentTime": "2020-01-01T00:00:00Z" },
        Bool: { "aws:SecureTransport": true }, BinaryEquals: { "a:bin": "AAEC" }, IpAddress: { "aws:SourceIp": ["192.0.2.0/24", "2001:db8::/32"] }, NotIpAddress: { "aws:SourceIp": "192.0.2.1" },
        ArnEquals: { "aws:SourceArn": "arn:aws:s3:::x" }, ArnLike: { "aws:SourceArn": "arn:aws:s3:::x*" }, ArnNotEquals: { "aws:SourceArn": "arn:aws:s3:::x" }, ArnNotLike: { "aws:SourceArn": "arn:aws:s3:::x" },
        Null: { "aws:TokenIssueTime": "true" }, "ForAllValues:StringLike": { "aws:TagKeys": "a*" }, "ForAnyValue:StringEqualsIfExists": { "aws:TagKeys": "a" },
        StringEqualsIfExists: { "a:c": "x" }, "ForAllValues:ArnNotLikeIfExists": { "a:arns": "arn:aws:s3:::x" },
      },
    })],
    ["principals of every type", "resource", doc({
      ...ok,
      Principal: {
        AWS: ["*", "111122223333", "arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/path/alice", "arn:aws:iam::111122223333:role/ADFS-Developers", "arn:aws:sts::111122223333:assumed-role/ADFS-Developers/alice@corp.example.test", "AROAEXAMPLEEXAMPLEEX1"],
        Service: ["cloudtrail.amazonaws.com", "logs.us-east-1.amazonaws.com"],
        Federated: ["arn:aws:iam::111122223333:saml-provider/ADFS", "cognito-identity.amazonaws.com", "accounts.google.com"],
        CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
      },
    })],
    ["resources with wildcards and variables", "identity", doc({ ...ok, Resource: ["arn:aws:s3:::home/${aws:username}/*", "arn:aws:kms:*:111122223333:key/*", "arn:aws:iam::*:role/*", "arn:aws:sqs:*:q"] })],
    ["a NotPrincipal Deny in a bucket policy", "resource", doc({ Effect: "Deny", NotPrincipal: { AWS: ["111122223333", "arn:aws:iam::111122223333:user/a"] }, Action: "s3:*", Resource: "*" })],
    ["an existing role", "trust", doc({ ...trustStatement, Principal: { AWS: "arn:aws:iam::111122223333:role/Here" } }), { principalExists: (arn) => arn.endsWith("/Here") }],
  ];
  for (const [name, kind, document, options] of accepted) {
    it(name, () => {
      const compiled = parsePolicy(JSON.stringify(document), kind, options);
      assert.equal(compiled.kind, kind);
      assert.ok(compiled.statements.length > 0);
    });
  }
  it("labels default to the Id, then the kind", () => {
    assert.equal(parsePolicy(JSON.stringify({ Version: V, Id: "key-default-1", Statement: [keyStatement] }), "key").label, "key-default-1");
    assert.equal(parsePolicy(JSON.stringify(doc(ok)), "identity").label, "identity-policy");
    assert.equal(parsePolicy(JSON.stringify(doc(ok)), "identity", { label: "ReadOnly" }).label, "ReadOnly");
  });
  it("a document without Version is read as 2008-10-17", () => {
    assert.equal(parsePolicy(JSON.stringify({ Statement: ok }), "identity").version, "2008-10-17");
  });
});

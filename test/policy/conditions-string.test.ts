// String operators (IAM "Condition operators: String"): exact, case-folded and wildcard matching,
// their negations, several values ORed (and NORed when negated), absent keys, IfExists.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { holds } from "./helpers.ts";

type Row = [string, unknown, Record<string, string | string[]>, boolean];

const rows: Row[] = [
  ["StringEquals matches exactly", { StringEquals: { "aws:PrincipalTag/team": "red" } }, { "aws:PrincipalTag/team": "red" }, true],
  ["StringEquals is case-sensitive", { StringEquals: { "aws:PrincipalTag/team": "red" } }, { "aws:PrincipalTag/team": "Red" }, false],
  ["StringEquals has no wildcards", { StringEquals: { "aws:PrincipalTag/team": "r*" } }, { "aws:PrincipalTag/team": "red" }, false],
  ["StringEquals: `*` is literal", { StringEquals: { "aws:PrincipalTag/team": "r*" } }, { "aws:PrincipalTag/team": "r*" }, true],
  ["StringEquals: several values are ORed", { StringEquals: { "aws:PrincipalTag/team": ["blue", "red"] } }, { "aws:PrincipalTag/team": "red" }, true],
  ["StringEquals on an absent key is false", { StringEquals: { "aws:PrincipalTag/team": "red" } }, {}, false],
  ["condition keys are case-insensitive", { StringEquals: { "AWS:PRINCIPALTAG/TEAM": "red" } }, { "aws:principaltag/team": "red" }, true],
  ["StringNotEquals: a different value", { StringNotEquals: { "aws:PrincipalTag/team": "red" } }, { "aws:PrincipalTag/team": "blue" }, true],
  ["StringNotEquals: the same value", { StringNotEquals: { "aws:PrincipalTag/team": "red" } }, { "aws:PrincipalTag/team": "red" }, false],
  ["StringNotEquals: several values act as NOR (audit)", { StringNotEquals: { "aws:PrincipalTag/role": ["audit", "security"] } }, { "aws:PrincipalTag/role": "audit" }, false],
  ["StringNotEquals: several values act as NOR (security)", { StringNotEquals: { "aws:PrincipalTag/role": ["audit", "security"] } }, { "aws:PrincipalTag/role": "security" }, false],
  ["StringNotEquals: several values act as NOR (dev)", { StringNotEquals: { "aws:PrincipalTag/role": ["audit", "security"] } }, { "aws:PrincipalTag/role": "dev" }, true],
  ["StringNotEquals on an absent key is true", { StringNotEquals: { "aws:PrincipalTag/role": "audit" } }, {}, true],
  ["StringEqualsIgnoreCase folds case", { StringEqualsIgnoreCase: { "aws:PrincipalTag/team": "RED" } }, { "aws:PrincipalTag/team": "rEd" }, true],
  ["StringEqualsIgnoreCase: other value", { StringEqualsIgnoreCase: { "aws:PrincipalTag/team": "RED" } }, { "aws:PrincipalTag/team": "blue" }, false],
  ["StringNotEqualsIgnoreCase: same value in other case", { StringNotEqualsIgnoreCase: { "aws:PrincipalTag/team": "RED" } }, { "aws:PrincipalTag/team": "red" }, false],
  ["StringNotEqualsIgnoreCase: other value", { StringNotEqualsIgnoreCase: { "aws:PrincipalTag/team": "RED" } }, { "aws:PrincipalTag/team": "blue" }, true],
  ["StringNotEqualsIgnoreCase on an absent key is true", { StringNotEqualsIgnoreCase: { "aws:PrincipalTag/team": "RED" } }, {}, true],
  ["StringLike: `*` matches any run", { StringLike: { "s3:prefix": "home/*" } }, { "s3:prefix": "home/alice/docs" }, true],
  ["StringLike: `*` matches nothing too", { StringLike: { "s3:prefix": "home/*" } }, { "s3:prefix": "home/" }, true],
  ["StringLike: `?` matches exactly one", { StringLike: { "s3:prefix": "v?" } }, { "s3:prefix": "v1" }, true],
  ["StringLike: `?` does not match two", { StringLike: { "s3:prefix": "v?" } }, { "s3:prefix": "v10" }, false],
  ["StringLike is case-sensitive", { StringLike: { "s3:prefix": "Home/*" } }, { "s3:prefix": "home/x" }, false],
  ["StringLike: regex characters are literal", { StringLike: { "s3:prefix": "a.b(c)+" } }, { "s3:prefix": "aXb(c)+" }, false],
  ["StringLike: regex characters are literal (match)", { StringLike: { "s3:prefix": "a.b(c)+" } }, { "s3:prefix": "a.b(c)+" }, true],
  ["StringLike on an absent key is false", { StringLike: { "s3:prefix": "*" } }, {}, false],
  ["StringNotLike: matching value", { StringNotLike: { "s3:prefix": "home/*" } }, { "s3:prefix": "home/x" }, false],
  ["StringNotLike: other value", { StringNotLike: { "s3:prefix": "home/*" } }, { "s3:prefix": "tmp/x" }, true],
  ["StringNotLike on an absent key is true", { StringNotLike: { "s3:prefix": "home/*" } }, {}, true],
  ["StringLikeIfExists on an absent key is true", { StringLikeIfExists: { "ec2:InstanceType": ["t1.*", "t2.*", "m3.*"] } }, {}, true],
  ["StringLikeIfExists: allowed type", { StringLikeIfExists: { "ec2:InstanceType": ["t1.*", "t2.*", "m3.*"] } }, { "ec2:InstanceType": "t2.micro" }, true],
  ["StringLikeIfExists: other type", { StringLikeIfExists: { "ec2:InstanceType": ["t1.*", "t2.*", "m3.*"] } }, { "ec2:InstanceType": "m4.large" }, false],
  ["StringNotEqualsIfExists on an absent key is true", { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } }, {}, true],
  ["StringNotEqualsIfExists: present and equal", { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } }, { "s3:x-amz-server-side-encryption": "aws:kms" }, false],
  ["StringEqualsIfExists: present, other value", { StringEqualsIfExists: { "aws:PrincipalTag/team": "red" } }, { "aws:PrincipalTag/team": "blue" }, false],
  ["a multivalued key without set operator: any value matches", { StringEquals: { "aws:TagKeys": "a" } }, { "aws:TagKeys": ["b", "a"] }, true],
  ["a multivalued key without set operator: negated needs none to match", { StringNotEquals: { "aws:TagKeys": "a" } }, { "aws:TagKeys": ["b", "a"] }, false],
  ["two keys in one operator are ANDed (both)", { StringEquals: { "aws:PrincipalTag/team": "red", "aws:PrincipalTag/env": "prod" } }, { "aws:PrincipalTag/team": "red", "aws:PrincipalTag/env": "prod" }, true],
  ["two keys in one operator are ANDed (one)", { StringEquals: { "aws:PrincipalTag/team": "red", "aws:PrincipalTag/env": "prod" } }, { "aws:PrincipalTag/team": "red", "aws:PrincipalTag/env": "dev" }, false],
  ["two operators are ANDed", { StringEquals: { "aws:PrincipalTag/team": "red" }, StringLike: { "s3:prefix": "home/*" } }, { "aws:PrincipalTag/team": "red", "s3:prefix": "tmp/" }, false],
];

describe("string condition operators", () => {
  for (const [name, condition, context, expected] of rows) {
    it(name, () => assert.equal(holds(condition, context), expected));
  }
  it("numbers and booleans in a policy are compared as their text", () => {
    assert.equal(holds({ StringEquals: { "s3:max-keys": 10 } }, { "s3:max-keys": "10" }), true);
    assert.equal(holds({ StringEquals: { "aws:MultiFactorAuthPresent": true } }, { "aws:MultiFactorAuthPresent": "true" }), true);
  });
});

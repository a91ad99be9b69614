// ForAllValues / ForAnyValue (IAM "Set operators for multivalued context keys" and the
// "Multivalued context key examples" tables), with IfExists and the absent/empty-key rules.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { evaluate, type ContextValue } from "../../src/policy/index.ts";
import { holds, policy, user } from "./helpers.ts";

type Row = [string, unknown, Record<string, ContextValue>, boolean];

const rows: Row[] = [
  ["ForAllValues: every value in the list", { "ForAllValues:StringEquals": { "aws:TagKeys": ["key1", "key2"] } }, { "aws:TagKeys": ["key1", "key2"] }, true],
  ["ForAllValues: a subset", { "ForAllValues:StringEquals": { "aws:TagKeys": ["key1", "key2"] } }, { "aws:TagKeys": ["key1"] }, true],
  ["ForAllValues: one value outside", { "ForAllValues:StringEquals": { "aws:TagKeys": ["key1", "key2"] } }, { "aws:TagKeys": ["key1", "key3"] }, false],
  ["ForAllValues: absent key is true", { "ForAllValues:StringEquals": { "aws:TagKeys": ["key1", "key2"] } }, {}, true],
  ["ForAllValues: empty list is true", { "ForAllValues:StringEquals": { "aws:TagKeys": ["key1", "key2"] } }, { "aws:TagKeys": [] }, true],
  ["ForAllValues with a single value", { "ForAllValues:StringLike": { "aws:TagKeys": "Created*" } }, { "aws:TagKeys": ["CreatedBy", "CreatedAt"] }, true],
  ["ForAnyValue: one value in the list", { "ForAnyValue:StringEquals": { "aws:TagKeys": ["key1", "key2"] } }, { "aws:TagKeys": ["key1", "key3"] }, true],
  ["ForAnyValue: no value in the list", { "ForAnyValue:StringEquals": { "aws:TagKeys": ["key1", "key2"] } }, { "aws:TagKeys": ["key3"] }, false],
  ["ForAnyValue: absent key is false", { "ForAnyValue:StringEquals": { "aws:TagKeys": ["key1"] } }, {}, false],
  ["ForAnyValue: empty list is false", { "ForAnyValue:StringEquals": { "aws:TagKeys": ["key1"] } }, { "aws:TagKeys": [] }, false],
  ["ForAnyValue with IfExists: absent key is true", { "ForAnyValue:StringEqualsIfExists": { "aws:TagKeys": ["key1"] } }, {}, true],
  ["ForAllValues with IfExists: absent key is true", { "ForAllValues:StringEqualsIfExists": { "aws:TagKeys": ["key1"] } }, {}, true],
  // The documented deny example: "ForAllValues:StringNotLike": {"aws:TagKeys": "key1*"}.
  ["ForAllValues:StringNotLike: key1:legal", { "ForAllValues:StringNotLike": { "aws:TagKeys": "key1*" } }, { "aws:TagKeys": ["key1:legal"] }, false],
  ["ForAllValues:StringNotLike: key1:hr and key1:personnel", { "ForAllValues:StringNotLike": { "aws:TagKeys": "key1*" } }, { "aws:TagKeys": ["key1:hr", "key1:personnel"] }, false],
  ["ForAllValues:StringNotLike: key2:audit", { "ForAllValues:StringNotLike": { "aws:TagKeys": "key1*" } }, { "aws:TagKeys": ["key2:audit"] }, true],
  ["ForAllValues:StringNotLike: no aws:TagKeys", { "ForAllValues:StringNotLike": { "aws:TagKeys": "key1*" } }, {}, true],
  ["ForAllValues:StringNotLike: one of each", { "ForAllValues:StringNotLike": { "aws:TagKeys": "key1*" } }, { "aws:TagKeys": ["key1:a", "key2:b"] }, false],
  // Several policy values with a negated operator: each request value must differ from all of them.
  ["ForAllValues:StringNotEquals: none listed", { "ForAllValues:StringNotEquals": { "aws:TagKeys": ["key1", "key2"] } }, { "aws:TagKeys": ["key3", "key4"] }, true],
  ["ForAllValues:StringNotEquals: one listed", { "ForAllValues:StringNotEquals": { "aws:TagKeys": ["key1", "key2"] } }, { "aws:TagKeys": ["key3", "key2"] }, false],
  ["ForAnyValue:StringNotEquals: one unlisted", { "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["key1"] } }, { "aws:TagKeys": ["key1", "key2"] }, true],
  ["ForAnyValue:StringNotEquals: all listed", { "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["key1"] } }, { "aws:TagKeys": ["key1"] }, false],
  ["ForAnyValue:StringNotEquals: absent key is false", { "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["key1"] } }, {}, false],
  ["ForAnyValue:StringLike", { "ForAnyValue:StringLike": { "kms:EncryptionContextKeys": "project*" } }, { "kms:EncryptionContextKeys": ["dept", "projectId"] }, true],
  ["ForAllValues over a single-valued key (a string)", { "ForAllValues:StringEquals": { "aws:PrincipalTag/team": ["red"] } }, { "aws:PrincipalTag/team": "red" }, true],
  ["ForAnyValue:NumericLessThan", { "ForAnyValue:NumericLessThan": { "x:sizes": "10" } }, { "x:sizes": ["20", "5"] }, true],
  ["ForAllValues:NumericLessThan", { "ForAllValues:NumericLessThan": { "x:sizes": "10" } }, { "x:sizes": ["20", "5"] }, false],
  ["ForAllValues:ArnLike", { "ForAllValues:ArnLike": { "x:arns": "arn:aws:s3:::logs-*" } }, { "x:arns": ["arn:aws:s3:::logs-a", "arn:aws:s3:::logs-b"] }, true],
  ["ForAllValues: a value of the wrong type fails", { "ForAllValues:NumericLessThan": { "x:sizes": "10" } }, { "x:sizes": ["5", "x"] }, false],
  // "If the key values in the request resolve to an empty data set (for example, an empty string),
  // a condition operator modified by ForAllValues returns true, and ... ForAnyValue returns false."
  ["ForAllValues: an empty string is an empty data set (true)", { "ForAllValues:StringEquals": { "s3:prefix": ["home/"] } }, { "s3:prefix": "" }, true],
  ["ForAnyValue: an empty string is an empty data set (false), even against *", { "ForAnyValue:StringLike": { "s3:prefix": "*" } }, { "s3:prefix": "" }, false],
  ["ForAnyValue: an empty string matches no listed \"\"", { "ForAnyValue:StringEquals": { "s3:prefix": ["", "home/"] } }, { "s3:prefix": [""] }, false],
  ["ForAnyValue with IfExists: an empty string is true", { "ForAnyValue:StringLikeIfExists": { "s3:prefix": "home/*" } }, { "s3:prefix": "" }, true],
];

describe("set operators", () => {
  for (const [name, condition, context, expected] of rows) it(name, () => assert.equal(holds(condition, context), expected));

  it("the documented ForAllValues deny lets a request through only when all tag keys start with key1", () => {
    const deny = policy({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "iam:*", Resource: "*" },
        { Sid: "DenyRestrictedTags", Effect: "Deny", Action: ["iam:Tag*", "iam:UnTag*"], Resource: ["*"], Condition: { "ForAllValues:StringNotLike": { "aws:TagKeys": "key1*" } } },
      ],
    });
    const tag = (keys: string[] | undefined) =>
      evaluate({ principal: user("alice"), action: "iam:TagUser", resource: "arn:aws:iam::111122223333:user/bob", context: keys ? { "aws:TagKeys": keys } : {} }, { identity: [deny] }).effect;
    assert.equal(tag(["key1:legal"]), "Allow");
    assert.equal(tag(["key2:audit"]), "ExplicitDeny");
    assert.equal(tag(undefined), "ExplicitDeny");
  });
});

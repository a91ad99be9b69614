// Numeric, Date, Bool, BinaryEquals and Null operators (IAM "Condition operators"), with the
// absent-key rules and request values of the wrong type.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ContextValue } from "../../src/policy/index.ts";
import { holds } from "./helpers.ts";

type Row = [string, unknown, Record<string, ContextValue>, boolean];

const numeric: Row[] = [
  ["NumericEquals", { NumericEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "10" }, true],
  ["NumericEquals compares numbers, not text", { NumericEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "10.0" }, true],
  ["NumericEquals with a number in the context", { NumericEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": 10 }, true],
  ["NumericEquals: other", { NumericEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "11" }, false],
  ["NumericNotEquals", { NumericNotEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "11" }, true],
  ["NumericNotEquals: equal", { NumericNotEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "10" }, false],
  ["NumericNotEquals: several values NORed", { NumericNotEquals: { "s3:max-keys": ["10", "20"] } }, { "s3:max-keys": "20" }, false],
  ["NumericLessThan: below", { NumericLessThan: { "s3:max-keys": "10" } }, { "s3:max-keys": "9" }, true],
  ["NumericLessThan: equal", { NumericLessThan: { "s3:max-keys": "10" } }, { "s3:max-keys": "10" }, false],
  ["NumericLessThanEquals: equal", { NumericLessThanEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "10" }, true],
  ["NumericLessThanEquals: above", { NumericLessThanEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "11" }, false],
  ["NumericGreaterThan: above", { NumericGreaterThan: { "kms:RotationPeriodInDays": "90" } }, { "kms:RotationPeriodInDays": 91 }, true],
  ["NumericGreaterThan: equal", { NumericGreaterThan: { "kms:RotationPeriodInDays": "90" } }, { "kms:RotationPeriodInDays": 90 }, false],
  ["NumericGreaterThanEquals: equal", { NumericGreaterThanEquals: { "kms:ScheduleKeyDeletionPendingWindowInDays": "30" } }, { "kms:ScheduleKeyDeletionPendingWindowInDays": 30 }, true],
  ["NumericGreaterThanEquals: below", { NumericGreaterThanEquals: { "kms:ScheduleKeyDeletionPendingWindowInDays": "30" } }, { "kms:ScheduleKeyDeletionPendingWindowInDays": 7 }, false],
  ["decimals", { NumericLessThan: { "x:ratio": "0.5" } }, { "x:ratio": "0.25" }, true],
  ["Numeric on an absent key is false", { NumericEquals: { "s3:max-keys": "10" } }, {}, false],
  ["NumericNotEquals on an absent key is true", { NumericNotEquals: { "s3:max-keys": "10" } }, {}, true],
  ["NumericLessThanIfExists on an absent key is true", { NumericLessThanIfExists: { "s3:max-keys": "10" } }, {}, true],
  ["a non-number fails NumericEquals", { NumericEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "ten" }, false],
  ["a non-number fails NumericNotEquals too", { NumericNotEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "ten" }, false],
];

const date: Row[] = [
  ["DateGreaterThan: after", { DateGreaterThan: { "aws:CurrentTime": "2020-04-01T00:00:00Z" } }, { "aws:CurrentTime": "2020-04-01T00:00:01Z" }, true],
  ["DateGreaterThan: same instant", { DateGreaterThan: { "aws:CurrentTime": "2020-04-01T00:00:00Z" } }, { "aws:CurrentTime": "2020-04-01T00:00:00Z" }, false],
  ["DateGreaterThanEquals: same instant", { DateGreaterThanEquals: { "aws:CurrentTime": "2020-04-01T00:00:00Z" } }, { "aws:CurrentTime": "2020-04-01T00:00:00Z" }, true],
  ["DateLessThan: before", { DateLessThan: { "aws:CurrentTime": "2020-04-01T00:00:00Z" } }, { "aws:CurrentTime": "2020-03-31T23:59:59Z" }, true],
  ["DateLessThan: after", { DateLessThan: { "aws:CurrentTime": "2020-04-01T00:00:00Z" } }, { "aws:CurrentTime": "2020-04-01T00:00:00.001Z" }, false],
  ["DateLessThanEquals: same instant", { DateLessThanEquals: { "aws:CurrentTime": "2020-04-01" } }, { "aws:CurrentTime": "2020-04-01T00:00:00Z" }, true],
  ["DateEquals: an offset is the same instant", { DateEquals: { "aws:CurrentTime": "2020-04-01T02:00:00+02:00" } }, { "aws:CurrentTime": "2020-04-01T00:00:00Z" }, true],
  ["DateNotEquals", { DateNotEquals: { "aws:CurrentTime": "2020-04-01T00:00:00Z" } }, { "aws:CurrentTime": "2020-04-02T00:00:00Z" }, true],
  ["DateNotEquals: equal", { DateNotEquals: { "aws:CurrentTime": "2020-04-01T00:00:00Z" } }, { "aws:CurrentTime": "2020-04-01T00:00:00.000Z" }, false],
  ["epoch seconds in the policy", { DateGreaterThan: { "aws:CurrentTime": "1585699200" } }, { "aws:CurrentTime": "2020-04-01T00:00:01Z" }, true],
  ["aws:EpochTime in the request, ISO 8601 in the policy", { DateLessThan: { "aws:EpochTime": "2020-04-01T00:00:00Z" } }, { "aws:EpochTime": 1585699199 }, true],
  ["aws:EpochTime at the instant", { DateLessThan: { "aws:EpochTime": "2020-04-01T00:00:00Z" } }, { "aws:EpochTime": 1585699200 }, false],
  ["aws:TokenIssueTime absent: DateGreaterThan is false", { DateGreaterThan: { "aws:TokenIssueTime": "2020-01-01T00:00:00Z" } }, {}, false],
  ["aws:TokenIssueTime absent: DateGreaterThanIfExists is true", { DateGreaterThanIfExists: { "aws:TokenIssueTime": "2020-01-01T00:00:00Z" } }, {}, true],
  ["DateNotEquals on an absent key is true", { DateNotEquals: { "aws:CurrentTime": "2020-04-01T00:00:00Z" } }, {}, true],
  ["a request value that is not a date fails", { DateGreaterThan: { "aws:CurrentTime": "2020-04-01T00:00:00Z" } }, { "aws:CurrentTime": "tomorrow" }, false],
  ["a request value that is not a date fails the negation too", { DateNotEquals: { "aws:CurrentTime": "2020-04-01T00:00:00Z" } }, { "aws:CurrentTime": "tomorrow" }, false],
];

const bool: Row[] = [
  ["Bool true", { Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": true }, true],
  ["Bool true vs false", { Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": false }, false],
  ["Bool false", { Bool: { "aws:SecureTransport": "false" } }, { "aws:SecureTransport": "false" }, true],
  ["Bool is case-insensitive", { Bool: { "aws:SecureTransport": "TRUE" } }, { "aws:SecureTransport": "True" }, true],
  ["Bool with a JSON boolean", { Bool: { "aws:SecureTransport": false } }, { "aws:SecureTransport": false }, true],
  ["Bool on an absent key is false", { Bool: { "aws:MultiFactorAuthPresent": "false" } }, {}, false],
  ["BoolIfExists on an absent key is true", { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }, {}, true],
  ["BoolIfExists present", { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }, { "aws:MultiFactorAuthPresent": true }, false],
  ["Bool against a non-boolean fails", { Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": "yes" }, false],
];

const binary: Row[] = [
  ["BinaryEquals: same bytes", { BinaryEquals: { "x:key": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" } }, { "x:key": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" }, true],
  ["BinaryEquals: other bytes", { BinaryEquals: { "x:key": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" } }, { "x:key": "AAEC" }, false],
  ["BinaryEquals: unpadded base64 of the same bytes", { BinaryEquals: { "x:key": "AAECAw==" } }, { "x:key": "AAECAw" }, true],
  ["BinaryEquals on an absent key is false", { BinaryEquals: { "x:key": "AAEC" } }, {}, false],
  ["BinaryEquals: not base64 fails", { BinaryEquals: { "x:key": "AAEC" } }, { "x:key": "%%%" }, false],
];

const nulls: Row[] = [
  ["Null true: key absent", { Null: { "aws:TokenIssueTime": "true" } }, {}, true],
  ["Null true: key present", { Null: { "aws:TokenIssueTime": "true" } }, { "aws:TokenIssueTime": "2024-01-01T00:00:00Z" }, false],
  ["Null false: key present", { Null: { "aws:TokenIssueTime": "false" } }, { "aws:TokenIssueTime": "2024-01-01T00:00:00Z" }, true],
  ["Null false: key absent", { Null: { "aws:TokenIssueTime": "false" } }, {}, false],
  ["Null true: an empty list counts as absent", { Null: { "aws:TagKeys": "true" } }, { "aws:TagKeys": [] }, true],
  ["Null false: a list with values", { Null: { "aws:TagKeys": "false" } }, { "aws:TagKeys": ["a"] }, true],
  ["Null with a JSON boolean", { Null: { "aws:TokenIssueTime": true } }, {}, true],
];

for (const [title, rows] of [["numeric", numeric], ["date", date], ["bool", bool], ["binary", binary], ["null", nulls]] as const) {
  describe(`${title} condition operators`, () => {
    for (const [name, condition, context, expected] of rows) it(name, () => assert.equal(holds(condition, context), expected));
  });
}

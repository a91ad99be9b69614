// Size quotas as AWS counts them, and evaluation speed on the KMS hot path (policies compiled
// once, each evaluation in microseconds).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { exceedsPolicySize, evaluate, iamPolicySize, parsePolicy, policySize, POLICY_SIZE_LIMITS } from "../../src/policy/index.ts";
import { ACCOUNT, session } from "./helpers.ts";
import { consoleKeyPolicy, DEVELOPERS_POLICY } from "./fixtures.ts";

describe("policy size", () => {
  it("IAM does not count white space", () => {
    const compact = JSON.stringify(DEVELOPERS_POLICY);
    const pretty = JSON.stringify(DEVELOPERS_POLICY, null, 4);
    assert.equal(iamPolicySize(pretty), iamPolicySize(compact));
    assert.equal(iamPolicySize('{ "a" :\n\t"b c" }'), 10);
  });
  it("the quotas", () => {
    assert.deepEqual(POLICY_SIZE_LIMITS, { managed: 6144, roleInline: 10240, userInline: 2048, groupInline: 5120, trust: 2048, session: 2048, key: 32768, bucket: 20480 });
  });
  it("a managed policy of 6,144 characters fits, one more does not", () => {
    const filler = (n: number) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "x".repeat(n), Effect: "Allow", Action: "s3:*", Resource: "*" }] });
    const base = iamPolicySize(filler(0));
    assert.equal(exceedsPolicySize(filler(6144 - base), "managed"), false);
    assert.equal(exceedsPolicySize(filler(6145 - base), "managed"), true);
    assert.equal(exceedsPolicySize(` ${filler(6144 - base)}\n`, "managed"), false);
  });
  it("a key policy counts every character", () => {
    assert.equal(policySize('{ "a": 1 }', "key"), 10);
    assert.equal(policySize('{ "a": 1 }', "session"), 7);
  });
});

describe("evaluation speed", () => {
  it("evaluates the lab key policy in a few microseconds", (t) => {
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const keyPolicy = parsePolicy(JSON.stringify(consoleKeyPolicy([`arn:aws:iam::${ACCOUNT}:role/ADFS-KeyAdmins`], [`arn:aws:iam::${ACCOUNT}:role/ADFS-Developers`])), "key", { label: key });
    const identity = [parsePolicy(JSON.stringify(DEVELOPERS_POLICY), "identity")];
    const principal = session("ADFS-Developers", "alice");
    const request = { principal, action: "kms:Encrypt", resource: key, context: { "kms:EncryptionContext:Department": "Sales", "aws:SourceIp": "192.0.2.1" } };
    for (let i = 0; i < 5_000; i++) evaluate(request, { identity, resource: keyPolicy });
    const n = 100_000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) if (evaluate(request, { identity, resource: keyPolicy }).effect !== "Allow") throw new Error("denied");
    const perEvaluation = Number(process.hrtime.bigint() - start) / n / 1000;
    t.diagnostic(`${perEvaluation.toFixed(2)} µs per evaluation`);
    // The KMS issue asks for 200,000 evaluations a second of this policy (5 µs each); about 1 µs on
    // an idle machine. The bound leaves room for a loaded CI host without hiding a regression to
    // per-request parsing, which costs tens of microseconds.
    assert.ok(perEvaluation < 20, `${perEvaluation.toFixed(2)} µs per evaluation`);
  });
});

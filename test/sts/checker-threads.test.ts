// AssumeRoleWithSAML's checks on checker threads answer exactly as they do on the main thread:
// the same claims for a good assertion, the same refusal (code, AWS message, reason, signature
// count) for a bad one; a thread that stops fails only what it held; and with no thread to take
// them, the checks still run.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Worker } from "node:worker_threads";
import { checkAssertion, MemoryReplayCache, startAssertionCheckers, validateSamlAssertion, StsSamlError, type AssertionCheckers, type SamlCheckInput } from "../../src/sts/index.ts";
import { allowAll, keys, provider, request, signedResponse, withoutSignature, resign, type Keys } from "../attacks/saml/support.ts";

let k: Keys;
let checkers: AssertionCheckers;
before(async () => {
  k = await keys();
  checkers = startAssertionCheckers({ threads: 2 });
});
after(async () => {
  await checkers.close();
});

const SKEW_MS = 300_000;

function inputOf(xml: string, overrides: Partial<SamlCheckInput> = {}): SamlCheckInput {
  const { replay: _replay, ...input } = request(xml, provider(k.idpCertificatePem));
  return { ...input, ...overrides };
}

/** The refusal as data, to compare the thread's with the main thread's. */
async function refusalOf(check: () => unknown): Promise<Record<string, unknown>> {
  try {
    await check();
  } catch (error) {
    assert.ok(error instanceof StsSamlError, `an StsSamlError, not ${String(error)}`);
    return { code: error.code, message: error.message, status: error.status, reason: error.reason, signatureChecks: error.signatureChecks };
  }
  assert.fail("the check was expected to refuse");
}

describe("assertion checker threads", () => {
  it("answer a good assertion with the claims the main thread reads, Dates as Dates", async () => {
    assert.equal(await checkers.whenReady(), 2);
    const input = inputOf(signedResponse(k.idp));
    const answers = await Promise.all(Array.from({ length: 8 }, () => checkers.check(input, SKEW_MS)));
    for (const there of answers) {
      assert.deepEqual(there, checkAssertion(input, SKEW_MS));
      assert.ok(there.claims.validUntil instanceof Date);
      assert.equal(there.signatureChecks, 2);
    }
  });

  it("refuse what the main thread refuses, with the same code, message, reason and signature count", async () => {
    const good = signedResponse(k.idp);
    const cases = {
      "another IdP's key": inputOf(resign(good, k.attacker, { response: true })),
      "an unsigned assertion in a signed-looking response": inputOf(withoutSignature(withoutSignature(good, 0), 0)),
      "a role the assertion does not carry": inputOf(good, { roleArn: "arn:aws:iam::111122223333:role/ADFS-Nobody" }),
      "an expired assertion": inputOf(good, { now: new Date("2026-03-03T10:00:00.000Z") }),
      "not base64": inputOf(good, { samlAssertion: "%%%%not-base64%%%%" }),
    };
    for (const [name, input] of Object.entries(cases)) {
      const there = await refusalOf(() => checkers.check(input, SKEW_MS));
      const here = await refusalOf(() => checkAssertion(input, SKEW_MS));
      assert.deepEqual(there, here, name);
    }
  });

  it("AssumeRoleWithSAML's validation gives the same result through them", async () => {
    const req = request(signedResponse(k.idp), provider(k.idpCertificatePem));
    const through = await validateSamlAssertion(req, { ...allowAll, checkAssertion: (input, skew) => checkers.check(input, skew) });
    const here = await validateSamlAssertion({ ...req, replay: new MemoryReplayCache() }, allowAll);
    assert.deepEqual(through, here);
    // The replay cache is still the main thread's: the same assertion is refused the second time.
    const again = await refusalOf(() => validateSamlAssertion(req, { ...allowAll, checkAssertion: (input, skew) => checkers.check(input, skew) }));
    assert.equal(again.code, "InvalidIdentityToken");
  });

  it("a thread that stops fails the checks it held, and the next checks run on the main thread", async () => {
    let started: Worker | undefined;
    const capture = (worker: Worker) => (started = worker);
    process.on("worker", capture);
    const one = startAssertionCheckers({ threads: 1 });
    try {
      assert.equal(await one.whenReady(), 1);
      const input = inputOf(signedResponse(k.idp));
      // Stopped first, so the check is posted to a thread that will never answer it.
      const stopping = started!.terminate();
      const held = one.check(input, SKEW_MS);
      await stopping;
      await assert.rejects(held, (error: Error) => !(error instanceof StsSamlError) && /thread stopped/.test(error.message));
      assert.deepEqual(await one.check(input, SKEW_MS), checkAssertion(input, SKEW_MS));
      assert.equal(await one.whenReady(), 0);
    } finally {
      process.off("worker", capture);
      await one.close();
    }
  });

  it("with no thread (none asked for, or closed), the checks run on the main thread", async () => {
    const none = startAssertionCheckers({ threads: 0 });
    const input = inputOf(signedResponse(k.idp));
    assert.deepEqual(await none.check(input, SKEW_MS), checkAssertion(input, SKEW_MS));
    await none.close();
    const closed = startAssertionCheckers({ threads: 1 });
    await closed.close();
    assert.deepEqual(await closed.check(input, SKEW_MS), checkAssertion(input, SKEW_MS));
  });
});

// Time attacks: an expired assertion, one not yet valid, one issued too long ago. The clock is the
// input's `now`, so each is exact; the allowed skew is 5 minutes on every instant. Like every claim
// check, these refuse on the assertion as received, before any signature work.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { accepted, assertRefused, keys, provider, request, signedResponse, warmUp, NOW, type Keys } from "./support.ts";

let k: Keys;
before(async () => {
  k = await keys();
  await warmUp(k);
});

const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const SKEW = 300;

describe("time", () => {
  it("expired: 60-second assertion presented 60 s + skew + 1 s later: ExpiredTokenException", async () => {
    const xml = signedResponse(k.idp, { lifetimeSeconds: 60 });
    const error = await assertRefused(request(xml, provider(k.idpCertificatePem), { now: at(60 + SKEW + 1) }), {
      code: "ExpiredTokenException",
      reason: "subject-confirmation-expired",
      signatureChecks: 0,
    });
    assert.equal(error.message, "Response has expired");
  });

  it("within the skew it is still accepted (60 s + skew - 1 s)", async () => {
    const xml = signedResponse(k.idp, { lifetimeSeconds: 60 });
    await accepted(request(xml, provider(k.idpCertificatePem), { now: at(60 + SKEW - 1) }));
  });

  it("expired Conditions alone (SubjectConfirmationData still valid) is refused too", async () => {
    const { resign } = await import("./support.ts");
    const xml = signedResponse(k.idp, { lifetimeSeconds: 60 });
    const longBearer = resign(xml.replace(/(<SubjectConfirmationData [^>]*NotOnOrAfter=")[^"]+/, "$12026-03-02T11:00:00.000Z"), k.idp, { response: true });
    await assertRefused(request(longBearer, provider(k.idpCertificatePem), { now: at(60 + SKEW) }), {
      code: "ExpiredTokenException",
      reason: "expired",
      signatureChecks: 0,
    });
  });

  it("not yet valid: presented skew + 1 s before NotBefore: ExpiredTokenException", async () => {
    const xml = signedResponse(k.idp);
    const error = await assertRefused(request(xml, provider(k.idpCertificatePem), { now: at(-SKEW - 1) }), {
      code: "ExpiredTokenException",
      reason: "not-yet-valid",
      signatureChecks: 0,
    });
    assert.equal(error.message, "Response is not yet valid");
  });

  it("issued too long ago: a one-hour assertion redeemed 5 min + skew after issue: AWS's 5-minute rule", async () => {
    const xml = signedResponse(k.idp, { lifetimeSeconds: 3600 });
    const error = await assertRefused(request(xml, provider(k.idpCertificatePem), { now: at(300 + SKEW) }), {
      code: "ExpiredTokenException",
      reason: "issued-too-long-ago",
      signatureChecks: 0,
    });
    assert.equal(error.message, "Token must be redeemed within 5 minutes of issuance");
    await accepted(request(xml, provider(k.idpCertificatePem), { now: at(300 + SKEW - 1) }));
  });

  it("a smaller configured skew is honoured", async () => {
    const xml = signedResponse(k.idp, { lifetimeSeconds: 60 });
    await assertRefused(
      request(xml, provider(k.idpCertificatePem), { now: at(61) }),
      { code: "ExpiredTokenException", reason: "subject-confirmation-expired", signatureChecks: 0 },
      { evaluateTrustPolicy: () => ({ allowed: true }), clockSkewSeconds: 0 },
    );
  });
});

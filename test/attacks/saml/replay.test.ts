// Replay: an assertion is used once. The second use is refused while the assertion is still valid,
// even for another role it grants; a use that was refused does not burn the assertion.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { MemoryReplayCache } from "../../../src/sts/saml/index.ts";
import { accepted, assertRefused, keys, provider, request, roleArn, signedResponse, warmUp, type Keys } from "./support.ts";

let k: Keys;
before(async () => {
  k = await keys();
  await warmUp(k);
});

describe("replay", () => {
  it("second use: InvalidIdentityToken, after both signatures verified", async () => {
    const replay = new MemoryReplayCache();
    const input = request(signedResponse(k.idp), provider(k.idpCertificatePem), { replay });
    await accepted(input);
    const error = await assertRefused(input, { code: "InvalidIdentityToken", reason: "replay", signatureChecks: 2 });
    assert.equal(error.message, "The SAML assertion has already been used");
  });

  it("second use for the other role the assertion grants: refused as well", async () => {
    const replay = new MemoryReplayCache();
    const xml = signedResponse(k.idp);
    await accepted(request(xml, provider(k.idpCertificatePem), { replay }));
    await assertRefused(request(xml, provider(k.idpCertificatePem), { replay, roleArn: roleArn("ADFS-Developers") }), {
      code: "InvalidIdentityToken",
      reason: "replay",
      signatureChecks: 2,
    });
  });

  it("a refused use (a role not granted, a trust policy saying no) does not burn the assertion", async () => {
    const replay = new MemoryReplayCache();
    const xml = signedResponse(k.idp);
    await assertRefused(request(xml, provider(k.idpCertificatePem), { replay, roleArn: roleArn("ADFS-KeyAdmins") }), {
      code: "AccessDenied",
      reason: "role-pair",
      signatureChecks: 0,
    });
    await assertRefused(
      request(xml, provider(k.idpCertificatePem), { replay }),
      { code: "AccessDenied", reason: "trust-policy", signatureChecks: 2 },
      { evaluateTrustPolicy: () => ({ allowed: false }) },
    );
    await accepted(request(xml, provider(k.idpCertificatePem), { replay }));
    assert.equal(replay.size, 1);
  });

  it("the cache forgets an ID once its assertion could no longer be accepted anyway", async () => {
    const replay = new MemoryReplayCache();
    const result = await accepted(request(signedResponse(k.idp), provider(k.idpCertificatePem), { replay }));
    assert.equal(replay.size, 1);
    replay.seen("other", new Date(result.validUntil.getTime() + 120_000), new Date(result.validUntil.getTime() + 61_000));
    assert.equal(replay.size, 1, "the expired ID was swept, the new one kept");
  });
});

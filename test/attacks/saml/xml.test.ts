// Attacks on the XML itself: a DTD, an external entity, entity expansion (billion laughs), two
// assertions, two root elements, an encrypted assertion, and an assertion over AssumeRoleWithSAML's
// 100000 characters. All are refused before any signature is looked at, in about a millisecond.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { XML_ATTACKS } from "./fixtures.ts";
import { assertRefused, base64, keys, provider, refusal, request, signedResponse, warmUp, type Keys } from "./support.ts";

let k: Keys;
before(async () => {
  k = await keys();
  await warmUp(k);
});

const expected: Record<keyof typeof XML_ATTACKS, string> = {
  "dtd.doctype-declaration": "xml-dtd",
  "xxe.external-entity-in-name-id": "xml-dtd",
  "billion-laughs.entity-expansion": "xml-dtd",
  "two-assertions.signed-assertion-repeated": "assertion-count",
  "two-root-elements": "xml-malformed",
  "encrypted-assertion": "encrypted-assertion",
};

describe("XML attacks", () => {
  for (const [name, build] of Object.entries(XML_ATTACKS) as Array<[keyof typeof XML_ATTACKS, (k: Keys) => string]>) {
    it(`${name}: InvalidIdentityToken before any signature check`, async () => {
      await assertRefused(request(build(k), provider(k.idpCertificatePem)), { code: "InvalidIdentityToken", reason: expected[name], signatureChecks: 0 });
    });
  }

  it("encrypted-assertion: the message says it is not supported", async () => {
    const { error } = await refusal(request(XML_ATTACKS["encrypted-assertion"](k), provider(k.idpCertificatePem)));
    assert.equal(error.message, "Encrypted SAML assertions are not supported");
  });

  it("oversized.assertion-over-100000-chars: ValidationError, nothing decoded", async () => {
    const padded = signedResponse(k.idp).replace("</samlp:Response>", `${" ".repeat(80_000)}</samlp:Response>`);
    const samlAssertion = base64(padded);
    assert.ok(samlAssertion.length > 100_000);
    const error = await assertRefused(request(padded, provider(k.idpCertificatePem), { samlAssertion }), {
      code: "ValidationError",
      reason: "assertion-length",
      signatureChecks: 0,
    });
    assert.match(error.message, /Member must have length less than or equal to 100000/);
  });

  it("undersized (3 characters) and not base64: refused", async () => {
    const trust = provider(k.idpCertificatePem);
    await assertRefused(request("", trust, { samlAssertion: "PD8" }), { code: "ValidationError", reason: "assertion-length", signatureChecks: 0 });
    await assertRefused(request("", trust, { samlAssertion: "<samlp:Response/>" }), { code: "InvalidIdentityToken", reason: "base64", signatureChecks: 0 });
    await assertRefused(request("", trust, { samlAssertion: Buffer.from([0xff, 0xfe, 0x3c, 0x00]).toString("base64") }), {
      code: "InvalidIdentityToken",
      reason: "base64",
      signatureChecks: 0,
    });
  });
});

// Attacks on the signature itself: removed, not covering the assertion, made with the attacker's
// key (its certificate in KeyInfo), a comment in DigestValue, two SignedInfo, an HMAC method, and a
// response whose one signature verifies while the other does not. The count of signature checks
// that ran is asserted: a refusal after a verified signature must still be a refusal.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { SIGNATURE_ATTACKS } from "./fixtures.ts";
import { sha256 } from "../../../src/crypto/index.ts";
import { assertRefused, keys, provider, request, roleArn, signedResponse, warmUp, withoutSignatures, SAML_NS, type Keys } from "./support.ts";

let k: Keys;
before(async () => {
  k = await keys();
  await warmUp(k);
});

const DOES_NOT_VERIFY = /does not verify with any configured certificate/;
const expected: Record<keyof typeof SIGNATURE_ATTACKS, { reason: string; signatureChecks: number; cause?: RegExp }> = {
  "signature-removed": { reason: "signature-missing", signatureChecks: 0 },
  "unsigned-assertion-in-signed-response": { reason: "signature-invalid", signatureChecks: 1, cause: DOES_NOT_VERIFY },
  "response-resigned-with-attacker-certificate-in-keyinfo": { reason: "signature-invalid", signatureChecks: 1, cause: DOES_NOT_VERIFY },
  "assertion-resigned-with-attacker-certificate-in-keyinfo": { reason: "signature-invalid", signatureChecks: 1, cause: DOES_NOT_VERIFY },
  "comment-in-digest-value": { reason: "signature-invalid", signatureChecks: 1, cause: DOES_NOT_VERIFY },
  "two-signed-info": { reason: "signature-invalid", signatureChecks: 1, cause: /exactly one SignedInfo/ },
  "hmac-signature-method": { reason: "signature-invalid", signatureChecks: 1, cause: /SignatureMethod algorithm .*hmac-sha1 is not accepted/ },
  // The Response's signature verifies (check 1), the Assertion's does not (check 2): refused.
  "response-signature-valid-assertion-signature-broken": { reason: "signature-invalid", signatureChecks: 2, cause: DOES_NOT_VERIFY },
};

describe("signature attacks", () => {
  for (const [name, build] of Object.entries(SIGNATURE_ATTACKS) as Array<[keyof typeof SIGNATURE_ATTACKS, (k: Keys) => string]>) {
    it(`${name}: InvalidIdentityToken "Response signature invalid"`, async () => {
      const xml = build(k);
      const wanted = name === "response-signature-valid-assertion-signature-broken" ? "ADFS-Auditors" : "ADFS-KeyAdmins";
      const { cause, ...wantedRefusal } = expected[name];
      const error = await assertRefused(request(xml, provider(k.idpCertificatePem), { roleArn: roleArn(wanted) }), {
        code: "InvalidIdentityToken",
        ...wantedRefusal,
      });
      if (cause) assert.match(String((error.cause as Error | undefined)?.message), cause, "refused for the attack's reason");
      assert.equal(error.message, "Response signature invalid");
      assert.equal(error.status, 400);
    });
  }

  it("the attacker's certificate is refused even when it is the only KeyInfo and the provider has two certificates", async () => {
    const xml = SIGNATURE_ATTACKS["assertion-resigned-with-attacker-certificate-in-keyinfo"](k);
    const rollover = { ...provider(k.idpCertificatePem), certificates: [k.idpCertificatePem, k.idpCertificatePem] };
    await assertRefused(request(xml, rollover, { roleArn: roleArn("ADFS-KeyAdmins") }), {
      code: "InvalidIdentityToken",
      reason: "signature-invalid",
      signatureChecks: 1,
    });
  });

  it("the comment-in-DigestValue fixture is the real thing: the hidden digest is the edited assertion's", async () => {
    const xml = SIGNATURE_ATTACKS["comment-in-digest-value"](k);
    assert.match(xml, /<ds:DigestValue><!--[A-Za-z0-9+/=]{44}-->[A-Za-z0-9+/=]{44}<\/ds:DigestValue>/);
    // The digest recipe is the signer's own: on the unedited assertion it gives the real DigestValue.
    const legit = signedResponse(k.idp, { signResponse: false });
    const assertion = legit.slice(legit.indexOf(`<Assertion xmlns="${SAML_NS}"`), legit.indexOf("</Assertion>") + "</Assertion>".length);
    const digest = /<ds:DigestValue>([^<]+)<\/ds:DigestValue>/.exec(assertion)![1];
    assert.equal(sha256(withoutSignatures(assertion)).toString("base64"), digest);
  });
});

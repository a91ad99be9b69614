// Who the assertion is for: its Recipient must be AWS's sign-in endpoint (global or regional) or
// federa's own /saml, and its Audience AWS (or federa). An assertion for another SP is refused, and
// cheaply: these claim checks run on the assertion as received before any signature is checked.
import { before, describe, it } from "node:test";
import { assertRefused, keys, provider, request, resign, signedResponse, warmUp, AWS_SIGNIN, type Keys } from "./support.ts";

let k: Keys;
before(async () => {
  k = await keys();
  await warmUp(k);
});

const EVIL = "https://sp.evil.example/saml/acs";

describe("audience and recipient", () => {
  it("wrong audience: an assertion for another SP: InvalidIdentityToken", async () => {
    const xml = signedResponse(k.idp, { audience: EVIL });
    await assertRefused(request(xml, provider(k.idpCertificatePem)), { code: "InvalidIdentityToken", reason: "audience", signatureChecks: 0 });
  });

  it("wrong recipient: an assertion for another SP's ACS: InvalidIdentityToken", async () => {
    const xml = signedResponse(k.idp, { recipient: EVIL });
    await assertRefused(request(xml, provider(k.idpCertificatePem)), { code: "InvalidIdentityToken", reason: "recipient", signatureChecks: 0 });
  });

  it("a recipient federa was not configured to accept (AWS's per-provider /acs/ endpoint) is refused", async () => {
    const xml = signedResponse(k.idp, { recipient: `${AWS_SIGNIN}/acs/SAMLSP4SHN3UIS2D558H46` });
    await assertRefused(request(xml, provider(k.idpCertificatePem)), { code: "InvalidIdentityToken", reason: "recipient", signatureChecks: 0 });
  });

  it("two SubjectConfirmations (one for AWS, one elsewhere): refused, exactly one is allowed", async () => {
    const xml = signedResponse(k.idp);
    const confirmation = /<SubjectConfirmation [\s\S]*?<\/SubjectConfirmation>/.exec(xml)![0];
    const doubled = resign(xml.replace(confirmation, () => confirmation + confirmation.replace(AWS_SIGNIN, EVIL)), k.idp, { response: true });
    await assertRefused(request(doubled, provider(k.idpCertificatePem)), { code: "InvalidIdentityToken", reason: "subject-confirmation", signatureChecks: 0 });
  });

  it("a holder-of-key confirmation is not bearer: refused", async () => {
    const xml = resign(signedResponse(k.idp).replace("urn:oasis:names:tc:SAML:2.0:cm:bearer", "urn:oasis:names:tc:SAML:2.0:cm:holder-of-key"), k.idp, { response: true });
    await assertRefused(request(xml, provider(k.idpCertificatePem)), { code: "InvalidIdentityToken", reason: "bearer", signatureChecks: 0 });
  });
});

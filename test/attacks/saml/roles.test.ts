// Roles and principals: a role the assertion does not grant, a principal of another account, of
// another provider, and an attacker's own IdP (a provider registered in the same account) naming a
// role that trusts ADFS, or naming its own provider for a role whose trust policy names ADFS only.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { AWS_ATTRIBUTE } from "../../../src/idp/index.ts";
import type { TrustPolicyRequest } from "../../../src/sts/saml/index.ts";
import { assertRefused, keys, provider, providerArn, request, roleArn, signedResponse, warmUp, ADFS, OTHER_ACCOUNT, type Keys } from "./support.ts";

let k: Keys;
before(async () => {
  k = await keys();
  await warmUp(k);
});

const OKTA_ENTITY = "http://www.okta.com/exk-attacker";

/** The attacker's IdP, registered in carol's account as provider "Okta" with the attacker's key. */
function attackerResponse(roleValue: string): string {
  return signedResponse(k.attacker, {
    issuer: OKTA_ENTITY,
    attributes: [
      { name: AWS_ATTRIBUTE.role, values: [roleValue] },
      { name: AWS_ATTRIBUTE.roleSessionName, values: ["mallory"] },
    ],
  });
}
const okta = () => provider(k.attackerCertificatePem, "Okta", undefined, OKTA_ENTITY);

/** The lab's trust policy for ADFS-KeyAdmins: Federated principal ADFS only. */
const trustsAdfsOnly = {
  evaluateTrustPolicy: (req: TrustPolicyRequest) => ({ allowed: req.principalArn === ADFS }) as const,
};

describe("roles and principals", () => {
  it("role-absent-from-assertion: AccessDenied 'Not authorized to perform sts:AssumeRoleWithSAML'", async () => {
    const error = await assertRefused(request(signedResponse(k.idp), provider(k.idpCertificatePem), { roleArn: roleArn("ADFS-KeyAdmins") }), {
      code: "AccessDenied",
      reason: "role-pair",
      signatureChecks: 0,
    });
    assert.equal(error.message, "Not authorized to perform sts:AssumeRoleWithSAML");
  });

  it("principal-of-another-account: ValidationError before anything is decoded", async () => {
    const other = provider(k.idpCertificatePem, "ADFS", OTHER_ACCOUNT);
    const error = await assertRefused(request(signedResponse(k.idp), other), { code: "ValidationError", reason: "principal-account", signatureChecks: 0 });
    assert.equal(error.message, "Principal exists outside the account of the Role being assumed.");
  });

  it("principal-of-another-provider: carol's assertion presented under Okta: its issuer is not Okta's", async () => {
    await assertRefused(request(signedResponse(k.idp), okta()), { code: "InvalidIdentityToken", reason: "issuer", signatureChecks: 0 });
  });

  it("a provider whose metadata lacks the IdP's signing certificate (a rollover not uploaded): 'Response signature invalid'", async () => {
    const stale = provider(k.attackerCertificatePem);
    await assertRefused(request(signedResponse(k.idp), stale), { code: "InvalidIdentityToken", reason: "signature-invalid", signatureChecks: 1 });
  });

  it("principal-of-another-provider: the attacker's IdP grants 'KeyAdmins with ADFS', presented under Okta: AccessDenied", async () => {
    const xml = attackerResponse(`${roleArn("ADFS-KeyAdmins")},${ADFS}`);
    await assertRefused(request(xml, okta(), { roleArn: roleArn("ADFS-KeyAdmins") }), { code: "AccessDenied", reason: "role-pair", signatureChecks: 0 });
  });

  it("principal-of-another-provider: presented under ADFS instead, the attacker's signature fails", async () => {
    const xml = attackerResponse(`${roleArn("ADFS-KeyAdmins")},${ADFS}`);
    await assertRefused(request(xml, provider(k.idpCertificatePem), { roleArn: roleArn("ADFS-KeyAdmins") }), {
      code: "InvalidIdentityToken",
      reason: "issuer",
      signatureChecks: 0,
    });
    // And with ADFS's issuer copied into the attacker's assertion, the signature is what fails.
    const copiedIssuer = signedResponse(k.attacker, {
      attributes: [
        { name: AWS_ATTRIBUTE.role, values: [`${roleArn("ADFS-KeyAdmins")},${ADFS}`] },
        { name: AWS_ATTRIBUTE.roleSessionName, values: ["mallory"] },
      ],
    });
    await assertRefused(request(copiedIssuer, provider(k.idpCertificatePem), { roleArn: roleArn("ADFS-KeyAdmins") }), {
      code: "InvalidIdentityToken",
      reason: "signature-invalid",
      signatureChecks: 1,
    });
  });

  it("trust-policy-naming-another-provider: 'KeyAdmins with Okta' passes validation, the trust policy (ADFS only) refuses", async () => {
    const xml = attackerResponse(`${roleArn("ADFS-KeyAdmins")},${providerArn("Okta")}`);
    await assertRefused(request(xml, okta(), { roleArn: roleArn("ADFS-KeyAdmins") }), { code: "AccessDenied", reason: "trust-policy", signatureChecks: 2 }, trustsAdfsOnly);
  });

  it("a PrincipalArn that is not the provider the caller resolved: InvalidIdentityToken 'Specified provider doesn't exist.'", async () => {
    const error = await assertRefused(request(signedResponse(k.idp), provider(k.idpCertificatePem), { principalArn: providerArn("Other") }), {
      code: "InvalidIdentityToken",
      reason: "provider",
      signatureChecks: 0,
    });
    assert.equal(error.message, "Specified provider doesn't exist.");
  });

  it("an assertion from another issuer than the provider's entity ID: InvalidIdentityToken", async () => {
    const xml = signedResponse(k.idp, { issuer: "https://idp.elsewhere.test/" });
    await assertRefused(request(xml, provider(k.idpCertificatePem)), { code: "InvalidIdentityToken", reason: "issuer", signatureChecks: 0 });
  });
});

// Responses not written by federa's IdP: prefixes declared on the Response only (as Okta and
// Shibboleth write them), pretty-printed, xsi:type on values, signed by xml-crypto in place with
// exclusive (with an InclusiveNamespaces list) or inclusive canonicalization. The assertion's
// signature is checked as a document of its own, so the namespaces it inherits must come along.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { SignedXml } from "xml-crypto";
import { testIdentity } from "../support/saml-verify.ts";
import { accepted, provider, request, roleArn, ADFS, AWS_SIGNIN, IDP_ENTITY, NOW } from "../attacks/saml/support.ts";

const iso = (seconds: number) => new Date(NOW.getTime() + seconds * 1000).toISOString();
const EXC = "http://www.w3.org/2001/10/xml-exc-c14n#";
const INCLUSIVE = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";

const RESPONSE = `<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Destination="${AWS_SIGNIN}" ID="id-response-1" IssueInstant="${iso(0)}" Version="2.0">
  <saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${IDP_ENTITY}</saml2:Issuer>
  <saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status>
  <saml2:Assertion ID="id-assertion-1" IssueInstant="${iso(0)}" Version="2.0">
    <saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${IDP_ENTITY}</saml2:Issuer>
    <saml2:Subject>
      <saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">carol@corp.example.test</saml2:NameID>
      <saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
        <saml2:SubjectConfirmationData NotOnOrAfter="${iso(300)}" Recipient="${AWS_SIGNIN}"/>
      </saml2:SubjectConfirmation>
    </saml2:Subject>
    <saml2:Conditions NotBefore="${iso(-60)}" NotOnOrAfter="${iso(300)}">
      <saml2:AudienceRestriction><saml2:Audience>urn:amazon:webservices</saml2:Audience></saml2:AudienceRestriction>
    </saml2:Conditions>
    <saml2:AuthnStatement AuthnInstant="${iso(-1)}" SessionIndex="id-session-1">
      <saml2:AuthnContext><saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml2:AuthnContextClassRef></saml2:AuthnContext>
    </saml2:AuthnStatement>
    <saml2:AttributeStatement>
      <saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">
        <saml2:AttributeValue xsi:type="xs:string">${roleArn("ADFS-Auditors")}, ${ADFS}</saml2:AttributeValue>
      </saml2:Attribute>
      <saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">
        <saml2:AttributeValue xsi:type="xs:string">carol@corp.example.test</saml2:AttributeValue>
      </saml2:Attribute>
    </saml2:AttributeStatement>
  </saml2:Assertion>
</saml2p:Response>`;

let identity: { privateKeyPem: string; certificatePem: string };
before(async () => {
  identity = await testIdentity(0);
});

function sign(xml: string, target: "Assertion" | "Response", canonicalization: string, prefixes?: string[]): string {
  const signer = new SignedXml({
    privateKey: identity.privateKeyPem,
    publicCert: identity.certificatePem,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: canonicalization,
  });
  signer.addReference({
    xpath: `//*[local-name(.)='${target}']`,
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", canonicalization],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    ...(prefixes ? { inclusiveNamespacesPrefixList: prefixes } : {}),
  });
  signer.computeSignature(xml, { prefix: "ds", location: { reference: `//*[local-name(.)='${target}']/*[local-name(.)='Issuer']`, action: "after" } });
  return signer.getSignedXml();
}

describe("interoperability with other IdPs' writing", () => {
  for (const [name, canonicalization, prefixes] of [
    ["exclusive c14n", EXC, undefined],
    ["exclusive c14n with InclusiveNamespaces xs", EXC, ["xs"]],
    ["inclusive c14n", INCLUSIVE, undefined],
  ] as const) {
    it(`an assertion signed in place (${name}), prefixes declared on the Response: accepted`, async () => {
      const xml = sign(RESPONSE, "Assertion", canonicalization, prefixes ? [...prefixes] : undefined);
      assert.ok(!/<saml2:Assertion [^>]*xmlns:saml2=/.test(xml), "the assertion inherits its prefix");
      const result = await accepted(request(xml, provider(identity.certificatePem)));
      assert.equal(result.signatureChecks, 1);
      assert.equal(result.subject, "carol@corp.example.test");
      assert.equal(result.subjectType, "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
    });
  }

  it("the Response signed, then the assertion as well (both, in place): accepted", async () => {
    const xml = sign(sign(RESPONSE, "Assertion", EXC), "Response", EXC);
    const result = await accepted(request(xml, provider(identity.certificatePem)));
    assert.equal(result.signatureChecks, 2);
  });
});

// AuthnRequests over HTTP-POST with an enveloped XML signature, verified with the SP's configured
// certificate only and read only from the signed bytes: node-saml's getVerifiedXml rigour against
// wrapping, duplicate IDs, extra signatures and a key smuggled in through KeyInfo.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SignedXml } from "xml-crypto";
import { parseAuthnRequest, SamlError, type ParseAuthnRequestOptions } from "../../src/idp/saml/index.ts";
import { XmlError } from "../../src/xml/index.ts";
import { onelogin } from "../support/saml-verify.ts";
import { ACS, IDP, SP, SSO, authnRequestXml, testSigner } from "./helpers.ts";

function trust(certificates: string[], wantAuthnRequestsSigned: boolean): ParseAuthnRequestOptions {
  return { trustFor: (issuer) => (issuer === SP ? { certificates, wantAuthnRequestsSigned } : undefined) };
}

function post(xml: string, relayState?: string) {
  return { binding: "post" as const, samlRequest: Buffer.from(xml, "utf8").toString("base64"), ...(relayState === undefined ? {} : { relayState }) };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SamlError, `expected a SamlError, got ${String(error)}`);
    return error.code;
  }
  assert.fail("expected a SamlError");
}

/** The message of the XML-layer error behind a SAML_REQUEST_SIGNATURE_INVALID. */
function causeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SamlError && error.cause instanceof XmlError);
    return error.cause.message;
  }
  assert.fail("expected a SamlError");
}

/** Signs like an SP would with xml-crypto: enveloped, exc-c14n, RSA-SHA256, after the Issuer. */
function signWithXmlCrypto(xml: string, keyPem: string, certPem: string, id: string): string {
  const signer = new SignedXml({
    privateKey: keyPem,
    publicCert: certPem,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  signer.addReference({
    xpath: `//*[@ID='${id}']`,
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  signer.computeSignature(xml, { location: { reference: `//*[local-name(.)='Issuer']`, action: "after" }, prefix: "ds" });
  return signer.getSignedXml();
}

async function pythonSignedRequest(): Promise<{ xml: string; id: string; certificatePem: string }> {
  const sp = await testSigner(2);
  const idp = await testSigner(0);
  const built = onelogin<{ xml: string; id: string }>("build_post_authn_request", {
    sp_entity_id: SP,
    acs_url: ACS,
    idp_entity_id: IDP,
    idp_sso_url: SSO,
    idp_cert: idp.certificatePem,
    sp_key: sp.privateKeyPem,
    sp_cert: sp.certificatePem,
  });
  return { ...built, certificatePem: sp.certificatePem };
}

test("a POST request signed by python3-saml (OneLogin_Saml2_Utils.add_sign) is accepted", async () => {
  const { xml, id, certificatePem } = await pythonSignedRequest();
  assert.match(xml, /<ds:Signature/);
  const request = parseAuthnRequest(post(xml, "relay"), trust([certificatePem], true));
  assert.equal(request.id, id);
  assert.equal(request.issuer, SP);
  assert.equal(request.acsUrl, ACS);
  assert.equal(request.destination, SSO);
  assert.equal(request.binding, "post");
  assert.equal(request.signed, true);
  assert.equal(request.relayState, "relay");
});

test("one changed byte in a signed POST request is refused", async () => {
  const { xml, certificatePem } = await pythonSignedRequest();
  const tampered = xml.replace("https://sp.example.test/saml/acs", "https://sp.example.test/saml/acz");
  assert.notEqual(tampered, xml);
  assert.equal(codeOf(() => parseAuthnRequest(post(tampered), trust([certificatePem], true))), "SAML_REQUEST_SIGNATURE_INVALID");
});

test("a request signed by xml-crypto verifies; under another certificate it does not", async () => {
  const sp = await testSigner(2);
  const other = await testSigner(1);
  const xml = signWithXmlCrypto(authnRequestXml(), sp.privateKeyPem, sp.certificatePem, "_req-7f3a");
  assert.equal(parseAuthnRequest(post(xml), trust([sp.certificatePem], true)).signed, true);
  assert.equal(codeOf(() => parseAuthnRequest(post(xml), trust([other.certificatePem], true))), "SAML_REQUEST_SIGNATURE_INVALID");
});

test("the key in KeyInfo is never trusted: an attacker's own certificate there is refused", async () => {
  const sp = await testSigner(2);
  const attacker = await testSigner(1);
  const forged = signWithXmlCrypto(authnRequestXml({ body: "" }), attacker.privateKeyPem, attacker.certificatePem, "_req-7f3a");
  assert.match(forged, /X509Certificate/);
  assert.equal(codeOf(() => parseAuthnRequest(post(forged), trust([sp.certificatePem], true))), "SAML_REQUEST_SIGNATURE_INVALID");
});

test("signature wrapping: a signed request tucked inside an unsigned one is refused", async () => {
  const sp = await testSigner(2);
  const signed = signWithXmlCrypto(authnRequestXml(), sp.privateKeyPem, sp.certificatePem, "_req-7f3a");
  const signature = signed.slice(signed.indexOf("<ds:Signature"), signed.indexOf("</ds:Signature>") + "</ds:Signature>".length);
  const inner = signed.replace(signature, "");
  const wrapped = authnRequestXml({
    id: "_evil",
    extraAttributes: ' ForceAuthn="true"',
    body: `${signature}<samlp:Extensions>${inner}</samlp:Extensions>`,
  });
  assert.equal(codeOf(() => parseAuthnRequest(post(wrapped), trust([sp.certificatePem], true))), "SAML_REQUEST_SIGNATURE_INVALID");
  assert.equal(causeOf(() => parseAuthnRequest(post(wrapped), trust([sp.certificatePem], true))), "the signature does not reference the signed element");
});

test("a duplicate ID elsewhere in the document is refused", async () => {
  const sp = await testSigner(2);
  const signed = signWithXmlCrypto(authnRequestXml(), sp.privateKeyPem, sp.certificatePem, "_req-7f3a");
  const duplicated = signed.replace("</samlp:AuthnRequest>", '<samlp:Extensions><x ID="_req-7f3a" xmlns="urn:x"/></samlp:Extensions></samlp:AuthnRequest>');
  assert.equal(codeOf(() => parseAuthnRequest(post(duplicated), trust([sp.certificatePem], true))), "SAML_REQUEST_SIGNATURE_INVALID");
  assert.equal(causeOf(() => parseAuthnRequest(post(duplicated), trust([sp.certificatePem], true))), "the signed element's ID is not unique");
});

test("two signatures on the request are refused", async () => {
  const sp = await testSigner(2);
  const signed = signWithXmlCrypto(authnRequestXml(), sp.privateKeyPem, sp.certificatePem, "_req-7f3a");
  const signature = signed.slice(signed.indexOf("<ds:Signature"), signed.indexOf("</ds:Signature>") + "</ds:Signature>".length);
  const twice = signed.replace(signature, signature + signature);
  assert.equal(codeOf(() => parseAuthnRequest(post(twice), trust([sp.certificatePem], true))), "SAML_REQUEST_SIGNATURE_INVALID");
  assert.equal(causeOf(() => parseAuthnRequest(post(twice), trust([sp.certificatePem], true))), "the document carries more than one signature");
});

test("unsigned POST requests: refused when signing is required, accepted otherwise", async () => {
  const sp = await testSigner(2);
  const xml = authnRequestXml({ extraAttributes: ' IsPassive="true"' });
  assert.equal(codeOf(() => parseAuthnRequest(post(xml), trust([sp.certificatePem], true))), "SAML_REQUEST_UNSIGNED");
  const request = parseAuthnRequest(post(xml), trust([], false));
  assert.equal(request.signed, false);
  assert.equal(request.isPassive, true);
});

test("POST garbage gets a stable code", () => {
  const options = trust([], false);
  const b64 = (text: string) => Buffer.from(text).toString("base64");
  const cases: Array<[string, string, string]> = [
    ["not base64", "!!!", "SAML_REQUEST_MALFORMED"],
    ["empty", "", "SAML_REQUEST_MALFORMED"],
    ["not XML", b64("just text"), "SAML_REQUEST_MALFORMED"],
    ["DOCTYPE", b64(`<!DOCTYPE a [<!ENTITY x "y">]>${authnRequestXml()}`), "SAML_REQUEST_MALFORMED"],
    ["wrong root", b64("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"/>"), "SAML_REQUEST_MALFORMED"],
    ["too large", "A".repeat(70 * 1024), "SAML_REQUEST_TOO_LARGE"],
  ];
  for (const [name, samlRequest, code] of cases) {
    assert.equal(codeOf(() => parseAuthnRequest({ binding: "post", samlRequest }, options)), code, name);
  }
  // Line breaks in the base64 (as some SPs send it) are fine.
  const wrapped = b64(authnRequestXml()).replace(/(.{76})/g, "$1\r\n");
  assert.equal(parseAuthnRequest({ binding: "post", samlRequest: wrapped }, options).id, "_req-7f3a");
});

// Signed responses verified by xmlsec1 (libxmlsec1 + OpenSSL), an implementation independent of
// federa's: both the Response and the Assertion signature, a wrong key refused, one changed byte
// refused, and awkward characters in values still verifying.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildSamlErrorResponse, buildSamlResponse } from "../../src/idp/saml/index.ts";
import { idOf, xmlsecVerify } from "../support/saml-verify.ts";
import { AWKWARD, responseInput, testSigner } from "./helpers.ts";

const NOW = new Date("2025-03-01T10:00:00.000Z");

test("xmlsec1 verifies the Response signature and the Assertion signature", async () => {
  const { signer, certificatePem } = await testSigner();
  const xml = buildSamlResponse(responseInput(NOW), signer);
  const response = xmlsecVerify(xml, certificatePem, idOf(xml, "samlp:Response"));
  assert.equal(response.ok, true, response.output);
  const assertion = xmlsecVerify(xml, certificatePem, idOf(xml, "Assertion"));
  assert.equal(assertion.ok, true, assertion.output);
});

test("xmlsec1 verifies the Assertion of a response signed only there", async () => {
  const { signer, certificatePem } = await testSigner();
  const xml = buildSamlResponse(responseInput(NOW, { signResponse: false }), signer);
  assert.equal(xml.split("<ds:Signature ").length - 1, 1);
  assert.equal(xmlsecVerify(xml, certificatePem, idOf(xml, "Assertion")).ok, true);
});

test("xmlsec1 refuses both signatures under another certificate", async () => {
  const { signer } = await testSigner(0);
  const other = await testSigner(1);
  const xml = buildSamlResponse(responseInput(NOW), signer);
  assert.equal(xmlsecVerify(xml, other.certificatePem, idOf(xml, "samlp:Response")).ok, false);
  assert.equal(xmlsecVerify(xml, other.certificatePem, idOf(xml, "Assertion")).ok, false);
});

test("one changed byte in an attribute value breaks both signatures", async () => {
  const { signer, certificatePem } = await testSigner();
  const xml = buildSamlResponse(responseInput(NOW), signer);
  const tampered = xml.replace("role/ADFS-Developers", "role/ADFS-Developerz");
  assert.equal(tampered.length, xml.length);
  assert.notEqual(tampered, xml);
  assert.equal(xmlsecVerify(tampered, certificatePem, idOf(xml, "Assertion")).ok, false);
  assert.equal(xmlsecVerify(tampered, certificatePem, idOf(xml, "samlp:Response")).ok, false);
});

test("a changed byte outside the assertion breaks only the Response signature", async () => {
  const { signer, certificatePem } = await testSigner();
  const xml = buildSamlResponse(responseInput(NOW), signer);
  const tampered = xml.replace('Destination="https://sp.example.test/', 'Destination="https://sq.example.test/');
  assert.notEqual(tampered, xml);
  assert.equal(xmlsecVerify(tampered, certificatePem, idOf(xml, "samlp:Response")).ok, false);
  assert.equal(xmlsecVerify(tampered, certificatePem, idOf(xml, "Assertion")).ok, true);
});

test("special characters (& < \" CR TAB non-ASCII) in values, NameID and issuer still verify", async () => {
  const { signer, certificatePem } = await testSigner();
  const input = responseInput(NOW, {
    nameId: { value: AWKWARD, format: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" },
    attributes: [{ name: "urn:federa:test:awkward", values: [AWKWARD, "", "\r", "&amp;"] }],
    sessionIndex: `_s "${AWKWARD}"`,
    inResponseTo: "_req<&>\"",
  });
  const xml = buildSamlResponse(input, signer);
  assert.ok(xml.includes("&#xD;"));
  assert.ok(xml.includes("&amp;amp;"));
  assert.equal(xmlsecVerify(xml, certificatePem, idOf(xml, "samlp:Response")).ok, true);
  assert.equal(xmlsecVerify(xml, certificatePem, idOf(xml, "Assertion")).ok, true);
});

test("xmlsec1 verifies the signature of an error response", async () => {
  const { signer, certificatePem } = await testSigner();
  const xml = buildSamlErrorResponse(
    { issuer: "https://idp.example.test/idp/metadata", destination: "https://sp.example.test/acs", inResponseTo: "_r", statusCode: "Requester", subStatusCode: "RequestDenied", message: "No AWS role", now: NOW },
    signer,
  );
  assert.match(xml, /<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:RequestDenied"><\/samlp:StatusCode><\/samlp:StatusCode><samlp:StatusMessage>No AWS role<\/samlp:StatusMessage>/);
  assert.equal(xml.includes("<Assertion"), false);
  assert.equal(xmlsecVerify(xml, certificatePem, idOf(xml, "samlp:Response")).ok, true);
});

// Parity with xml-crypto (the library the canonical writer replaces on the signing path): what the
// builder digested is byte-identical to xml-crypto's exc-c14n of the parsed element, the whole
// response is its own canonical form, and xml-crypto verifies both signatures.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ExclusiveCanonicalization, SignedXml } from "xml-crypto";
import { buildSamlResponse, SAML_ASSERTION_NS, SAML_PROTOCOL_NS } from "../../src/idp/saml/index.ts";
import { childElements, DSIG_NS_URI, parseXml, verifySignedXml, type Element } from "../../src/xml/index.ts";
import { sha256 } from "../../src/crypto/index.ts";
import { elementText, withoutSignature } from "../support/saml-verify.ts";
import { AWKWARD, responseInput, testSigner } from "./helpers.ts";

const NOW = new Date("2025-03-01T10:00:00.000Z");

function c14n(node: Element): string {
  return new ExclusiveCanonicalization().process(node as unknown as globalThis.Element, {}).toString();
}

function digestValueOf(signature: Element): string {
  const signedInfo = childElements(signature, DSIG_NS_URI, "SignedInfo")[0]!;
  const reference = childElements(signedInfo, DSIG_NS_URI, "Reference")[0]!;
  return childElements(reference, DSIG_NS_URI, "DigestValue")[0]!.textContent!;
}

function inputs() {
  return [
    responseInput(NOW),
    responseInput(NOW, {
      nameId: { value: AWKWARD, format: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", spNameQualifier: AWKWARD },
      attributes: [{ name: "urn:x", values: [AWKWARD, "", "a\r\n\tb"], friendlyName: AWKWARD }],
      consent: "urn:oasis:names:tc:SAML:2.0:consent:unspecified",
      notBeforeSkewSeconds: 30,
    }),
  ];
}

test("the assertion bytes the builder digested equal xml-crypto's exc-c14n of the parsed assertion", async () => {
  const { signer } = await testSigner();
  for (const input of inputs()) {
    const xml = buildSamlResponse(input, signer);
    const digested = withoutSignature(elementText(xml, "Assertion"));
    const assertion = childElements(parseXml(xml).documentElement!, SAML_ASSERTION_NS, "Assertion")[0]!;
    const signature = childElements(assertion, DSIG_NS_URI, "Signature")[0]!;
    assert.equal(digestValueOf(signature), sha256(digested).toString("base64"));
    assertion.removeChild(signature);
    assert.equal(c14n(assertion), digested);
  }
});

test("the whole response is its own exclusive canonical form", async () => {
  const { signer } = await testSigner();
  for (const input of inputs()) {
    const xml = buildSamlResponse(input, signer);
    assert.equal(c14n(parseXml(xml).documentElement!), xml);
  }
});

test("xml-crypto verifies both signatures with the configured certificate, and not with another", async () => {
  const { signer, certificatePem } = await testSigner();
  const other = await testSigner(1);
  const xml = buildSamlResponse(inputs()[1]!, signer);
  const doc = parseXml(xml);
  const responseSignature = childElements(doc.documentElement!, DSIG_NS_URI, "Signature")[0]!;
  const assertion = childElements(doc.documentElement!, SAML_ASSERTION_NS, "Assertion")[0]!;
  const assertionSignature = childElements(assertion, DSIG_NS_URI, "Signature")[0]!;
  for (const [signature, signedBytes] of [
    [responseSignature, withoutSignature(xml)],
    [assertionSignature, withoutSignature(elementText(xml, "Assertion"))],
  ] as const) {
    const verifier = new SignedXml({ publicCert: certificatePem, getCertFromKeyInfo: () => null });
    verifier.loadSignature(signature as unknown as globalThis.Node);
    assert.equal(verifier.checkSignature(xml), true);
    assert.deepEqual(verifier.getSignedReferences(), [signedBytes]);

    const wrong = new SignedXml({ publicCert: other.certificatePem, getCertFromKeyInfo: () => null });
    wrong.loadSignature(signature as unknown as globalThis.Node);
    assert.throws(() => wrong.checkSignature(xml), /invalid signature/);
  }
});

test("federa's own verifier returns exactly the signed Response", async () => {
  const { signer, certificatePem } = await testSigner();
  const xml = buildSamlResponse(responseInput(NOW), signer);
  const verified = verifySignedXml(xml, [certificatePem]);
  assert.equal(verified.xml, withoutSignature(xml));
  assert.equal(verified.element.namespaceURI, SAML_PROTOCOL_NS);
  assert.equal(verified.element.localName, "Response");
  assert.equal(verified.signatureAlgorithm, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
});

// verifySignedXml on a nested element (options.element): the enveloped signature of, say, a SAML
// Assertion inside its Response is verified in place, and decides exactly as verifying the element
// written out as a document of its own (what the STS did before), returning the same signed bytes;
// the ID must be unique in the whole document and the signature a direct child of the element.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SignedXml } from "xml-crypto";
import { buildSamlResponse } from "../../src/idp/saml/index.ts";
import { childElements, DSIG_NS_URI, parseXml, verifySignedXml, XmlError, type Document, type Element } from "../../src/xml/index.ts";
import { standaloneXml } from "../../src/xml/dsig/standalone.ts";
import { verifyCommonShape } from "../../src/xml/dsig/verify-fast.ts";
import { responseInput, testSigner } from "./helpers.ts";

const NOW = new Date("2025-03-01T10:00:00.000Z");
const SAML = "urn:oasis:names:tc:SAML:2.0:assertion";

function byId(doc: Document, id: string): Element {
  const stack: Element[] = [doc.documentElement!];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.getAttribute("ID") === id) return node;
    for (const child of childElements(node)) stack.push(child);
  }
  throw new Error(`no element ${id}`);
}

function signNested(xml: string, keyPem: string, certPem: string, id: string, prefixList?: string): string {
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
    ...(prefixList ? { inclusiveNamespacesPrefixList: prefixList.split(" ") } : {}),
  });
  signer.computeSignature(xml, { prefix: "ds", location: { reference: `//*[@ID='${id}']/*[1]`, action: "after" } });
  return signer.getSignedXml();
}

/** In place: the signed bytes, or the XmlError code. */
function inPlace(xml: string, certPem: string, id = "_a1"): string {
  const doc = parseXml(xml);
  try {
    return verifySignedXml(xml, [certPem], { document: doc, element: byId(doc, id) }).xml;
  } catch (error) {
    assert.ok(error instanceof XmlError, String(error));
    return error.code;
  }
}

/** As before: the element written out as a document of its own. */
function standalone(xml: string, certPem: string, id = "_a1"): string {
  try {
    return verifySignedXml(standaloneXml(byId(parseXml(xml), id)), [certPem]).xml;
  } catch (error) {
    assert.ok(error instanceof XmlError, String(error));
    return error.code;
  }
}

const NESTED: string[] = [
  `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="${SAML}" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="_r1"><saml:Issuer>i</saml:Issuer><saml:Assertion ID="_a1"><saml:Issuer>i</saml:Issuer><saml:AttributeStatement><saml:Attribute Name="n"><saml:AttributeValue xsi:type="xs:string">v &amp; w</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>`,
  `<Response xmlns="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:a="urn:a" ID="_r1"><Outer a:x="1"><Assertion ID="_a1" a:y="2"><Subject>x</Subject><a:Inner xmlns:a="urn:a2">t</a:Inner></Assertion></Outer></Response>`,
  `<p:Response xmlns:p="urn:p" ID="_r1"><p:Wrap xmlns:p="urn:p2" xmlns:q="urn:q"><q:Assertion ID="_a1"><p:Subject>x</p:Subject></q:Assertion></p:Wrap></p:Response>`,
];

test("a nested element's signature verifies in place as it did written out alone, with the same bytes", async () => {
  const { privateKeyPem, certificatePem } = await testSigner();
  const other = await testSigner(1);
  for (const document of NESTED) {
    for (const prefixList of [undefined, "xs xsi a"]) {
      const signed = signNested(document, privateKeyPem, certificatePem, "_a1", prefixList);
      const label = `${document.slice(0, 40)} ${prefixList ?? ""}`;
      const expected = standalone(signed, certificatePem);
      if (prefixList === undefined) assert.ok(expected.startsWith("<"), `verifies ${label}: ${expected}`);
      assert.equal(inPlace(signed, certificatePem), expected, label);
      assert.equal(inPlace(signed, other.certificatePem), "XML_SIGNATURE_INVALID", label);
      const doc = parseXml(signed);
      const element = byId(doc, "_a1");
      const fast = verifyCommonShape(signed, doc, element, childElements(element, DSIG_NS_URI, "Signature")[0]!, [certificatePem]);
      assert.equal(fast !== undefined, prefixList === undefined, `path ${label}`);
      // Tampered inside the signed element, and outside it (which the signature does not cover).
      const inside = signed.replace(/<([\w:]*)Subject>x</, "<$1Subject>y<").replace(/v &amp; w/, "v &amp; W");
      assert.notEqual(inside, signed);
      assert.equal(inPlace(inside, certificatePem), standalone(inside, certificatePem), `inside ${label}`);
      assert.equal(inPlace(inside, certificatePem), "XML_SIGNATURE_INVALID", `inside ${label}`);
      const outside = signed.replace('ID="_r1"', 'ID="_r2"');
      assert.equal(inPlace(outside, certificatePem, "_a1"), expected, `outside ${label}`);
    }
  }
});

test("in place, the ID must be unique in the whole document and the signature a direct child", async () => {
  const { privateKeyPem, certificatePem } = await testSigner();
  const signed = signNested(NESTED[0]!, privateKeyPem, certificatePem, "_a1");
  assert.ok(inPlace(signed, certificatePem).startsWith("<"));
  // Another element outside the assertion carrying its ID: written out alone it would verify.
  const duplicated = signed.replace('<saml:Issuer>i</saml:Issuer><saml:Assertion', '<saml:Issuer ID="_a1">i</saml:Issuer><saml:Assertion');
  assert.ok(standalone(duplicated, certificatePem).startsWith("<"));
  assert.equal(inPlace(duplicated, certificatePem), "XML_SIGNATURE_INVALID");
  const duplicatedId = signed.replace('ID="_r1"', 'Id="_a1"');
  assert.equal(inPlace(duplicatedId, certificatePem), "XML_SIGNATURE_INVALID");
  // The signature moved one level down is not the element's enveloped signature.
  const deeper = signed.replace(/(<ds:Signature[\s\S]*<\/ds:Signature>)(<saml:AttributeStatement>)/, "$2$1");
  assert.notEqual(deeper, signed);
  assert.equal(inPlace(deeper, certificatePem), "XML_SIGNATURE_MISSING");
  // The Response's ID is not the assertion's reference.
  assert.equal(inPlace(signed, certificatePem, "_r1"), "XML_SIGNATURE_MISSING");
  const doc = parseXml(signed);
  assert.throws(() => verifySignedXml(signed, [certificatePem], { element: byId(doc, "_a1") }), TypeError);
  assert.throws(() => verifySignedXml(signed, [certificatePem], { document: parseXml(signed), element: byId(doc, "_a1") }), TypeError);
});

test("the IdP's assertions verify in place, in the response and in the response's signed bytes", async () => {
  const { signer, certificatePem } = await testSigner();
  for (const signResponse of [false, true]) {
    const xml = buildSamlResponse({ ...responseInput(NOW), signResponse }, signer);
    const doc = parseXml(xml);
    const assertion = childElements(doc.documentElement!, SAML, "Assertion")[0]!;
    const expected = verifySignedXml(standaloneXml(assertion), [certificatePem]).xml;
    const signature = childElements(assertion, DSIG_NS_URI, "Signature")[0]!;
    assert.notEqual(verifyCommonShape(xml, doc, assertion, signature, [certificatePem]), undefined);
    assert.equal(verifySignedXml(xml, [certificatePem], { document: doc, element: assertion }).xml, expected);
    if (signResponse) {
      const response = verifySignedXml(xml, [certificatePem], { document: doc });
      const inside = childElements(response.element, SAML, "Assertion")[0]!;
      assert.equal(verifySignedXml(response.xml, [certificatePem], { document: response.element.ownerDocument!, element: inside }).xml, expected);
    }
  }
});

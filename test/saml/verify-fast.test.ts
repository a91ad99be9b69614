// Parity for the hand-written verification path (dsig/verify-fast.ts, canonical/exc-c14n.ts): its
// exclusive canonical form is byte-identical to xml-crypto's (and, for a few, libxml2's), it says
// "not mine" exactly where xml-crypto writes something else, and verifySignedXml decides as
// xml-crypto's SignedXml does on documents signed with odd prefixes, algorithms and content.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ExclusiveCanonicalization, SignedXml } from "xml-crypto";
import { buildSamlResponse } from "../../src/idp/saml/index.ts";
import { childElements, DSIG_NS_URI, parseXml, verifySignedXml, XmlError, type Element } from "../../src/xml/index.ts";
import { exclusiveCanonicalXml } from "../../src/xml/canonical/exc-c14n.ts";
import { verifyCommonShape } from "../../src/xml/dsig/verify-fast.ts";
import { onelogin } from "../support/saml-verify.ts";
import { AWKWARD, responseInput, testSigner } from "./helpers.ts";

const NOW = new Date("2025-03-01T10:00:00.000Z");
const SPECIAL = "a&amp;b&lt;c&gt;d&quot;e'f&#9;g&#10;h&#13;i é 𝄞 ]]&gt; \t";

function xmlCrypto(xml: string, prefixList: string[] = []): string {
  const root = parseXml(xml).documentElement!;
  return new ExclusiveCanonicalization().process(root as unknown as globalThis.Element, { inclusiveNamespacesPrefixList: prefixList }).toString();
}

function mine(xml: string, prefixList: string[] = []): string | undefined {
  return exclusiveCanonicalXml(parseXml(xml).documentElement!, { prefixList });
}

/** Documents whose canonical form the hand-written canonicalizer writes itself. */
const HANDLED: Array<[string, string[]]> = [
  [`<a/>`, []],
  [`<r xmlns="urn:a" b="2" a="1"><x>t</x></r>`, []],
  [`<p:r xmlns:p="urn:p" xmlns:unused="urn:u"><p:c/><q:c xmlns:q="urn:q"/></p:r>`, []],
  [`<p:r xmlns:p="urn:p"><p:c xmlns:p="urn:other"><p:d xmlns:p="urn:p"/></p:c></p:r>`, []],
  [`<r xmlns="urn:a"><s xmlns="urn:b"><t/></s><u xmlns="urn:a"/></r>`, []],
  [`<r xmlns:z="urn:0" xmlns:a="urn:9" z:y="1" a:x="2" b="3" xml:lang="en" a="4"/>`, []],
  [`<r xmlns:b="urn:b" xmlns:a="urn:a" xmlns:c="urn:c"><a:x b:y="1" c:z="2"/></r>`, []],
  [`<r a="${SPECIAL}">${SPECIAL}<![CDATA[<raw> & ]]]]><!-- dropped -->after\r\n</r>`, []],
  [`<r><!--c1--><x><!--c2--></x>é 日本 𝄞</r>`, []],
  [`<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><saml:AttributeValue xsi:type="xs:string">v</saml:AttributeValue></saml:Assertion>`, ["xs"]],
  [`<saml:Assertion xmlns:saml="urn:s" xmlns:xs="urn:xs" xmlns:q="urn:q"><saml:A><q:b xmlns:xs="urn:xs2"/></saml:A></saml:Assertion>`, ["xs", "q", "absent"]],
];

/** Documents where xml-crypto writes other bytes than the specification, or might. */
const DIVERGING: Array<[string, string[]]> = [
  [`<r xmlns="urn:a"><plain xmlns=""><empty/></plain></r>`, []],
  [`<r><?pi data?></r>`, []],
  [`<r xmlns:p="urn:a&amp;b"><p:x/></r>`, []],
  [`<r xmlnsfoo="1"/>`, []],
  [`<r xmlns:B="urn:b" xmlns:a="urn:a"><a:x B:y="1"/></r>`, []],
  [`<r xmlns:a="urn:a" xmlns:ab="urn:ab" a:z="1" ab:c="2"/>`, []],
  [`<r xmlns:a="urn:a" xmlns:b="urn:a:b" b:c="1" a:z="2"/>`, []],
  [`<r xmlns="urn:d"/>`, ["#default"]],
  [`<r xmlns:p="urn:p" p:xs="1"/>`, ["xs"]],
];

test("the exclusive canonical form is byte-identical to xml-crypto's", () => {
  for (const [xml, prefixList] of HANDLED) {
    const written = mine(xml, prefixList);
    assert.notEqual(written, undefined, xml);
    assert.equal(written, xmlCrypto(xml, prefixList), xml);
  }
});

test("where xml-crypto writes something else, the canonicalizer leaves the decision to it", () => {
  for (const [xml, prefixList] of DIVERGING) assert.equal(mine(xml, prefixList), undefined, xml);
});

test("the exclusive canonical form is libxml2's (lxml) where there is no PrefixList", () => {
  for (const [xml, prefixList] of HANDLED) {
    if (prefixList.length > 0) continue;
    assert.equal(mine(xml), onelogin<{ c14n: string }>("exc_c14n", { xml }).c14n, xml);
  }
});

test("responses the IdP builds canonicalize as xml-crypto does, signature left out", async () => {
  const { signer } = await testSigner();
  for (const input of [responseInput(NOW), responseInput(NOW, { nameId: { value: AWKWARD, format: "urn:x" }, attributes: [{ name: AWKWARD, values: [AWKWARD, ""] }] })]) {
    const doc = parseXml(buildSamlResponse(input, signer));
    for (const element of [doc.documentElement!, childElements(doc.documentElement!, "urn:oasis:names:tc:SAML:2.0:assertion", "Assertion")[0]!]) {
      const signature = childElements(element, DSIG_NS_URI, "Signature")[0];
      const written = exclusiveCanonicalXml(element, signature ? { exclude: signature } : {});
      if (signature) element.removeChild(signature);
      assert.equal(written, new ExclusiveCanonicalization().process(element as unknown as globalThis.Element, {}).toString());
    }
  }
});

// ---- whole verification against xml-crypto's SignedXml ------------------------------------------

interface SignOptions {
  signatureAlgorithm?: string;
  digestAlgorithm?: string;
  canonicalizationAlgorithm?: string;
  transforms?: string[];
  prefixList?: string;
  prefix?: string;
}

function signWithXmlCrypto(xml: string, keyPem: string, certPem: string, id: string, options: SignOptions = {}): string {
  const signer = new SignedXml({
    privateKey: keyPem,
    publicCert: certPem,
    signatureAlgorithm: options.signatureAlgorithm ?? "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: options.canonicalizationAlgorithm ?? "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  signer.addReference({
    xpath: `//*[@ID='${id}']`,
    transforms: options.transforms ?? ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: options.digestAlgorithm ?? "http://www.w3.org/2001/04/xmlenc#sha256",
    ...(options.prefixList ? { inclusiveNamespacesPrefixList: options.prefixList.split(" ") } : {}),
  });
  signer.computeSignature(xml, { location: { reference: `/*/*[1]`, action: "after" }, ...(options.prefix === undefined ? { prefix: "ds" } : { prefix: options.prefix }) });
  return signer.getSignedXml();
}

/** xml-crypto's verdict, as the old verifySignedXml reached it: the signed bytes, or undefined. */
function xmlCryptoVerdict(xml: string, certPem: string): string | undefined {
  const doc = parseXml(xml);
  const signature = childElements(doc.documentElement!, DSIG_NS_URI, "Signature")[0]!;
  const verifier = new SignedXml({ publicCert: certPem, getCertFromKeyInfo: () => null });
  try {
    verifier.loadSignature(signature as unknown as globalThis.Node);
    if (verifier.checkSignature(xml) !== true) return undefined;
  } catch {
    return undefined;
  }
  return verifier.getSignedReferences()[0];
}

function verdict(xml: string, certPem: string): string | undefined {
  try {
    return verifySignedXml(xml, [certPem]).xml;
  } catch (error) {
    assert.ok(error instanceof XmlError, String(error));
    return undefined;
  }
}

function fastPathTaken(xml: string, certPem: string): boolean {
  const doc = parseXml(xml);
  const root = doc.documentElement!;
  return verifyCommonShape(xml, doc, root, childElements(root, DSIG_NS_URI, "Signature")[0]!, [certPem]) !== undefined;
}

const DOCUMENTS: string[] = [
  `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://idp</saml:Issuer><saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1"><saml:Subject>x</saml:Subject></saml:Assertion></samlp:Response>`,
  `<Response xmlns="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1"><Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">i</Issuer><Status><StatusCode Value="urn:ok"/></Status>\n  <!-- a comment -->\n</Response>`,
  `<x:Root xmlns:x="urn:x" xmlns:y="urn:y" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="_r1" y:b="2" a="1"><x:First>f</x:First><y:V xsi:type="xs:string" xml:lang="fr">${SPECIAL}</y:V><x:N xmlns:x="urn:x2">é 日本 𝄞</x:N></x:Root>`,
  `<r xmlns="urn:a" ID="_r1"><first/><plain xmlns=""><deeper/></plain></r>`,
  `<r ID="_r1"><first/><?pi data?></r>`,
];

test("verifySignedXml decides as xml-crypto on documents xml-crypto signed, and returns the same bytes", async () => {
  const { privateKeyPem, certificatePem } = await testSigner();
  const other = await testSigner(1);
  const variants: SignOptions[] = [
    {},
    { prefix: "" },
    { prefix: "dsig" },
    { digestAlgorithm: "http://www.w3.org/2000/09/xmldsig#sha1", signatureAlgorithm: "http://www.w3.org/2000/09/xmldsig#rsa-sha1" },
    { digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha512", signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" },
    { prefixList: "xs xsi" },
    { transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature"] },
    { canonicalizationAlgorithm: "http://www.w3.org/TR/2001/REC-xml-c14n-20010315" },
  ];
  // The hand-written path takes exc-c14n with SHA-1/SHA-256 (variants 0-3 and 5) on documents that
  // xml-crypto canonicalizes as the specification does (0-2); xml-crypto decides the rest.
  const handled = (d: number, v: number) => d <= 2 && (v <= 3 || v === 5);
  for (const [d, document] of DOCUMENTS.entries()) {
    for (const [v, options] of variants.entries()) {
      const signed = signWithXmlCrypto(document, privateKeyPem, certificatePem, "_r1", options);
      const label = `${document.slice(0, 40)} ${JSON.stringify(options)}`;
      const expected = xmlCryptoVerdict(signed, certificatePem);
      assert.equal(verdict(signed, certificatePem), expected, label);
      assert.equal(verdict(signed, other.certificatePem), undefined, label);
      assert.equal(fastPathTaken(signed, certificatePem), handled(d, v), `path ${label}`);
      // Tampered: a character of the signed content, and the signature value.
      const tampered = signed.replace(/>([^<]+)</, (_m, text: string) => `>${text}x<`);
      assert.equal(verdict(tampered, certificatePem), xmlCryptoVerdict(tampered, certificatePem), `tampered ${label}`);
      assert.equal(verdict(tampered, certificatePem), undefined, `tampered ${label}`);
      const badValue = signed.replace(/(<(?:\w+:)?SignatureValue>)(.)/, (_m, open: string, c: string) => open + (c === "A" ? "B" : "A"));
      assert.equal(verdict(badValue, certificatePem), undefined, `bad value ${label}`);
    }
  }
});

test("the responses the IdP signs (one and two signatures) take the hand-written path and verify", async () => {
  const { signer, certificatePem } = await testSigner();
  for (const signResponse of [true, false]) {
    const xml = buildSamlResponse({ ...responseInput(NOW), signResponse }, signer);
    const root = parseXml(xml).documentElement!;
    const signedRoot = childElements(root, DSIG_NS_URI, "Signature").length > 0;
    assert.equal(signedRoot, signResponse);
    const assertion = childElements(root, "urn:oasis:names:tc:SAML:2.0:assertion", "Assertion")[0]! as Element;
    const assertionXml = exclusiveCanonicalXml(assertion)!;
    for (const target of signResponse ? [xml, assertionXml] : [assertionXml]) {
      assert.ok(fastPathTaken(target, certificatePem));
      assert.equal(verdict(target, certificatePem), xmlCryptoVerdict(target, certificatePem));
      assert.notEqual(verdict(target, certificatePem), undefined);
    }
  }
});

test("a second Signature with the same value elsewhere is refused, as xml-crypto refuses it", async () => {
  const { privateKeyPem, certificatePem } = await testSigner();
  const signed = signWithXmlCrypto(DOCUMENTS[0]!, privateKeyPem, certificatePem, "_r1");
  const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)![0];
  const copied = signed.replace("<saml:Subject>x</saml:Subject>", `<saml:Subject>x</saml:Subject><saml:Advice>${signature}</saml:Advice>`);
  assert.equal(xmlCryptoVerdict(copied, certificatePem), undefined);
  assert.equal(verdict(copied, certificatePem), undefined);
});

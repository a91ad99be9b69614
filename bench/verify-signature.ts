// Signature verifications per second for an AWS-shaped SAMLResponse: the Assertion signed (one
// signature), and the Response and its Assertion signed (two), through verifySignedXml as the STS
// calls it (parse, verify, the Assertion as a document of its own, verify).
// Run: node --import tsx bench/verify-signature.ts
import { buildSamlResponse } from "../src/idp/index.ts";
import { childElements, parseXml, verifySignedXml } from "../src/xml/index.ts";
import { responseInput, testSigner } from "../test/saml/helpers.ts";

const SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
const { signer, certificatePem } = await testSigner();
const now = new Date();

function run(label: string, signResponse: boolean, ms = 3000): void {
  const xml = buildSamlResponse({ ...responseInput(now), signResponse }, signer);
  const once = (): void => {
    const doc = parseXml(xml);
    let root = doc.documentElement!;
    if (signResponse) root = verifySignedXml(xml, [certificatePem], { document: doc }).element;
    const assertion = childElements(root, SAML, "Assertion")[0]!;
    verifySignedXml(assertion.toString(), [certificatePem]);
  };
  for (let i = 0; i < 50; i++) once();
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < ms) {
    once();
    count++;
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`${label}: ${(count / seconds).toFixed(0)} responses/s on one core (${((seconds * 1000) / count).toFixed(2)} ms each)`);
}

run("1 signature (Assertion)", false);
run("2 signatures (Response + Assertion)", true);

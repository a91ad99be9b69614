// signEnveloped's contract: the Signature lands after the Issuer (or first), covers the ID it is
// given, and refuses elements it cannot sign in place.
import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalize, DSIG, element, signEnveloped, verifySignedXml, xmlNamespace, XmlError } from "../../src/xml/index.ts";
import { xmlsecVerify } from "../support/saml-verify.ts";
import { testSigner } from "./helpers.ts";

const SAML = xmlNamespace("urn:oasis:names:tc:SAML:2.0:assertion");

test("the signature goes right after the Issuer and verifies (xmlsec1, federa's verifier)", async () => {
  const { signer, certificatePem } = await testSigner();
  const target = canonicalize(element(SAML, "Assertion", { ID: "_a1", Version: "2.0" }, [element(SAML, "Issuer", { Format: 'x">y' }, ["me"]), element(SAML, "Subject")]));
  const signed = signEnveloped(target, "_a1", signer);
  assert.match(signed.xml, /^<Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1" Version="2.0"><Issuer Format="x&quot;>y">me<\/Issuer><ds:Signature xmlns:ds="http:\/\/www.w3.org\/2000\/09\/xmldsig#"><ds:SignedInfo>.*<\/ds:Signature><Subject><\/Subject><\/Assertion>$/);
  assert.equal(xmlsecVerify(signed.xml, certificatePem, "_a1").ok, true);
  assert.equal(verifySignedXml(signed.xml, [certificatePem]).xml, target.xml);
  assert.equal(signed.namespaces.get("ds"), DSIG.uri);
});

test("first-child placement, for metadata", async () => {
  const { signer, certificatePem } = await testSigner();
  const md = xmlNamespace("urn:oasis:names:tc:SAML:2.0:metadata");
  const signed = signEnveloped(canonicalize(element(md, "EntityDescriptor", { ID: "_m", entityID: "e" }, [element(md, "IDPSSODescriptor")])), "_m", signer, { position: "first-child" });
  assert.match(signed.xml, /^<EntityDescriptor [^>]*><ds:Signature /);
  assert.equal(xmlsecVerify(signed.xml, certificatePem, "_m").ok, true);
});

test("refuses a wrong ID, a first child that is not an Issuer, and a ds prefix on the element", async () => {
  const { signer } = await testSigner();
  const ok = canonicalize(element(SAML, "Assertion", { ID: "_a1" }, [element(SAML, "Issuer", null, ["me"])]));
  assert.throws(() => signEnveloped(ok, "_a2", signer), TypeError);
  assert.throws(() => signEnveloped(ok, "1bad", signer), TypeError);
  const noIssuer = canonicalize(element(SAML, "Assertion", { ID: "_a1" }, [element(SAML, "Subject")]));
  assert.throws(() => signEnveloped(noIssuer, "_a1", signer), TypeError);
  const dsOnRoot = canonicalize(element(DSIG, "Object", { ID: "_o" }, [element(SAML, "Issuer", null, ["me"])]));
  assert.throws(() => signEnveloped(dsOnRoot, "_o", signer), TypeError);
});

test("verifySignedXml says XML_SIGNATURE_MISSING for an unsigned document", () => {
  assert.throws(
    () => verifySignedXml('<a xmlns="urn:a" ID="_x"></a>', ["MIIB"]),
    (e: unknown) => e instanceof XmlError && e.code === "XML_SIGNATURE_MISSING",
  );
});

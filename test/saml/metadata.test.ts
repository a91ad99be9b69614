// IdP metadata and AD FS federation metadata: schema-valid, read by python3-saml's
// OneLogin_Saml2_IdPMetadataParser (what AWS-facing tooling uses), and the AD FS document's
// enveloped signature verified by xmlsec1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BINDING, buildAdfsFederationMetadata, buildIdpMetadata, NAMEID_FORMAT, type IdpMetadataInput } from "../../src/idp/saml/index.ts";
import { certificateBase64 } from "../../src/xml/index.ts";
import { idOf, onelogin, xmlsecVerify } from "../support/saml-verify.ts";
import { testSigner } from "./helpers.ts";

interface Parsed {
  idp: {
    entityId: string;
    singleSignOnService: { url: string; binding: string };
    singleLogoutService?: { url: string; binding: string };
    x509cert?: string;
    x509certMulti?: { signing: string[] };
  };
  sp?: { NameIDFormat: string };
}

async function inputFor(base: string, next = false): Promise<IdpMetadataInput> {
  const current = await testSigner(0);
  const upcoming = await testSigner(1);
  return {
    entityId: `${base}/idp/metadata`,
    ssoUrls: { redirect: `${base}/idp/sso`, post: `${base}/idp/sso/post` },
    sloUrl: `${base}/idp/logout`,
    certificates: next ? [current.signer.certificate, upcoming.certificatePem] : [current.signer.certificate],
    nameIdFormats: [NAMEID_FORMAT.persistent, NAMEID_FORMAT.transient],
  };
}

function schemaValid(xml: string): void {
  assert.deepEqual(onelogin("validate_schema", { schema: "saml-schema-metadata-2.0.xsd", xml }), { valid: true, errors: [] });
}

test("IdP metadata is the EntityDescriptor AWS expects", async () => {
  const input = await inputFor("https://idp.example.test");
  const xml = buildIdpMetadata({ ...input, validUntil: new Date("2030-01-01T00:00:00.000Z") });
  assert.equal(
    xml,
    '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.test/idp/metadata" validUntil="2030-01-01T00:00:00.000Z">' +
      '<IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">' +
      `<KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${input.certificates[0]}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>` +
      '<SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.test/idp/logout"></SingleLogoutService>' +
      '<SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.test/idp/logout"></SingleLogoutService>' +
      "<NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</NameIDFormat>" +
      "<NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</NameIDFormat>" +
      '<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.test/idp/sso"></SingleSignOnService>' +
      '<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.test/idp/sso/post"></SingleSignOnService>' +
      "</IDPSSODescriptor></EntityDescriptor>",
  );
  schemaValid(xml);
});

test("python3-saml parses the IdP metadata for both SSO bindings", async () => {
  const input = await inputFor("https://idp.example.test");
  const parsed = onelogin<{ redirect: Parsed; post: Parsed }>("parse_metadata", { xml: buildIdpMetadata(input) });
  assert.deepEqual(parsed.redirect, {
    idp: {
      entityId: "https://idp.example.test/idp/metadata",
      singleSignOnService: { url: "https://idp.example.test/idp/sso", binding: BINDING.redirect },
      singleLogoutService: { url: "https://idp.example.test/idp/logout", binding: BINDING.redirect },
      x509cert: input.certificates[0],
    },
    sp: { NameIDFormat: NAMEID_FORMAT.persistent },
  });
  assert.deepEqual(parsed.post.idp.singleSignOnService, { url: "https://idp.example.test/idp/sso/post", binding: BINDING.post });
});

test("the next signing certificate is published beside the current one", async () => {
  const input = await inputFor("https://idp.example.test", true);
  const xml = buildIdpMetadata(input);
  schemaValid(xml);
  const parsed = onelogin<{ redirect: Parsed }>("parse_metadata", { xml });
  assert.deepEqual(parsed.redirect.idp.x509certMulti, { signing: input.certificates.map(certificateBase64) });
});

test("AD FS federation metadata: signed EntityDescriptor with an ID, /adfs/ls/ endpoints", async () => {
  const { signer, certificatePem } = await testSigner();
  const base = "https://adfs.corp.example.test";
  const input: IdpMetadataInput = {
    entityId: `http://adfs.corp.example.test/adfs/services/trust`,
    ssoUrls: { redirect: `${base}/adfs/ls/`, post: `${base}/adfs/ls/` },
    sloUrl: `${base}/adfs/ls/`,
    certificates: [signer.certificate],
    nameIdFormats: [NAMEID_FORMAT.emailAddress, NAMEID_FORMAT.persistent, NAMEID_FORMAT.transient],
  };
  const xml = buildAdfsFederationMetadata({ ...input, id: "_5c3bd0a6-1f0e-4b5a-9d1e-0b0c6f6a2d11" }, signer);
  assert.match(xml, /^<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" ID="_5c3bd0a6-1f0e-4b5a-9d1e-0b0c6f6a2d11" entityID="http:\/\/adfs.corp.example.test\/adfs\/services\/trust"><ds:Signature xmlns:ds=/);
  schemaValid(xml);
  const verified = xmlsecVerify(xml, certificatePem, "_5c3bd0a6-1f0e-4b5a-9d1e-0b0c6f6a2d11");
  assert.equal(verified.ok, true, verified.output);
  assert.equal(xmlsecVerify(xml.replace("/adfs/ls/", "/adfs/lz/"), certificatePem, "_5c3bd0a6-1f0e-4b5a-9d1e-0b0c6f6a2d11").ok, false);

  const parsed = onelogin<{ redirect: Parsed; post: Parsed }>("parse_metadata", { xml });
  assert.equal(parsed.redirect.idp.entityId, input.entityId);
  assert.deepEqual(parsed.redirect.idp.singleSignOnService, { url: `${base}/adfs/ls/`, binding: BINDING.redirect });
  assert.deepEqual(parsed.post.idp.singleSignOnService, { url: `${base}/adfs/ls/`, binding: BINDING.post });
  assert.equal(parsed.redirect.idp.x509cert, signer.certificate);
});

test("AD FS metadata gets a fresh NCName ID when none is given", async () => {
  const { signer, certificatePem } = await testSigner();
  const input = await inputFor("https://idp.example.test");
  const xml = buildAdfsFederationMetadata(input, signer);
  const id = idOf(xml, "EntityDescriptor");
  assert.match(id, /^_[0-9a-f]{32}$/);
  assert.equal(xmlsecVerify(xml, certificatePem, id).ok, true);
});

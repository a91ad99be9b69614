// AuthnRequests over HTTP-Redirect: DEFLATE + base64 + URL encoding, and the query signature over
// the exact octets of the URL (SAML bindings §3.4.4.1), checked with the SP's configured
// certificate. Garbage of every kind gets a stable code, never a crash.
import { test } from "node:test";
import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { rsaSign, loadPrivateKey } from "../../src/crypto/index.ts";
import { parseAuthnRequest, SamlError, type ParseAuthnRequestOptions, type SpTrust } from "../../src/idp/saml/index.ts";
import { onelogin } from "../support/saml-verify.ts";
import { ACS, IDP, SP, SSO, authnRequestXml, testSigner } from "./helpers.ts";

const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";

interface QueryOptions {
  relayState?: string;
  sign?: { keyPem: string; sigAlg: string; hash: "sha256" | "sha1" };
  /** Percent-encode with lowercase hex digits (still valid; the signature covers these octets). */
  lowercase?: boolean;
  encodedRequest?: string;
}

function encode(value: string, lowercase = false): string {
  const encoded = encodeURIComponent(value);
  return lowercase ? encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()) : encoded;
}

function redirectQuery(xml: string, options: QueryOptions = {}): string {
  const samlRequest = options.encodedRequest ?? deflateRawSync(Buffer.from(xml, "utf8")).toString("base64");
  let query = `SAMLRequest=${encode(samlRequest, options.lowercase)}`;
  if (options.relayState !== undefined) query += `&RelayState=${encode(options.relayState, options.lowercase)}`;
  if (options.sign) {
    query += `&SigAlg=${encode(options.sign.sigAlg, options.lowercase)}`;
    const signature = rsaSign(loadPrivateKey(options.sign.keyPem), query, options.sign.hash).toString("base64");
    query += `&Signature=${encode(signature, options.lowercase)}`;
  }
  return query;
}

function trust(certificates: string[], wantAuthnRequestsSigned: boolean): ParseAuthnRequestOptions {
  return { trustFor: (issuer: string): SpTrust | undefined => (issuer === SP ? { certificates, wantAuthnRequestsSigned } : undefined) };
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

test("a signed redirect request (rsa-sha256) verifies and is read exactly", async () => {
  const sp = await testSigner(2);
  const query = redirectQuery(authnRequestXml({ extraAttributes: ' ForceAuthn="true" IsPassive="0" AssertionConsumerServiceIndex="3"' }), {
    relayState: "https://console.example.test/?a=1&b=é",
    sign: { keyPem: sp.privateKeyPem, sigAlg: RSA_SHA256, hash: "sha256" },
  });
  assert.deepEqual(parseAuthnRequest({ binding: "redirect", query: `?${query}` }, trust([sp.certificatePem], true)), {
    id: "_req-7f3a",
    issuer: SP,
    issueInstant: new Date("2025-03-01T10:00:00Z"),
    destination: SSO,
    acsUrl: ACS,
    acsIndex: 3,
    protocolBinding: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
    forceAuthn: true,
    isPassive: false,
    nameIdPolicyFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
    nameIdPolicyAllowCreate: true,
    binding: "redirect",
    signed: true,
    relayState: "https://console.example.test/?a=1&b=é",
  });
});

test("rsa-sha1, lowercase percent-escapes, no RelayState and base64 DER certificates all verify", async () => {
  const sp = await testSigner(2);
  const query = redirectQuery(authnRequestXml(), { lowercase: true, sign: { keyPem: sp.privateKeyPem, sigAlg: RSA_SHA1, hash: "sha1" } });
  assert.match(query, /%2f/);
  const result = parseAuthnRequest({ binding: "redirect", query }, trust([sp.signer.certificate], true));
  assert.equal(result.signed, true);
  assert.equal(result.relayState, undefined);
  assert.equal(result.forceAuthn, false);
});

test("any one changed byte is refused: RelayState, SAMLRequest, Signature, SigAlg", async () => {
  const sp = await testSigner(2);
  const options = trust([sp.certificatePem], true);
  const sign = { keyPem: sp.privateKeyPem, sigAlg: RSA_SHA256, hash: "sha256" as const };
  const query = redirectQuery(authnRequestXml(), { relayState: "state-1", sign });
  assert.equal(parseAuthnRequest({ binding: "redirect", query }, options).signed, true);

  assert.equal(codeOf(() => parseAuthnRequest({ binding: "redirect", query: query.replace("state-1", "state-2") }, options)), "SAML_REQUEST_SIGNATURE_INVALID");
  // The same signature over a request whose XML differs in one byte.
  const signature = query.slice(query.indexOf("&Signature="));
  const otherRequest = redirectQuery(authnRequestXml({ id: "_req-7f3b" }), { relayState: "state-1", sign });
  const swapped = otherRequest.slice(0, otherRequest.indexOf("&Signature=")) + signature;
  assert.equal(codeOf(() => parseAuthnRequest({ binding: "redirect", query: swapped }, options)), "SAML_REQUEST_SIGNATURE_INVALID");
  // One changed byte in the signature value itself, the value still well-formed base64, percent-encoded.
  const head = query.slice(0, query.indexOf("&Signature=") + "&Signature=".length);
  const signatureBytes = Buffer.from(decodeURIComponent(query.slice(head.length)), "base64");
  signatureBytes[20] = signatureBytes[20]! ^ 0x01;
  const flipped = head + encodeURIComponent(signatureBytes.toString("base64"));
  assert.equal(codeOf(() => parseAuthnRequest({ binding: "redirect", query: flipped }, options)), "SAML_REQUEST_SIGNATURE_INVALID");
  // Claiming SHA-1 for a SHA-256 signature.
  const downgraded = query.replace(encodeURIComponent(RSA_SHA256), encodeURIComponent(RSA_SHA1));
  assert.equal(codeOf(() => parseAuthnRequest({ binding: "redirect", query: downgraded }, options)), "SAML_REQUEST_SIGNATURE_INVALID");
});

test("another key's signature is refused; unsupported SigAlg is refused", async () => {
  const sp = await testSigner(2);
  const attacker = await testSigner(1);
  const options = trust([sp.certificatePem], true);
  const forged = redirectQuery(authnRequestXml(), { sign: { keyPem: attacker.privateKeyPem, sigAlg: RSA_SHA256, hash: "sha256" } });
  assert.equal(codeOf(() => parseAuthnRequest({ binding: "redirect", query: forged }, options)), "SAML_REQUEST_SIGNATURE_INVALID");
  for (const sigAlg of ["http://www.w3.org/2000/09/xmldsig#dsa-sha1", "http://www.w3.org/2000/09/xmldsig#hmac-sha1", "none"]) {
    const query = redirectQuery(authnRequestXml(), { sign: { keyPem: sp.privateKeyPem, sigAlg, hash: "sha256" } });
    assert.equal(codeOf(() => parseAuthnRequest({ binding: "redirect", query }, options)), "SAML_REQUEST_SIGALG_UNSUPPORTED");
  }
});

test("unsigned is refused when the SP must sign, accepted when it need not", async () => {
  const sp = await testSigner(2);
  const query = redirectQuery(authnRequestXml(), { relayState: "r" });
  assert.equal(codeOf(() => parseAuthnRequest({ binding: "redirect", query }, trust([sp.certificatePem], true))), "SAML_REQUEST_UNSIGNED");
  const accepted = parseAuthnRequest({ binding: "redirect", query }, trust([], false));
  assert.equal(accepted.signed, false);
  assert.equal(accepted.relayState, "r");
  // A signed request for an SP that must sign but has no certificate configured cannot be checked.
  const signed = redirectQuery(authnRequestXml(), { sign: { keyPem: sp.privateKeyPem, sigAlg: RSA_SHA256, hash: "sha256" } });
  assert.equal(codeOf(() => parseAuthnRequest({ binding: "redirect", query: signed }, trust([], true))), "SAML_REQUEST_SIGNATURE_INVALID");
});

test("an unknown issuer is SAML_REQUEST_UNKNOWN_SP", () => {
  const query = redirectQuery(authnRequestXml({ issuer: "urn:stranger" }));
  assert.equal(codeOf(() => parseAuthnRequest({ binding: "redirect", query }, trust([], false))), "SAML_REQUEST_UNKNOWN_SP");
});

test("garbage gets SAML_REQUEST_MALFORMED, never a crash", () => {
  const options = trust([], false);
  const deflated = (text: string | Buffer) => deflateRawSync(typeof text === "string" ? Buffer.from(text) : text).toString("base64");
  const cases: Record<string, string> = {
    "no SAMLRequest": "RelayState=x",
    "empty SAMLRequest": "SAMLRequest=",
    "not base64": "SAMLRequest=%25%25%25",
    "base64 with a bad length": "SAMLRequest=QUJDRA%3D%3DQ",
    "bad percent-encoding": "SAMLRequest=%E0%A4%A",
    "not DEFLATE": `SAMLRequest=${encodeURIComponent(Buffer.from("<samlp:AuthnRequest/>").toString("base64"))}`,
    "truncated DEFLATE": `SAMLRequest=${encodeURIComponent(deflated(authnRequestXml()).slice(0, 40))}`,
    "not XML": `SAMLRequest=${encodeURIComponent(deflated("hello, world"))}`,
    "not UTF-8": `SAMLRequest=${encodeURIComponent(deflated(Buffer.from([0x3c, 0x61, 0xff, 0xfe, 0x3e])))}`,
    "wrong root": `SAMLRequest=${encodeURIComponent(deflated(authnRequestXml().replaceAll("AuthnRequest", "LogoutRequest")))}`,
    "root in another namespace": `SAMLRequest=${encodeURIComponent(deflated(authnRequestXml().replace('xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"', 'xmlns:samlp="urn:evil"')))}`,
    DOCTYPE: `SAMLRequest=${encodeURIComponent(deflated(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${authnRequestXml({ issuer: "&e;" })}`))}`,
    "no Issuer": `SAMLRequest=${encodeURIComponent(deflated(authnRequestXml().replace(/<saml:Issuer>.*<\/saml:Issuer>/, "")))}`,
    "no ID": `SAMLRequest=${encodeURIComponent(deflated(authnRequestXml().replace(' ID="_req-7f3a"', "")))}`,
    "bad IssueInstant": `SAMLRequest=${encodeURIComponent(deflated(authnRequestXml({ issueInstant: "yesterday" })))}`,
    "bad ForceAuthn": `SAMLRequest=${encodeURIComponent(deflated(authnRequestXml({ extraAttributes: ' ForceAuthn="yes"' })))}`,
    "duplicate SAMLRequest": `SAMLRequest=${encodeURIComponent(deflated(authnRequestXml()))}&SAMLRequest=x`,
    "encoded parameter name": `SAML%52equest=${encodeURIComponent(deflated(authnRequestXml()))}`,
    "Signature without SigAlg": `SAMLRequest=${encodeURIComponent(deflated(authnRequestXml()))}&Signature=AAAA`,
  };
  for (const [name, query] of Object.entries(cases)) {
    assert.equal(codeOf(() => parseAuthnRequest({ binding: "redirect", query }, options)), "SAML_REQUEST_MALFORMED", name);
  }
  const version = redirectQuery(authnRequestXml().replace('Version="2.0"', 'Version="1.1"'));
  assert.equal(codeOf(() => parseAuthnRequest({ binding: "redirect", query: version }, options)), "SAML_REQUEST_VERSION_UNSUPPORTED");
});

test("an inflate bomb and an oversized query are SAML_REQUEST_TOO_LARGE", () => {
  const options = trust([], false);
  const bomb = deflateRawSync(Buffer.concat([Buffer.from(authnRequestXml().slice(0, -22)), Buffer.alloc(50 * 1024 * 1024, 0x20)]));
  assert.ok(bomb.length < 100 * 1024);
  const bombQuery = `SAMLRequest=${encodeURIComponent(bomb.toString("base64"))}`;
  assert.equal(codeOf(() => parseAuthnRequest({ binding: "redirect", query: bombQuery }, options)), "SAML_REQUEST_TOO_LARGE");
  const big = `SAMLRequest=${"A".repeat(200 * 1024)}`;
  assert.equal(codeOf(() => parseAuthnRequest({ binding: "redirect", query: big }, options)), "SAML_REQUEST_TOO_LARGE");
  const small = redirectQuery(authnRequestXml());
  assert.equal(codeOf(() => parseAuthnRequest({ binding: "redirect", query: small }, { ...options, maxXmlBytes: 200 })), "SAML_REQUEST_TOO_LARGE");
});

test("a signed redirect request built by python3-saml (OneLogin_Saml2_Auth.login) is accepted", async () => {
  const sp = await testSigner(2);
  const idp = await testSigner(0);
  const built = onelogin<{ url: string; id: string }>("build_authn_request", {
    sp_entity_id: SP,
    acs_url: ACS,
    idp_entity_id: IDP,
    idp_sso_url: SSO,
    idp_cert: idp.certificatePem,
    sp_key: sp.privateKeyPem,
    sp_cert: sp.certificatePem,
    relay_state: "https://sp.example.test/after login?x=1&y=ü",
    force_authn: true,
  });
  const url = new URL(built.url);
  assert.equal(`${url.origin}${url.pathname}`, SSO);
  const query = built.url.slice(built.url.indexOf("?") + 1);
  const request = parseAuthnRequest({ binding: "redirect", query }, trust([sp.certificatePem], true));
  assert.equal(request.id, built.id);
  assert.equal(request.issuer, SP);
  assert.equal(request.acsUrl, ACS);
  assert.equal(request.destination, SSO);
  assert.equal(request.protocolBinding, "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
  assert.equal(request.forceAuthn, true);
  assert.equal(request.isPassive, false);
  assert.equal(request.nameIdPolicyFormat, "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
  assert.equal(request.signed, true);
  assert.equal(request.relayState, "https://sp.example.test/after login?x=1&y=ü");

  const other = await testSigner(1);
  assert.equal(codeOf(() => parseAuthnRequest({ binding: "redirect", query }, trust([other.certificatePem], true))), "SAML_REQUEST_SIGNATURE_INVALID");
  // The certificate list is tried in order: a rollover list with the right one second works.
  assert.equal(parseAuthnRequest({ binding: "redirect", query }, trust([other.certificatePem, sp.certificatePem], true)).signed, true);
});

test("an unsigned python3-saml request is refused when signing is required", async () => {
  const idp = await testSigner(0);
  const sp = await testSigner(2);
  const built = onelogin<{ url: string }>("build_authn_request", { sp_entity_id: SP, acs_url: ACS, idp_entity_id: IDP, idp_sso_url: SSO, idp_cert: idp.certificatePem });
  const query = built.url.slice(built.url.indexOf("?") + 1);
  assert.equal(codeOf(() => parseAuthnRequest({ binding: "redirect", query }, trust([sp.certificatePem], true))), "SAML_REQUEST_UNSIGNED");
  assert.equal(parseAuthnRequest({ binding: "redirect", query }, trust([], false)).signed, false);
});

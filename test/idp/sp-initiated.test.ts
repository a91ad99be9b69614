// SP-initiated sign-on with a real, strict SP (python3-saml): signed HTTP-Redirect requests,
// HTTP-POST requests, InResponseTo, ForceAuthn, IsPassive, and requests that must be refused.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSigningIdentity, describeCertificate } from "../../src/crypto/index.ts";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { Browser, readForm, samlResponseOf } from "../support/browser.ts";

const SIGNED_SP = "https://signed-sp.example.test/metadata";
const SIGNED_ACS = "https://signed-sp.example.test/acs";
const OPEN_SP = "https://open-sp.example.test/metadata";
const OPEN_ACS = "https://open-sp.example.test/acs";

let federa: RunningFedera;
let spKey: { privateKeyPem: string; certificatePem: string };
let idpCert: string;

before(async () => {
  spKey = await generateSigningIdentity({ commonName: "signed-sp", notBefore: new Date(Date.now() - 60_000) });
  const dir = mkdtempSync(join(tmpdir(), "federa-sp-"));
  writeFileSync(join(dir, "sp.pem"), spKey.certificatePem);
  federa = await startFedera({
    serviceProviders: [
      { entityId: SIGNED_SP, acsUrl: SIGNED_ACS, recipient: SIGNED_ACS, audience: SIGNED_SP, wantAuthnRequestsSigned: true, signingCertFiles: [join(dir, "sp.pem")] },
      { entityId: OPEN_SP, acsUrl: OPEN_ACS, recipient: OPEN_ACS, audience: OPEN_SP },
    ],
  });
  idpCert = describeCertificate(readFileSync(join(federa.dataDir, "idp-signing-cert.pem"), "utf8")).base64;
});
after(() => federa.stop());

function settings(sp: "signed" | "open", security: Record<string, unknown> = {}, ssoPath = "/idp/sso") {
  const signed = sp === "signed";
  return {
    sp: {
      entityId: signed ? SIGNED_SP : OPEN_SP,
      assertionConsumerService: { url: signed ? SIGNED_ACS : OPEN_ACS, binding: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" },
      NameIDFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
      ...(signed ? { x509cert: describeCertificate(spKey.certificatePem).base64, privateKey: spKey.privateKeyPem } : {}),
    },
    idp: {
      entityId: `${federa.url}/idp/metadata`,
      singleSignOnService: { url: `${federa.url}${ssoPath}`, binding: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" },
      x509cert: idpCert,
    },
    security: {
      authnRequestsSigned: signed,
      wantAssertionsSigned: true,
      wantMessagesSigned: true,
      signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
      digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
      ...security,
    },
  };
}

function python(command: Record<string, unknown>): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    const child = execFile("/usr/bin/python3", ["test/support/python_sp.py"], (error, stdout, stderr) => {
      if (error) reject(new Error(`python_sp failed: ${stderr}`));
      else resolve(JSON.parse(stdout));
    });
    child.stdin!.end(JSON.stringify(command));
  });
}

function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

describe("SP-initiated sign-on over HTTP-Redirect", () => {
  it("answers a signed request with a response that the strict SP accepts, InResponseTo echoed", async () => {
    const login = await python({ op: "login", settings: settings("signed"), relay_state: "/after" });
    const browser = new Browser(federa.url);
    const form = readForm((await browser.get(pathOf(login.url))).html);
    const page = await browser.submit(form, { username: "alice", password: "Alice!Passw0rd1" });
    const response = samlResponseOf(page);
    assert.equal(response.action, SIGNED_ACS);
    assert.equal(response.relayState, "/after");
    const verdict = await python({ op: "validate", settings: settings("signed"), saml_response: response.base64, request_id: login.request_id, acs: SIGNED_ACS });
    assert.equal(verdict.error, null);
    assert.equal(verdict.valid, true);
    assert.equal(verdict.in_response_to, login.request_id);
    assert.equal(verdict.name_id, "CORP\\alice");
    assert.equal(verdict.attributes["https://aws.amazon.com/SAML/Attributes/Role"].length, 2);
  });

  it("refuses a request whose query signature was changed", async () => {
    const login = await python({ op: "login", settings: settings("signed") });
    const url = new URL(login.url);
    const signature = url.searchParams.get("Signature")!;
    url.searchParams.set("Signature", (signature[0] === "A" ? "B" : "A") + signature.slice(1));
    const page = await new Browser(federa.url).get(pathOf(url.toString()));
    assert.equal(page.status, 400);
    assert.match(page.html, /The sign-in request was refused/);
    assert.doesNotMatch(page.html, /name="password"/);
  });

  it("refuses an unsigned request from an SP that must sign", async () => {
    const login = await python({ op: "login", settings: settings("signed", { authnRequestsSigned: false }) });
    const page = await new Browser(federa.url).get(pathOf(login.url));
    assert.equal(page.status, 400);
  });

  it("refuses garbage with a clear page", async () => {
    const page = await new Browser(federa.url).get("/idp/sso?SAMLRequest=not-base64-!!!");
    assert.equal(page.status, 400);
    assert.match(page.html, /refused/);
  });

  it("asks for the password again when the SP forces authentication", async () => {
    const browser = new Browser(federa.url);
    const first = await python({ op: "login", settings: settings("open") });
    const form = readForm((await browser.get(pathOf(first.url))).html);
    samlResponseOf(await browser.submit(form, { username: "bob", password: "Bob!Passw0rd1" }));
    // Within the session: no password.
    const again = await python({ op: "login", settings: settings("open") });
    samlResponseOf(await browser.get(pathOf(again.url)));
    // ForceAuthn: the form again.
    const forced = await python({ op: "login", settings: settings("open"), force_authn: true });
    const forcedPage = await browser.get(pathOf(forced.url));
    assert.equal(forcedPage.status, 200);
    assert.ok(readForm(forcedPage.html).inputs.some((i) => i.name === "password"), "the password is asked");
  });

  it("answers IsPassive without a session with a signed NoPassive status", async () => {
    const passive = await python({ op: "login", settings: settings("open"), is_passive: true });
    const page = await new Browser(federa.url).get(pathOf(passive.url));
    const response = samlResponseOf(page);
    assert.match(response.xml, /urn:oasis:names:tc:SAML:2\.0:status:NoPassive/);
    assert.match(response.xml, new RegExp(`InResponseTo="${passive.request_id}"`));
    const verdict = await python({ op: "validate", settings: settings("open"), saml_response: response.base64, request_id: passive.request_id, acs: OPEN_ACS });
    assert.equal(verdict.valid, false);
    assert.match(verdict.error, /NoPassive|Responder/);
  });
});

describe("SP-initiated sign-on over HTTP-POST", () => {
  it("answers an unsigned POST request from an SP that need not sign", async () => {
    const request = await python({ op: "login_post", settings: settings("open") });
    const browser = new Browser(federa.url);
    const loginPage = await browser.post("/idp/sso", { SAMLRequest: request.saml_request, RelayState: "rs-1" });
    assert.equal(loginPage.status, 200);
    const page = await browser.submit(readForm(loginPage.html), { username: "bob", password: "Bob!Passw0rd1" });
    const response = samlResponseOf(page);
    assert.equal(response.relayState, "rs-1");
    const verdict = await python({ op: "validate", settings: settings("open"), saml_response: response.base64, request_id: request.request_id, acs: OPEN_ACS });
    assert.equal(verdict.error, null);
    assert.equal(verdict.valid, true);
  });

  it("refuses an unsigned POST request from an SP that must sign", async () => {
    const request = await python({ op: "login_post", settings: settings("signed") });
    const page = await new Browser(federa.url).post("/idp/sso", { SAMLRequest: request.saml_request });
    assert.equal(page.status, 400);
  });
});

describe("SP-initiated sign-on at AD FS's /adfs/ls/", () => {
  it("shows AD FS's form for a signed request and answers it, InResponseTo echoed", async () => {
    const login = await python({ op: "login", settings: settings("signed", {}, "/adfs/ls/") });
    assert.match(login.url, /\/adfs\/ls\/\?SAMLRequest=/);
    const browser = new Browser(federa.url);
    const page = await browser.get(pathOf(login.url));
    assert.equal(page.status, 200);
    const form = readForm(page.html, "loginForm");
    const answer = await browser.submit(form, { UserName: "erin@corp.example.test", Password: "Erin!Passw0rd1" });
    const response = samlResponseOf(answer);
    assert.equal(response.action, SIGNED_ACS);
    const verdict = await python({ op: "validate", settings: settings("signed"), saml_response: response.base64, request_id: login.request_id, acs: SIGNED_ACS });
    assert.equal(verdict.error, null);
    assert.equal(verdict.in_response_to, login.request_id);
  });
});

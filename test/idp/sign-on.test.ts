// The IdP from a user's side, over HTTP against a running federa with the embedded directory:
// IdP-initiated sign-on, the session, refusals, CSRF, throttling, metadata.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { Browser, readForm, samlAttributes, samlResponseOf } from "../support/browser.ts";
import { xmlsecVerify } from "../support/xmlsec.ts";

const ROLE = "https://aws.amazon.com/SAML/Attributes/Role";
const SESSION_NAME = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
const DURATION = "https://aws.amazon.com/SAML/Attributes/SessionDuration";
const DEPARTMENT = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:department";

let federa: RunningFedera;
let certPem: string;

before(async () => {
  federa = await startFedera({ idp: { lockout: { slowAfter: 2, lockAfter: 4, lockMinutes: 5 } } });
  certPem = readFileSync(join(federa.dataDir, "idp-signing-cert.pem"), "utf8");
});
after(() => federa.stop());

async function signIn(browser: Browser, username: string, password: string, path = "/idp/sso/init?sp=urn:amazon:webservices") {
  const loginPage = await browser.get(path);
  assert.equal(loginPage.status, 200);
  const form = readForm(loginPage.html);
  return browser.submit(form, { username, password });
}

describe("IdP-initiated sign-on to AWS", () => {
  it("posts alice a signed response carrying both of her roles", async () => {
    const browser = new Browser(federa.url);
    const page = await signIn(browser, "alice", "Alice!Passw0rd1");
    assert.equal(page.status, 200);
    const { xml, action } = samlResponseOf(page);
    assert.equal(action, `${federa.url}/saml`);
    const attributes = samlAttributes(xml);
    assert.deepEqual([...attributes[ROLE]!].sort(), [
      "arn:aws:iam::111122223333:saml-provider/ADFS,arn:aws:iam::111122223333:role/ADFS-Developers",
      "arn:aws:iam::111122223333:saml-provider/ADFS,arn:aws:iam::111122223333:role/ADFS-KeyAdmins",
    ]);
    assert.deepEqual(attributes[SESSION_NAME], ["alice@corp.example.test"]);
    assert.deepEqual(attributes[DURATION], ["3600"]);
    assert.ok(attributes[DEPARTMENT]?.length === 1, "department becomes a principal tag");
    assert.match(xml, /<NameID Format="urn:oasis:names:tc:SAML:2\.0:nameid-format:persistent">CORP\\alice<\/NameID>/);
    assert.match(xml, /Recipient="https:\/\/signin\.aws\.amazon\.com\/saml"/);
    // The Assertion signed, and the Response too (the default): both signatures verify with an
    // independent implementation against the published certificate.
    await xmlsecVerify(xml, certPem, "urn:oasis:names:tc:SAML:2.0:assertion:Assertion");
    await xmlsecVerify(xml, certPem, "urn:oasis:names:tc:SAML:2.0:protocol:Response");
    assert.match(xml.slice(0, xml.indexOf("<Assertion")), /<ds:Signature/);
  });

  it("gives erin her nested and cross-account roles", async () => {
    const page = await signIn(new Browser(federa.url), "erin", "Erin!Passw0rd1");
    const roles = samlAttributes(samlResponseOf(page).xml)[ROLE]!;
    assert.deepEqual([...roles].sort(), [
      "arn:aws:iam::111122223333:saml-provider/ADFS,arn:aws:iam::111122223333:role/ADFS-Auditors",
      "arn:aws:iam::444455556666:saml-provider/ADFS,arn:aws:iam::444455556666:role/ADFS-ReadOnly",
    ]);
  });

  it("accepts CORP\\bob and bob@corp.example.test as bob", async () => {
    for (const name of ["CORP\\bob", "bob@corp.example.test"]) {
      const page = await signIn(new Browser(federa.url), name, "Bob!Passw0rd1");
      assert.deepEqual(samlAttributes(samlResponseOf(page).xml)[ROLE], [
        "arn:aws:iam::111122223333:saml-provider/ADFS,arn:aws:iam::111122223333:role/ADFS-Developers",
      ]);
    }
  });

  it("keeps the RelayState", async () => {
    const browser = new Browser(federa.url);
    const page = await signIn(browser, "bob", "Bob!Passw0rd1", "/idp/sso/init?sp=urn:amazon:webservices&RelayState=https%3A%2F%2Fconsole.aws.amazon.com%2Fkms");
    assert.equal(samlResponseOf(page).relayState, "https://console.aws.amazon.com/kms");
  });

  it("refuses carol (disabled) with the same page as a wrong password, and says nothing of why", async () => {
    const carol = await signIn(new Browser(federa.url), "carol", "Carol!Passw0rd1");
    const wrong = await signIn(new Browser(federa.url), "bob", "not-his-password");
    for (const page of [carol, wrong]) {
      assert.equal(page.status, 401);
      assert.match(page.html, /Incorrect user name or password, or this account cannot sign in now\./);
      assert.doesNotMatch(page.html, /SAMLResponse/);
    }
    assert.doesNotMatch(carol.html, /disabled/i);
  });

  it("refuses dave, who has no AWS group, with a clear page", async () => {
    const page = await signIn(new Browser(federa.url), "dave", "Dave!Passw0rd1");
    assert.equal(page.status, 403);
    assert.match(page.html, /No AWS role for your account/);
    assert.doesNotMatch(page.html, /SAMLResponse/);
  });

  it("matches nobody for an LDAP-injection username", async () => {
    const page = await signIn(new Browser(federa.url), "*)(objectClass=*", "x");
    assert.equal(page.status, 401);
  });
});

describe("the IdP session", () => {
  it("signs on a second time without a password, until sign-out", async () => {
    const browser = new Browser(federa.url);
    await signIn(browser, "alice", "Alice!Passw0rd1");
    const session = [...browser.cookies.keys()].find((k) => k === "federa_idp_session");
    assert.ok(session, "a session cookie is set");
    const again = await browser.get("/idp/sso/init?sp=urn:amazon:webservices");
    assert.equal(samlAttributes(samlResponseOf(again).xml)[ROLE]!.length, 2);
    const out = await browser.get("/idp/logout");
    assert.equal(out.status, 200);
    const afterLogout = await browser.get("/idp/sso/init?sp=urn:amazon:webservices");
    assert.ok(readForm(afterLogout.html).fields.csrf, "the password is asked again");
    assert.doesNotMatch(afterLogout.html, /SAMLResponse/);
  });

  it("sets the session cookie HttpOnly and SameSite, and the CSRF cookie SameSite=Strict", async () => {
    const login = await fetch(`${federa.url}/idp/sso/init`);
    const csrfCookie = login.headers.getSetCookie().find((c) => c.startsWith("federa_csrf="));
    assert.match(csrfCookie!, /HttpOnly/i);
    assert.match(csrfCookie!, /SameSite=Strict/i);
    const browser = new Browser(federa.url);
    const loginPage = await browser.get("/idp/sso/init");
    const form = readForm(loginPage.html);
    const response = await fetch(`${federa.url}${form.action}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `federa_csrf=${browser.cookies.get("federa_csrf")}` },
      body: new URLSearchParams({ ...form.fields, username: "bob", password: "Bob!Passw0rd1" }).toString(),
    });
    const sessionCookie = response.headers.getSetCookie().find((c) => c.startsWith("federa_idp_session="));
    assert.match(sessionCookie!, /HttpOnly/i);
    assert.match(sessionCookie!, /SameSite=Lax/i);
    assert.equal(response.headers.get("cache-control"), "no-store");
  });
});

describe("the login form", () => {
  it("refuses a post without the CSRF cookie", async () => {
    const browser = new Browser(federa.url);
    const form = readForm((await browser.get("/idp/sso/init")).html);
    browser.cookies.delete("federa_csrf");
    const page = await browser.submit(form, { username: "alice", password: "Alice!Passw0rd1" });
    assert.equal(page.status, 403);
    assert.doesNotMatch(page.html, /SAMLResponse/);
  });

  it("refuses a forged sign-on state", async () => {
    const browser = new Browser(federa.url);
    const form = readForm((await browser.get("/idp/sso/init")).html);
    const page = await browser.submit(form, { username: "alice", password: "Alice!Passw0rd1", state: form.fields.state!.replace(/^./, "x") });
    assert.equal(page.status, 400);
    assert.match(page.html, /expired/);
  });

  it("never puts the password in a URL or a page", async () => {
    const browser = new Browser(federa.url);
    const page = await signIn(browser, "alice", "wrong-Passw0rd-xyz");
    assert.doesNotMatch(page.html, /wrong-Passw0rd-xyz/);
    const form = readForm(page.html);
    assert.equal(form.fields.password, "");
    assert.doesNotMatch(form.action, /\?/);
  });

  it("slows down, then locks an account after repeated failures, whatever form of the name is used", async () => {
    const browser = new Browser(federa.url);
    const names = ["dave", "CORP\\dave", "dave@corp.example.test", "DAVE"];
    for (const name of names) {
      const page = await signIn(browser, name, "wrong-password");
      assert.equal(page.status, 401);
    }
    const locked = await signIn(browser, "dave", "Dave!Passw0rd1");
    assert.equal(locked.status, 429);
    assert.match(locked.html, /Too many failed sign-in attempts/);
    // alice is not affected.
    const alice = await signIn(new Browser(federa.url), "alice", "Alice!Passw0rd1");
    assert.equal(alice.status, 200);
  });
});

describe("unknown service providers", () => {
  it("answers a clear 400 page", async () => {
    const page = await new Browser(federa.url).get("/idp/sso/init?sp=urn:example:nobody");
    assert.equal(page.status, 400);
    assert.match(page.html, /No service provider named &quot;urn:example:nobody&quot;/);
  });
});

describe("health", () => {
  it("answers ok", async () => {
    const response = await fetch(`${federa.url}/health`);
    assert.equal(response.status, 200);
    assert.equal((await response.json()).status, "ok");
  });
});

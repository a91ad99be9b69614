// The emulated AWS sign-in endpoint: the IdP's auto-posted SAMLResponse arrives at POST /saml,
// AWS's role chooser is shown for several roles, the chosen role is assumed in-process, and the
// landing page shows the session. Walked with a form-reading client and with Chromium.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium, type Browser as Chromium } from "playwright-core";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { Browser, readForm, samlResponseOf } from "../support/browser.ts";

const KEY_ADMINS = "arn:aws:iam::111122223333:role/ADFS-KeyAdmins";
let federa: RunningFedera;

before(async () => {
  federa = await startFedera();
});
after(() => federa.stop());

async function assertionFor(browser: Browser, username: string, password: string) {
  const form = readForm((await browser.get("/idp/sso/init?sp=urn:amazon:webservices")).html);
  const posted = samlResponseOf(await browser.submit(form, { username, password }));
  assert.equal(posted.action, `${federa.url}/saml`);
  return posted;
}

describe("POST /saml", () => {
  it("shows alice AWS's role chooser, then signs her in as the role she picks", async () => {
    const browser = new Browser(federa.url);
    const posted = await assertionFor(browser, "alice", "Alice!Passw0rd1");
    const chooser = await browser.post("/saml", { SAMLResponse: posted.base64, RelayState: "" });
    assert.equal(chooser.status, 200);
    assert.match(chooser.html, /<form id="saml_form"/);
    assert.match(chooser.html, /<div class="saml-account-name">Account: 111122223333<\/div>/);
    const form = readForm(chooser.html, "saml_form");
    const radios = form.inputs.filter((i) => i.type === "radio").map((i) => i.value).sort();
    assert.deepEqual(radios, ["arn:aws:iam::111122223333:role/ADFS-Developers", KEY_ADMINS]);
    assert.match(chooser.html, new RegExp(`id="${KEY_ADMINS}"`));

    const signedIn = await browser.submit(form, { roleIndex: KEY_ADMINS });
    assert.equal(signedIn.status, 303);
    assert.equal(signedIn.headers.get("location"), "/console");
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith("federa_console="));
    assert.match(cookie!, /HttpOnly/i);
    assert.match(cookie!, /SameSite=Lax/i);
    const landing = await browser.get("/console");
    assert.equal(landing.status, 200);
    assert.match(landing.html, /arn:aws:sts::111122223333:assumed-role\/ADFS-KeyAdmins\/alice@corp\.example\.test/);

    // The assertion is spent: posting it again is refused.
    const again = await browser.post("/saml", { SAMLResponse: posted.base64, roleIndex: KEY_ADMINS });
    assert.equal(again.status, 400);
    assert.match(again.html, /invalid SAML response/);

    const out = await browser.get("/console/signout");
    assert.equal(out.status, 200);
    assert.equal((await browser.get("/console")).status, 401);
  });

  it("signs bob, who has one role, straight in", async () => {
    const browser = new Browser(federa.url);
    const posted = await assertionFor(browser, "bob", "Bob!Passw0rd1");
    const signedIn = await browser.post("/saml", { SAMLResponse: posted.base64 });
    assert.equal(signedIn.status, 303);
    assert.match((await browser.get("/console")).html, /assumed-role\/ADFS-Developers\/bob@corp\.example\.test/);
  });

  it("refuses a response changed in transit", async () => {
    const browser = new Browser(federa.url);
    const posted = await assertionFor(browser, "bob", "Bob!Passw0rd1");
    const tampered = Buffer.from(posted.xml.replace("ADFS-Developers", "ADFS-KeyAdmins")).toString("base64");
    const page = await browser.post("/saml", { SAMLResponse: tampered, roleIndex: KEY_ADMINS });
    assert.ok(page.status >= 400);
    assert.doesNotMatch(page.html, /Signed in/);
    assert.equal(page.headers.getSetCookie().some((c) => c.startsWith("federa_console=") && !c.startsWith("federa_console=;")), false);
  });

  it("refuses a role the assertion does not offer", async () => {
    const browser = new Browser(federa.url);
    const posted = await assertionFor(browser, "bob", "Bob!Passw0rd1");
    const page = await browser.post("/saml", { SAMLResponse: posted.base64, roleIndex: KEY_ADMINS });
    assert.equal(page.status, 400);
  });
});

describe("signing in to the console with Chromium", () => {
  let chrome: Chromium;
  before(async () => {
    mkdirSync("test-output/console", { recursive: true });
    chrome = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  });
  after(() => chrome?.close());

  it("takes alice from the IdP through the role chooser to the console", async () => {
    const page = await (await chrome.newContext()).newPage();
    await page.goto(`${federa.url}/idp/sso/init?sp=urn:amazon:webservices`);
    await page.getByLabel("User name").fill("alice");
    await page.getByLabel("Password").fill("Alice!Passw0rd1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#saml_form").waitFor();
    await page.screenshot({ path: "test-output/console/1-role-chooser.png" });
    await page.getByLabel("ADFS-KeyAdmins").check();
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#assumed-role-arn").waitFor();
    await page.screenshot({ path: "test-output/console/2-signed-in.png" });
    assert.equal((await page.locator("#assumed-role-arn").textContent())?.trim(), "arn:aws:sts::111122223333:assumed-role/ADFS-KeyAdmins/alice@corp.example.test");
    assert.equal(new URL(page.url()).pathname, "/console");
  });
});

// A real browser (Debian's Chromium, driven by playwright-core) signs in at the IdP: the login
// page, the auto-posting form, the SAMLResponse that arrives at the ACS. Screenshots are kept in
// test-output/.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { samlAttributes } from "../support/browser.ts";

const ROLE = "https://aws.amazon.com/SAML/Attributes/Role";
const SHOTS = "test-output/idp";
let federa: RunningFedera;
let browser: Browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  federa = await startFedera();
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});
after(async () => {
  await browser?.close();
  await federa?.stop();
});

/** Signs in through the page and returns what the browser posted to the ACS, and the page. */
async function signInWithBrowser(username: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const posted: { body?: string } = {};
  // The test plays the service provider: it receives the browser's POST to the ACS.
  await page.route(`${federa.url}/saml`, async (route) => {
    posted.body = route.request().postData() ?? "";
    await route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>SP</title><h1>Received</h1>" });
  });
  await page.goto(`${federa.url}/idp/sso/init?sp=urn:amazon:webservices`);
  await page.screenshot({ path: `${SHOTS}/${username}-1-login.png` });
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForLoadState("load");
  await page.screenshot({ path: `${SHOTS}/${username}-2-after.png` });
  return { page, context, posted };
}

describe("signing in with Chromium", () => {
  it("posts alice's signed response, with both roles, to the ACS", async () => {
    const { page, context, posted } = await signInWithBrowser("alice", "Alice!Passw0rd1");
    await page.getByRole("heading", { name: "Received" }).waitFor();
    const form = new URLSearchParams(posted.body);
    const xml = Buffer.from(form.get("SAMLResponse")!, "base64").toString("utf8");
    assert.equal(samlAttributes(xml)[ROLE]!.length, 2);
    assert.match(xml, /<ds:SignatureValue>/);
    await context.close();
  });

  it("shows dave a clear page instead of a response", async () => {
    const { page, context, posted } = await signInWithBrowser("dave", "Dave!Passw0rd1");
    await assertHeading(page, "No AWS role for your account");
    assert.equal(posted.body, undefined);
    await context.close();
  });

  it("shows carol the sign-in form again with an error", async () => {
    const { page, context, posted } = await signInWithBrowser("carol", "Carol!Passw0rd1");
    const alert = page.getByRole("alert");
    assert.match((await alert.textContent()) ?? "", /Incorrect user name or password/);
    assert.equal(posted.body, undefined);
    await context.close();
  });
});

async function assertHeading(page: import("playwright-core").Page, name: string) {
  const heading = page.getByRole("heading", { level: 1 });
  assert.equal((await heading.textContent())?.trim(), name);
}

// What the console's HTTP tests share: signing in through the IdP to a role, the page's CSRF
// token, and posting a form as a browser does.
import assert from "node:assert/strict";
import { Browser, decodeEntities, readForm, samlResponseOf, type Page } from "../support/browser.ts";

export const ALICE = { username: "alice", password: "Alice!Passw0rd1" };
/** erin is the lab's auditor (ADFS-Auditors, through a nested group). */
export const ERIN = { username: "erin", password: "Erin!Passw0rd1" };

/** A directory user signed in at the IdP and into the console as the role `roleArn`. */
export async function signIn(url: string, roleArn: string, user: { username: string; password: string } = ALICE): Promise<Browser> {
  const browser = new Browser(url);
  const login = readForm((await browser.get("/idp/sso/init?sp=urn:amazon:webservices")).html);
  const posted = samlResponseOf(await browser.submit(login, user));
  const signedIn = await browser.post("/saml", { SAMLResponse: posted.base64, roleIndex: roleArn });
  assert.equal(signedIn.status, 303);
  return browser;
}

export function csrfOf(html: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token, "the page has a CSRF token");
  return decodeEntities(token);
}

/** Posts fields (a name may repeat) as a form does. */
export function post(browser: Browser, path: string, fields: [string, string][]): Promise<Page> {
  return browser.request("POST", path, new URLSearchParams(fields).toString());
}

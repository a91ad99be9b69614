// AD FS compatibility: the IdP-initiated sign-on page with AD FS's form, driven the way AD FS
// tools drive it (a Python client with requests and BeautifulSoup), and the federation metadata.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { Browser, readForm, samlAttributes } from "../support/browser.ts";

const run = promisify(execFile);
const ROLE = "https://aws.amazon.com/SAML/Attributes/Role";
let federa: RunningFedera;

before(async () => {
  federa = await startFedera();
});
after(() => federa.stop());

async function adfsTool(username: string, password: string): Promise<{ status: number; saml: string | null }> {
  const { stdout } = await run("/usr/bin/python3", [
    "test/support/adfs_client.py",
    `${federa.url}/adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=urn:amazon:webservices`,
    username,
    password,
  ]);
  return JSON.parse(stdout);
}

describe("AD FS IdP-initiated sign-on", () => {
  it("shows AD FS's form fields", async () => {
    const page = await new Browser(federa.url).get("/adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=urn:amazon:webservices");
    assert.equal(page.status, 200);
    const form = readForm(page.html, "loginForm");
    const names = form.inputs.map((i) => i.name);
    for (const name of ["UserName", "Password", "AuthMethod", "Kmsi"]) assert.ok(names.includes(name), `${name} is a field`);
    assert.equal(form.fields.AuthMethod, "FormsAuthentication");
    assert.match(form.action, /^\/adfs\/ls\/IdpInitiatedSignOn\.aspx\?loginToRp=urn%3Aamazon%3Awebservices$/);
  });

  it("lets an AD FS tool that fills user and pass fields through, with alice's roles", async () => {
    const result = await adfsTool("CORP\\alice", "Alice!Passw0rd1");
    assert.equal(result.status, 200);
    assert.ok(result.saml);
    assert.equal(samlAttributes(result.saml)[ROLE]!.length, 2);
  });

  it("gives the tool no SAMLResponse for a wrong password", async () => {
    const result = await adfsTool("alice@corp.example.test", "nope");
    assert.equal(result.status, 401);
    assert.equal(result.saml, null);
  });
});

describe("AD FS federation metadata", () => {
  it("is served where AD FS publishes it, with the signing certificate and /adfs/ls/ endpoints", async () => {
    const response = await fetch(`${federa.url}/FederationMetadata/2007-06/FederationMetadata.xml`);
    assert.equal(response.status, 200);
    const xml = await response.text();
    assert.match(xml, /IDPSSODescriptor/);
    assert.match(xml, new RegExp(`Location="${federa.url}/adfs/ls/"`));
    assert.match(xml, /<(ds:)?X509Certificate>/);
  });
});

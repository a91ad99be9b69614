// The IdP's sign-on, end to end over HTTP, against real directory servers: OpenLDAP's slapd (with
// the memberOf overlay) and a Samba AD domain controller, each started once for this file.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startSlapd, type SlapdServer } from "../support/slapd.ts";
import { startSamba, type SambaServer } from "../support/samba.ts";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { Browser, readForm, samlAttributes, samlResponseOf } from "../support/browser.ts";

const ROLE = "https://aws.amazon.com/SAML/Attributes/Role";
const pair = (account: string, role: string) => `arn:aws:iam::${account}:saml-provider/ADFS,arn:aws:iam::${account}:role/ADFS-${role}`;

async function signIn(federa: RunningFedera, username: string, password: string) {
  const browser = new Browser(federa.url);
  const form = readForm((await browser.get("/idp/sso/init?sp=urn:amazon:webservices")).html);
  return browser.submit(form, { username, password });
}

function labScenarios(name: string, start: () => Promise<RunningFedera>, stop: () => Promise<void>, login: (user: string) => string) {
  describe(`sign-on against ${name}`, () => {
    let federa: RunningFedera;
    before(async () => {
      federa = await start();
    });
    after(async () => {
      await federa?.stop();
      await stop();
    });

    it("posts alice a signed response with both of her roles", async () => {
      const page = await signIn(federa, login("alice"), "Alice!Passw0rd1");
      assert.equal(page.status, 200);
      const { xml } = samlResponseOf(page);
      assert.deepEqual([...samlAttributes(xml)[ROLE]!].sort(), [pair("111122223333", "Developers"), pair("111122223333", "KeyAdmins")]);
      assert.match(xml, /<ds:SignatureValue>/);
    });

    it("gives erin her nested and cross-account roles", async () => {
      const page = await signIn(federa, login("erin"), "Erin!Passw0rd1");
      assert.deepEqual([...samlAttributes(samlResponseOf(page).xml)[ROLE]!].sort(), [pair("111122223333", "Auditors"), pair("444455556666", "ReadOnly")]);
    });

    it("refuses carol (disabled) with the sign-in page's error", async () => {
      const page = await signIn(federa, login("carol"), "Carol!Passw0rd1");
      assert.equal(page.status, 401);
      assert.match(page.html, /Incorrect user name or password/);
    });

    it("refuses dave (no AWS group) with the no-role page", async () => {
      const page = await signIn(federa, login("dave"), "Dave!Passw0rd1");
      assert.equal(page.status, 403);
      assert.match(page.html, /No AWS role for your account/);
    });
  });
}

let slapd: SlapdServer;
labScenarios(
  "OpenLDAP (slapd, memberOf overlay)",
  async () => {
    slapd = await startSlapd();
    return startFedera({
      directory: { type: "ldap", url: slapd.url, flavour: "openldap", baseDn: slapd.baseDn, bindDn: slapd.bindDn, bindPassword: slapd.bindPassword, domain: "CORP" },
    });
  },
  async () => slapd?.stop(),
  (user) => user,
);

let samba: SambaServer;
labScenarios(
  "Samba AD DC (LDAP_MATCHING_RULE_IN_CHAIN)",
  async () => {
    samba = await startSamba();
    return startFedera({
      directory: { type: "ldap", url: samba.url, flavour: "ad", baseDn: samba.baseDn, bindDn: samba.bindDn, bindPassword: samba.bindPassword, domain: samba.domain, groupStrategy: "inChain" },
    });
  },
  async () => samba?.stop(),
  (user) => `CORP\\${user}`,
);

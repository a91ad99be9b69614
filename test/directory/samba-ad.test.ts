// The LDAP client against a real Samba Active Directory domain controller, provisioned for this
// file by test/support/samba.ts (realm CORP.EXAMPLE.TEST, NetBIOS domain CORP): flavour ad; login
// as `alice`, `alice@corp.example.test` and `CORP\alice`; nested groups through
// LDAP_MATCHING_RULE_IN_CHAIN, tokenGroups and a memberOf walk; carol's disabled account told by
// AD's bind sub-code 533, and must-change-password, expired and locked accounts by theirs; hostile
// names matching nobody; the search references that AD returns for
// subtree searches from the domain root (Configuration, DomainDnsZones, ForestDnsZones) ignored;
// all of it with a service account and with direct user bind.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { Client } from "ldapts";
import type { LdapDirectoryConfig } from "../../src/config/index.ts";
import { createLdapDirectory, DirectoryError, type Directory, type DirectoryErrorCode, type DirectoryUser } from "../../src/directory/index.ts";
import { createLogger } from "../../src/shared/index.ts";
import { SAMBA_USERS, startSamba, type SambaServer } from "../support/samba.ts";

const KEYADMINS = "AWS-111122223333-KeyAdmins";
const DEVELOPERS = "AWS-111122223333-Developers";
const AUDITORS = "AWS-111122223333-Auditors";
const READONLY = "AWS-444455556666-ReadOnly";
const OPS = "Ops (Tier 2)";
const PASSWORD = (name: string): string => SAMBA_USERS[name]?.password ?? assert.fail(`no lab user ${name}`);

/** Groups every strategy must find: direct and nested memberships through `member`. */
const MEMBER_GROUPS: Record<string, string[]> = {
  alice: [KEYADMINS, DEVELOPERS],
  bob: [DEVELOPERS],
  dave: ["Staff"],
  erin: ["Security", AUDITORS, READONLY],
  frank: [OPS, AUDITORS],
};
/**
 * tokenGroups is the user's security token: it also holds the primary group (Domain Users, which
 * is not in any `member` attribute) and BUILTIN\Users (of which Domain Users is a member).
 */
const TOKEN_ONLY_GROUPS = ["Domain Users", "Users"];

let server: SambaServer;
const opened: Directory[] = [];
const logLines: string[] = [];
const logger = createLogger(
  "debug",
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString("utf8"));
      done();
    },
  }),
);

type Strategy = "inChain" | "tokenGroups" | "memberOf";

function directory(mode: { service: boolean; groupStrategy: Strategy }, overrides: Partial<LdapDirectoryConfig> = {}): Directory {
  const config: LdapDirectoryConfig = {
    type: "ldap",
    url: server.url,
    startTls: false,
    rejectUnauthorized: true,
    flavour: "ad",
    baseDn: server.baseDn,
    groupStrategy: mode.groupStrategy,
    timeoutMs: 5000,
    // With the service account, the domain is configured; without, it is derived from the base DN.
    ...(mode.service ? { bindDn: server.bindDn, bindPassword: server.bindPassword, domain: server.domain } : {}),
    ...overrides,
  };
  const d = createLdapDirectory(config, { logger });
  opened.push(d);
  return d;
}

async function rejectsWith(promise: Promise<unknown>, code: DirectoryErrorCode, what = ""): Promise<DirectoryError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof DirectoryError, `${what}: expected a DirectoryError, got ${String(err)}`);
    assert.equal(err.code, code, `${what}: expected ${code}, got ${err.code} (${JSON.stringify(err.detail)})`);
    return err;
  }
  assert.fail(`${what}: expected ${code}, but the call succeeded`);
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}

function groupDn(name: string): string {
  if (name === "Domain Users") return `CN=Domain Users,CN=Users,${server.baseDn}`;
  if (name === "Users") return `CN=Users,CN=Builtin,${server.baseDn}`;
  return server.groupDns[name] ?? assert.fail(`no lab group ${name}`);
}

function expectedGroups(name: string, strategy: Strategy): string[] {
  const groups = MEMBER_GROUPS[name] ?? assert.fail(`no expected groups for ${name}`);
  return strategy === "tokenGroups" ? [...groups, ...TOKEN_ONLY_GROUPS] : groups;
}

function assertUser(user: DirectoryUser, name: string, strategy: Strategy, how = ""): void {
  assert.equal(user.username, name, how);
  assert.equal(user.domain, "CORP", how);
  assert.equal(user.dn.toLowerCase(), server.userDns[name]?.toLowerCase(), how);
  assert.deepEqual(sorted(user.groups), sorted(expectedGroups(name, strategy)), `${how}: groups`);
  assert.deepEqual(
    sorted(user.groupDns.map((dn) => dn.toLowerCase())),
    sorted(expectedGroups(name, strategy).map((g) => groupDn(g).toLowerCase())),
    `${how}: group DNs`,
  );
}

before(async () => {
  server = await startSamba();
});

after(async () => {
  await Promise.allSettled(opened.map((d) => d.close()));
  await server?.stop();
});

describe("the Samba AD DC harness", () => {
  it("returns search references for a subtree search from the domain root, and 533 for carol", async () => {
    const client = new Client({ url: server.url, timeout: 5000 });
    try {
      await client.bind(server.bindDn, server.bindPassword);
      const result = await client.search(server.baseDn, { scope: "sub", filter: "(sAMAccountName=alice)", attributes: ["sAMAccountName"] });
      assert.equal(result.searchEntries.length, 1);
      const refs = result.searchReferences.join(" ");
      assert.match(refs, /DomainDnsZones/);
      assert.match(refs, /ForestDnsZones/);
      assert.match(refs, /CN=Configuration/);
    } finally {
      await client.unbind();
    }
    const carol = new Client({ url: server.url, timeout: 5000 });
    try {
      await assert.rejects(carol.bind(`CORP\\carol`, PASSWORD("carol")), /data 533/);
    } finally {
      await carol.unbind();
    }
  });
});

const MODES: Array<{ title: string; service: boolean; groupStrategy: Strategy }> = [
  { title: "service bind, LDAP_MATCHING_RULE_IN_CHAIN", service: true, groupStrategy: "inChain" },
  { title: "service bind, tokenGroups", service: true, groupStrategy: "tokenGroups" },
  { title: "service bind, memberOf walk", service: true, groupStrategy: "memberOf" },
  { title: "direct user bind, LDAP_MATCHING_RULE_IN_CHAIN", service: false, groupStrategy: "inChain" },
  { title: "direct user bind, tokenGroups", service: false, groupStrategy: "tokenGroups" },
  { title: "direct user bind, memberOf walk", service: false, groupStrategy: "memberOf" },
];

for (const mode of MODES) {
  describe(`Samba AD, ${mode.title}`, () => {
    it("alice logs in as alice, CORP\\alice and alice@corp.example.test, with both AWS groups", async () => {
      const d = directory(mode);
      for (const login of ["alice", "CORP\\alice", "corp\\alice", "alice@corp.example.test"]) {
        assertUser(await d.authenticate(login, PASSWORD("alice")), "alice", mode.groupStrategy, login);
      }
    });

    it("erin gets the nested Auditors group through Security, and ReadOnly", async () => {
      assertUser(await directory(mode).authenticate("erin", PASSWORD("erin")), "erin", mode.groupStrategy, "erin");
    });

    it("bob, dave, and frank (whose DN needs escaping in filters) get exactly their groups", async () => {
      const d = directory(mode);
      assertUser(await d.authenticate("bob", PASSWORD("bob")), "bob", mode.groupStrategy, "bob");
      assertUser(await d.authenticate("CORP\\dave", PASSWORD("dave")), "dave", mode.groupStrategy, "dave");
      assertUser(await d.authenticate("frank", PASSWORD("frank")), "frank", mode.groupStrategy, "frank");
      assertUser(await d.authenticate("frank@corp.example.test", PASSWORD("frank")), "frank", mode.groupStrategy, "frank's UPN");
    });

    it("carol's disabled account is ACCOUNT_DISABLED (AD sub-code 533), whichever name she types", async () => {
      const d = directory(mode);
      for (const login of ["carol", "CORP\\carol", "carol@corp.example.test"]) {
        await rejectsWith(d.authenticate(login, PASSWORD("carol")), "ACCOUNT_DISABLED", login);
      }
      // Without her password, nothing about her account is told: a wrong password is just that.
      await rejectsWith(d.authenticate("carol", "wrong"), "INVALID_CREDENTIALS", "carol, wrong password");
    });

    it("must-change-password, expired and locked accounts are told apart (sub-codes 773, 701, 775)", async () => {
      const d = directory(mode);
      for (const [name, code] of [["gina", "PASSWORD_EXPIRED"], ["hank", "ACCOUNT_EXPIRED"], ["ivan", "ACCOUNT_LOCKED"]] as const) {
        for (const login of [name, `CORP\\${name}`, `${name}@corp.example.test`]) {
          await rejectsWith(d.authenticate(login, PASSWORD(name)), code, login);
        }
      }
    });

    it("a wrong password is INVALID_CREDENTIALS", async () => {
      const d = directory(mode);
      for (const login of ["alice", "CORP\\alice", "alice@corp.example.test"]) {
        await rejectsWith(d.authenticate(login, "Alice!Passw0rd2"), "INVALID_CREDENTIALS", login);
      }
      await rejectsWith(d.authenticate("alice", PASSWORD("bob")), "INVALID_CREDENTIALS", "bob's password");
      await rejectsWith(d.authenticate("alice", ""), "INVALID_CREDENTIALS", "empty password");
    });

    it(mode.service ? "an unknown user is UNKNOWN_USER" : "an unknown user is INVALID_CREDENTIALS (Samba's 52e does not tell)", async () => {
      // With a service account the search tells. A direct bind only has the server's answer, and
      // Samba words an unknown name as a wrong password (data 52e; Windows says 525).
      const code = mode.service ? "UNKNOWN_USER" : "INVALID_CREDENTIALS";
      const d = directory(mode);
      for (const login of ["mallory", "CORP\\mallory", "mallory@corp.example.test"]) {
        await rejectsWith(d.authenticate(login, "Mallory!Passw0rd1"), code, login);
      }
    });

    it("hostile and foreign names match nobody: UNKNOWN_USER", async () => {
      const d = directory(mode);
      const names = ["*)(objectClass=*", "*", "al*", "CORP\\*", "CORP\\al*", "*@corp.example.test", "alice)(|(sAMAccountName=*", "alice\u0000", "OTHER\\alice", "CORP\\"];
      for (const login of names) await rejectsWith(d.authenticate(login, PASSWORD("alice")), "UNKNOWN_USER", JSON.stringify(login));
    });

    it("alice's attributes: mail, displayName, department, userPrincipalName, and objectGUID as Samba knows it", async () => {
      const user = await directory(mode).authenticate("alice", PASSWORD("alice"));
      assert.deepEqual(user.attributes.mail, ["alice@corp.example.test"]);
      assert.deepEqual(user.attributes.displayname, ["Alice Adams"]);
      assert.deepEqual(user.attributes.department, ["Platform"]);
      assert.deepEqual(user.attributes.userprincipalname, ["alice@corp.example.test"]);
      assert.deepEqual(user.attributes.samaccountname, ["alice"]);
      for (const secret of ["unicodepwd", "userpassword", "supplementalcredentials"]) assert.equal(user.attributes[secret], undefined, secret);
      const guid = user.attributes.objectguid?.[0] ?? assert.fail("no objectGUID");
      assert.match(guid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      // AD's <GUID=...> base DN syntax: Samba itself resolves the string back to alice's entry.
      const client = new Client({ url: server.url, timeout: 5000 });
      try {
        await client.bind(server.bindDn, server.bindPassword);
        const { searchEntries } = await client.search(`<GUID=${guid}>`, { scope: "base", attributes: ["sAMAccountName"] });
        assert.equal(searchEntries[0]?.dn.toLowerCase(), server.userDns.alice?.toLowerCase());
      } finally {
        await client.unbind();
      }
    });

    if (mode.service) {
      it("lookup reads a user and her groups without a password, and the account states", async () => {
        const d = directory(mode);
        assertUser(await d.lookup("erin"), "erin", mode.groupStrategy, "lookup erin");
        assertUser(await d.lookup("CORP\\frank"), "frank", mode.groupStrategy, "lookup frank");
        await rejectsWith(d.lookup("carol"), "ACCOUNT_DISABLED", "lookup carol");
        await rejectsWith(d.lookup("gina"), "PASSWORD_EXPIRED", "lookup gina");
        await rejectsWith(d.lookup("hank"), "ACCOUNT_EXPIRED", "lookup hank");
        await rejectsWith(d.lookup("ivan"), "ACCOUNT_LOCKED", "lookup ivan");
        await rejectsWith(d.lookup("mallory"), "UNKNOWN_USER", "lookup mallory");
        await rejectsWith(d.lookup("*)(objectClass=*"), "UNKNOWN_USER", "lookup hostile");
      });
    }

    it("concurrent logins on one directory each get their own groups", async () => {
      const d = directory(mode);
      const names = Object.keys(MEMBER_GROUPS);
      const results = await Promise.all(
        Array.from({ length: 4 }, () => names.map((n) => d.authenticate(n, PASSWORD(n)).then((u) => [n, u] as const))).flat(),
      );
      assert.equal(results.length, 4 * names.length);
      for (const [name, user] of results) assertUser(user, name, mode.groupStrategy, `concurrent ${name}`);
    });
  });
}

describe("Samba AD, misconfiguration", () => {
  it("a wrong service password makes the directory unavailable, not the user's fault", async () => {
    const d = directory({ service: true, groupStrategy: "inChain" }, { bindPassword: "not-the-service-password" });
    await rejectsWith(d.authenticate("alice", PASSWORD("alice")), "DIRECTORY_UNAVAILABLE");
  });
});

describe("Samba AD, the log", () => {
  it("tells the failures apart, and holds no password", () => {
    const log = logLines.join("");
    for (const code of ["INVALID_CREDENTIALS", "UNKNOWN_USER", "ACCOUNT_DISABLED", "ACCOUNT_LOCKED", "ACCOUNT_EXPIRED", "PASSWORD_EXPIRED"]) {
      assert.ok(log.includes(`"code":"${code}"`), `no ${code} in the log`);
    }
    const secrets = [...Object.values(SAMBA_USERS).map((u) => u.password), server.bindPassword, server.adminPassword, "Alice!Passw0rd2", "Mallory!Passw0rd1"];
    for (const secret of secrets) assert.equal(log.includes(secret), false, `the log holds a password (${secret.slice(0, 3)}…)`);
  });
});

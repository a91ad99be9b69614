// The LDAP client against a real OpenLDAP slapd (memberof, refint and ppolicy overlays), started
// on loopback for this file by test/support/slapd.ts: flavour openldap, a service account for
// searches, nested groups by memberOf walk, every failure told apart by its code (ppolicy's
// permanent lock as the disabled account, its lockout, expired and reset passwords), hostile names
// matching nobody, StartTLS and ldaps:// checked against a throwaway CA, and direct user bind.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { Client } from "ldapts";
import type { LdapDirectoryConfig } from "../../src/config/index.ts";
import { createLdapDirectory, DirectoryError, type Directory, type DirectoryErrorCode, type DirectoryUser } from "../../src/directory/index.ts";
import { createLogger } from "../../src/shared/index.ts";
import { SLAPD_USERS, startSlapd, type SlapdServer } from "../support/slapd.ts";

const KEYADMINS = "AWS-111122223333-KeyAdmins";
const DEVELOPERS = "AWS-111122223333-Developers";
const AUDITORS = "AWS-111122223333-Auditors";
const READONLY = "AWS-444455556666-ReadOnly";
const PASSWORD = (name: string): string => SLAPD_USERS[name]?.password ?? assert.fail(`no lab user ${name}`);

let server: SlapdServer;
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

function directory(overrides: Partial<LdapDirectoryConfig> = {}): Directory {
  const config: LdapDirectoryConfig = {
    type: "ldap",
    url: server.url,
    startTls: false,
    rejectUnauthorized: true,
    flavour: "openldap",
    bindDn: server.bindDn,
    bindPassword: server.bindPassword,
    baseDn: server.baseDn,
    timeoutMs: 5000,
    ...overrides,
  };
  const d = createLdapDirectory(config, { logger });
  opened.push(d);
  return d;
}

async function rejectsWith(promise: Promise<unknown>, code: DirectoryErrorCode): Promise<DirectoryError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof DirectoryError, `expected a DirectoryError, got ${String(err)}`);
    assert.equal(err.code, code, `expected ${code}, got ${err.code} (${JSON.stringify(err.detail)})`);
    return err;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}

function assertGroups(user: DirectoryUser, expected: string[]): void {
  assert.deepEqual(sorted(user.groups), sorted(expected));
  assert.deepEqual(
    sorted(user.groupDns.map((dn) => dn.toLowerCase())),
    sorted(expected.map((name) => server.groupDn(name).toLowerCase())),
  );
}

before(async () => {
  server = await startSlapd();
});

after(async () => {
  await Promise.allSettled(opened.map((d) => d.close()));
  await server?.stop();
});

describe("the slapd harness", () => {
  it("is a real slapd whose memberof overlay filled in memberOf, nested groups included", async () => {
    const client = new Client({ url: server.url, timeout: 5000 });
    try {
      await client.bind(server.bindDn, server.bindPassword);
      const { searchEntries } = await client.search(server.baseDn, { filter: "(|(uid=erin)(cn=Security))", attributes: ["memberOf"] });
      const memberOf = Object.fromEntries(searchEntries.map((e) => [e.dn, sorted([e.memberOf ?? []].flat().map(String))]));
      assert.deepEqual(memberOf[server.userDn("erin")], sorted([server.groupDn("Security"), server.groupDn(READONLY)]));
      assert.deepEqual(memberOf[server.groupDn("Security")], [server.groupDn(AUDITORS)]);
    } finally {
      await client.unbind();
    }
  });
});

describe("OpenLDAP with a service account (memberOf walk)", () => {
  it("alice gets both of her AWS groups, with her attributes", async () => {
    const user = await directory().authenticate("alice", PASSWORD("alice"));
    assert.equal(user.username, "alice");
    assert.equal(user.dn.toLowerCase(), server.userDn("alice").toLowerCase());
    assertGroups(user, [KEYADMINS, DEVELOPERS]);
    assert.deepEqual(user.attributes.mail, ["alice@corp.example.test"]);
    assert.deepEqual(user.attributes.displayname, ["Alice Adams"]);
    assert.deepEqual(user.attributes.departmentnumber, ["Platform"]);
    assert.equal(user.attributes.entryuuid?.length, 1, "entryUUID (operational) is read");
    assert.equal(user.attributes.userpassword, undefined, "no password hash in the user's attributes");
  });

  it("erin gets the nested Auditors group through Security, and the cross-account ReadOnly", async () => {
    assertGroups(await directory().authenticate("erin", PASSWORD("erin")), ["Security", AUDITORS, READONLY]);
  });

  it("bob, dave and frank get exactly their groups (frank's through a DN with parentheses)", async () => {
    const d = directory();
    assertGroups(await d.authenticate("bob", PASSWORD("bob")), [DEVELOPERS]);
    assertGroups(await d.authenticate("dave", PASSWORD("dave")), ["Staff"]);
    assertGroups(await d.authenticate("frank", PASSWORD("frank")), ["Ops (Tier 2)", AUDITORS]);
  });

  it("a wrong password is INVALID_CREDENTIALS", async () => {
    const d = directory();
    await rejectsWith(d.authenticate("alice", "Alice!Passw0rd2"), "INVALID_CREDENTIALS");
    await rejectsWith(d.authenticate("alice", PASSWORD("bob")), "INVALID_CREDENTIALS");
    await rejectsWith(d.authenticate("alice", ""), "INVALID_CREDENTIALS");
  });

  it("an unknown user is UNKNOWN_USER", async () => {
    await rejectsWith(directory().authenticate("mallory", "Mallory!Passw0rd1"), "UNKNOWN_USER");
  });

  it("filter metacharacters are escaped: hostile names match nobody", async () => {
    const d = directory();
    for (const name of ["*)(objectClass=*", "*", "al*", "alice)(uid=*", "*)(|(uid=*", "alice\\2a", "alice\u0000"]) {
      await rejectsWith(d.authenticate(name, PASSWORD("alice")), "UNKNOWN_USER");
    }
  });

  it("carol, locked for good by ppolicy (pwdAccountLockedTime 000001010000Z), is ACCOUNT_DISABLED", async () => {
    const d = directory();
    // OpenLDAP has no "disabled" flag: ppolicy's permanent administrative lock is its disable.
    // slapd refuses her bind (49) even with the right password; the client must tell why.
    await rejectsWith(d.authenticate("carol", PASSWORD("carol")), "ACCOUNT_DISABLED");
    await rejectsWith(d.lookup("carol"), "ACCOUNT_DISABLED");
  });

  it("a lockout (pwdAccountLockedTime now) is ACCOUNT_LOCKED; an expired or reset password is PASSWORD_EXPIRED", async () => {
    const d = directory();
    await rejectsWith(d.authenticate("ivan", PASSWORD("ivan")), "ACCOUNT_LOCKED");
    await rejectsWith(d.authenticate("hank", PASSWORD("hank")), "PASSWORD_EXPIRED");
    await rejectsWith(d.authenticate("gina", PASSWORD("gina")), "PASSWORD_EXPIRED");
    await rejectsWith(d.lookup("ivan"), "ACCOUNT_LOCKED");
    await rejectsWith(d.lookup("gina"), "PASSWORD_EXPIRED");
  });

  it("lookup reads a user and her groups without a password", async () => {
    const d = directory();
    assertGroups(await d.lookup("erin"), ["Security", AUDITORS, READONLY]);
    await rejectsWith(d.lookup("mallory"), "UNKNOWN_USER");
    await rejectsWith(d.lookup("*"), "UNKNOWN_USER");
  });

  it("concurrent logins on one directory each get their own groups", async () => {
    const d = directory();
    const names = ["alice", "bob", "dave", "erin", "frank"] as const;
    const expected: Record<(typeof names)[number], string[]> = {
      alice: [KEYADMINS, DEVELOPERS],
      bob: [DEVELOPERS],
      dave: ["Staff"],
      erin: ["Security", AUDITORS, READONLY],
      frank: ["Ops (Tier 2)", AUDITORS],
    };
    const rounds = 6;
    const results = await Promise.all(
      Array.from({ length: rounds }, () => names.map((n) => d.authenticate(n, PASSWORD(n)).then((u) => [n, u] as const))).flat(),
    );
    assert.equal(results.length, rounds * names.length);
    for (const [name, user] of results) {
      assert.equal(user.username, name);
      assert.deepEqual(sorted(user.groups), sorted(expected[name]));
    }
  });

  it("a wrong service password makes the directory unavailable, not the user's fault", async () => {
    await rejectsWith(directory({ bindPassword: "not-the-service-password" }).authenticate("alice", PASSWORD("alice")), "DIRECTORY_UNAVAILABLE");
  });

  it("failures are told apart in the log, and no password reaches it", () => {
    const log = logLines.join("");
    for (const code of ["INVALID_CREDENTIALS", "UNKNOWN_USER", "ACCOUNT_DISABLED", "ACCOUNT_LOCKED", "PASSWORD_EXPIRED"]) {
      assert.ok(log.includes(`"code":"${code}"`), `no ${code} in the log`);
    }
    for (const secret of [...Object.values(SLAPD_USERS).map((u) => u.password), server.bindPassword, server.rootPassword, "Alice!Passw0rd2"]) {
      assert.equal(log.includes(secret), false, `the log holds a password (${secret.slice(0, 3)}…)`);
    }
  });
});

describe("OpenLDAP over TLS (throwaway CA)", () => {
  it("StartTLS on ldap:// with caFile", async () => {
    const user = await directory({ startTls: true, caFile: server.caFile }).authenticate("alice", PASSWORD("alice"));
    assertGroups(user, [KEYADMINS, DEVELOPERS]);
  });

  it("ldaps:// with caFile", async () => {
    const d = directory({ url: server.ldapsUrl, caFile: server.caFile });
    assertGroups(await d.authenticate("erin", PASSWORD("erin")), ["Security", AUDITORS, READONLY]);
    await rejectsWith(d.authenticate("erin", "wrong"), "INVALID_CREDENTIALS");
  });

  it("a certificate from an unknown CA is refused: DIRECTORY_UNAVAILABLE", async () => {
    await rejectsWith(directory({ url: server.ldapsUrl }).authenticate("alice", PASSWORD("alice")), "DIRECTORY_UNAVAILABLE");
    await rejectsWith(directory({ startTls: true }).authenticate("alice", PASSWORD("alice")), "DIRECTORY_UNAVAILABLE");
  });
});

describe("OpenLDAP with direct user bind (no service account)", () => {
  // Anonymous may only find a DN by uid here; after her bind, the user reads her own entry and
  // groups with her own rights.
  const direct = (): Directory => directory({ bindDn: undefined, bindPassword: undefined });

  it("alice logs in with her own bind and gets her groups and attributes", async () => {
    const user = await direct().authenticate("alice", PASSWORD("alice"));
    assert.equal(user.username, "alice");
    assertGroups(user, [KEYADMINS, DEVELOPERS]);
    assert.deepEqual(user.attributes.mail, ["alice@corp.example.test"]);
    assert.deepEqual(user.attributes.displayname, ["Alice Adams"]);
  });

  it("erin's nested group, and the failures as far as the bind tells them", async () => {
    const d = direct();
    assertGroups(await d.authenticate("erin", PASSWORD("erin")), ["Security", AUDITORS, READONLY]);
    await rejectsWith(d.authenticate("erin", "wrong"), "INVALID_CREDENTIALS");
    await rejectsWith(d.authenticate("mallory", "x"), "UNKNOWN_USER");
    await rejectsWith(d.authenticate("*)(objectClass=*", PASSWORD("alice")), "UNKNOWN_USER");
    // ppolicy's bind response says only "account locked"; whether for good (carol's disable) is
    // in pwdAccountLockedTime, which anonymous cannot read here: a lockout is all that is known.
    await rejectsWith(d.authenticate("carol", PASSWORD("carol")), "ACCOUNT_LOCKED");
    await rejectsWith(d.authenticate("ivan", PASSWORD("ivan")), "ACCOUNT_LOCKED");
    await rejectsWith(d.authenticate("hank", PASSWORD("hank")), "PASSWORD_EXPIRED");
    // slapd lets her bind, then restricts her connection to changing her password.
    await rejectsWith(d.authenticate("gina", PASSWORD("gina")), "PASSWORD_EXPIRED");
  });
});

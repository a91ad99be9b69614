// The directory against the embedded lab world: the LDAP client (ldapts) talking to the embedded
// server (ldapjs) over real LDAP on loopback, as federa runs by default. Every failure kind is
// told apart by its code; hostile names match nobody; a directory that is down or silent fails
// fast with DIRECTORY_UNAVAILABLE; and Debian's ldap-utils prove the server speaks real LDAP.
import net from "node:net";
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  createDirectory,
  createLdapDirectory,
  DirectoryError,
  startEmbeddedDirectoryServer,
  type Directory,
  type DirectoryErrorCode,
  type EmbeddedServer,
  type RunningDirectory,
} from "../../src/directory/index.ts";
import { ManualClock, silentLogger } from "../../src/shared/index.ts";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BASE_DN,
  FIXTURE_LDIF,
  PASSWORDS,
  capturingLogger,
  closedPort,
  embeddedClientConfig,
  ldapTool,
  silentServer,
} from "../support/embedded-ldap.ts";

const AWS_KEYADMINS = "AWS-111122223333-KeyAdmins";
const AWS_DEVELOPERS = "AWS-111122223333-Developers";
const AWS_AUDITORS = "AWS-111122223333-Auditors";
const AWS_READONLY = "AWS-444455556666-ReadOnly";
const ERIN_DN = "CN=Okafor\\, Erin,CN=Users,DC=corp,DC=example,DC=test";

let server: EmbeddedServer;
let directory: Directory;
const log = capturingLogger();

async function failure(promise: Promise<unknown>): Promise<DirectoryError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof DirectoryError, `expected a DirectoryError, got ${String(err)}`);
    return err;
  }
  assert.fail("expected the call to fail");
}

async function rejectsWith(promise: Promise<unknown>, code: DirectoryErrorCode): Promise<DirectoryError> {
  const err = await failure(promise);
  assert.equal(err.code, code, `expected ${code}, got ${err.code} (${JSON.stringify(err.detail)})`);
  return err;
}

before(async () => {
  server = await startEmbeddedDirectoryServer({ ldifPath: FIXTURE_LDIF, port: 0, host: "127.0.0.1", searchReferences: true });
  directory = createLdapDirectory(embeddedClientConfig(server), { logger: log.logger });
});

after(async () => {
  await directory.close();
  await server.close();
});

describe("embedded directory: logins", () => {
  it("alice logs in with both of her AWS groups, her attributes and her GUID", async () => {
    const alice = await directory.authenticate("alice", PASSWORDS.alice as string);
    assert.equal(alice.username, "alice");
    assert.equal(alice.domain, "CORP");
    assert.equal(alice.dn, `CN=Alice Smith,CN=Users,${BASE_DN}`);
    assert.deepEqual([...alice.groups].sort(), [AWS_DEVELOPERS, AWS_KEYADMINS, "Staff"]);
    assert.deepEqual(
      [...alice.groupDns].sort(),
      [AWS_DEVELOPERS, AWS_KEYADMINS, "Staff"].map((cn) => `CN=${cn},OU=Groups,${BASE_DN}`),
    );
    assert.deepEqual(alice.attributes.mail, ["alice@corp.example.test"]);
    assert.deepEqual(alice.attributes.department, ["Security Engineering"]);
    assert.deepEqual(alice.attributes.displayname, ["Alice Smith"]);
    assert.deepEqual(alice.attributes.userprincipalname, ["alice@corp.example.test"]);
    assert.deepEqual(alice.attributes.objectguid, ["6b7f0c2e-4a51-4f0e-9d36-1a2b3c4d5e01"]);
    assert.deepEqual(alice.attributes.objectsid, ["S-1-5-21-2718281828-3141592653-1618033988-1101"]);
    assert.equal(alice.attributes.userpassword, undefined, "a password attribute never leaves the directory");
    for (const name of Object.keys(alice.attributes)) assert.equal(name, name.toLowerCase());
  });

  it("bob gets the Developers group only", async () => {
    const bob = await directory.authenticate("bob", PASSWORDS.bob as string);
    assert.equal(bob.username, "bob");
    assert.deepEqual([...bob.groups].sort(), [AWS_DEVELOPERS, "Staff"]);
    assert.deepEqual(bob.attributes.department, ["Platform"]);
  });

  it("erin gets Security, the nested Auditors group and the second account's ReadOnly group", async () => {
    const erin = await directory.authenticate("erin", PASSWORDS.erin as string);
    assert.equal(erin.dn, ERIN_DN);
    assert.deepEqual([...erin.groups].sort(), [AWS_AUDITORS, AWS_READONLY, "Security", "Staff"]);
    assert.ok(erin.groupDns.includes(`CN=${AWS_AUDITORS},OU=Groups,${BASE_DN}`));
  });

  it("dave logs in but has no AWS group", async () => {
    const dave = await directory.authenticate("dave", PASSWORDS.dave as string);
    assert.deepEqual(dave.groups, ["Staff"]);
  });

  it("accepts alice@corp.example.test, CORP\\alice and any letter case, as AD does", async () => {
    for (const name of ["alice@corp.example.test", "CORP\\alice", "corp\\ALICE", "Alice", "corp.example.test\\alice", "ALICE@CORP.EXAMPLE.TEST"]) {
      const user = await directory.authenticate(name, PASSWORDS.alice as string);
      assert.equal(user.username, "alice", name);
      assert.equal(user.dn, `CN=Alice Smith,CN=Users,${BASE_DN}`, name);
    }
  });
});

describe("embedded directory: failures told apart", () => {
  it("a wrong password is INVALID_CREDENTIALS (AD data 52e)", async () => {
    const err = await rejectsWith(directory.authenticate("alice", "Alice!Passw0rd2"), "INVALID_CREDENTIALS");
    assert.equal(err.detail?.adData, "52e");
    assert.equal(err.status, 401);
  });

  it("an unknown user, or a name of another domain, is UNKNOWN_USER", async () => {
    await rejectsWith(directory.authenticate("mallory", "whatever1"), "UNKNOWN_USER");
    await rejectsWith(directory.authenticate("alice@other.example", PASSWORDS.alice as string), "UNKNOWN_USER");
    await rejectsWith(directory.authenticate("OTHER\\alice", PASSWORDS.alice as string), "UNKNOWN_USER");
    await rejectsWith(directory.authenticate("", PASSWORDS.alice as string), "UNKNOWN_USER");
  });

  it("carol is ACCOUNT_DISABLED (data 533), but only to someone who knows her password", async () => {
    const err = await rejectsWith(directory.authenticate("carol", PASSWORDS.carol as string), "ACCOUNT_DISABLED");
    assert.equal(err.detail?.adData, "533");
    await rejectsWith(directory.authenticate("carol", "not-her-password"), "INVALID_CREDENTIALS");
  });

  it("frank is ACCOUNT_LOCKED (data 775), whatever the password", async () => {
    const err = await rejectsWith(directory.authenticate("frank", PASSWORDS.frank as string), "ACCOUNT_LOCKED");
    assert.equal(err.detail?.adData, "775");
    await rejectsWith(directory.authenticate("frank", "not-his-password"), "ACCOUNT_LOCKED");
  });

  it("grace must change her password: PASSWORD_EXPIRED (data 773)", async () => {
    const err = await rejectsWith(directory.authenticate("grace", PASSWORDS.grace as string), "PASSWORD_EXPIRED");
    assert.equal(err.detail?.adData, "773");
  });

  it("heidi's account has expired: ACCOUNT_EXPIRED (data 701)", async () => {
    const err = await rejectsWith(directory.authenticate("heidi", PASSWORDS.heidi as string), "ACCOUNT_EXPIRED");
    assert.equal(err.detail?.adData, "701");
  });

  it("an empty password is refused without a bind (a server takes it as an anonymous bind)", async () => {
    const err = await rejectsWith(directory.authenticate("alice", ""), "INVALID_CREDENTIALS");
    assert.equal(err.detail?.reason, "empty password");
    // The reason it must be refused before binding: the server accepts the unauthenticated bind.
    const unauthenticated = await ldapTool("ldapsearch", ["-x", "-LLL", "-H", server.url, "-D", "CORP\\alice", "-w", "", "-b", "", "-s", "base", "namingContexts"]);
    assert.equal(unauthenticated.code, 0, unauthenticated.stderr);
  });

  it("filter injection matches nobody: UNKNOWN_USER", async () => {
    for (const name of ["*)(objectClass=*", "alice)(|(uid=*", "*", "al*", "alice)(sAMAccountName=bob", "alice\\", "(", "alice\u0000", "*)(|(objectClass=*)(sAMAccountName=*"]) {
      await rejectsWith(directory.authenticate(name, PASSWORDS.alice as string), "UNKNOWN_USER");
    }
  });

  it("no password reaches an error or the log", async () => {
    const secrets = ["Alice!Passw0rd2", PASSWORDS.carol as string, PASSWORDS.frank as string, "SecretNeverLogged!9"];
    const attempts: [string, string][] = [
      ["alice", secrets[0] as string],
      ["carol", secrets[1] as string],
      ["frank", secrets[2] as string],
      ["nobody", secrets[3] as string],
      ["*)(objectClass=*", secrets[3] as string],
    ];
    for (const [name, password] of attempts) {
      const err = await failure(directory.authenticate(name, password));
      const text = [err.message, err.stack ?? "", JSON.stringify(err.detail ?? {}), JSON.stringify(err), String(err.cause ?? "")].join("\n");
      assert.ok(!text.includes(password), `${err.code} must not carry the password`);
    }
    const output = log.output();
    assert.match(output, /directory\.authenticate_failed/);
    for (const secret of secrets) assert.ok(!output.includes(secret), "no password in the log");
  });
});

describe("embedded directory: lookup", () => {
  it("lookup(alice) returns her attributes and groups without a password", async () => {
    const alice = await directory.lookup("alice");
    assert.equal(alice.username, "alice");
    assert.deepEqual(alice.attributes.mail, ["alice@corp.example.test"]);
    assert.deepEqual(alice.attributes.department, ["Security Engineering"]);
    assert.deepEqual(alice.attributes.displayname, ["Alice Smith"]);
    assert.deepEqual(alice.attributes.objectguid, ["6b7f0c2e-4a51-4f0e-9d36-1a2b3c4d5e01"]);
    assert.deepEqual([...alice.groups].sort(), [AWS_DEVELOPERS, AWS_KEYADMINS, "Staff"]);
  });

  it("lookup refuses unknown and disabled accounts", async () => {
    await rejectsWith(directory.lookup("mallory"), "UNKNOWN_USER");
    await rejectsWith(directory.lookup("carol"), "ACCOUNT_DISABLED");
    await rejectsWith(directory.lookup("frank"), "ACCOUNT_LOCKED");
  });
});

describe("embedded directory: group strategies agree", () => {
  for (const groupStrategy of ["tokenGroups", "memberOf"] as const) {
    it(`${groupStrategy} finds the same nested groups as LDAP_MATCHING_RULE_IN_CHAIN`, async () => {
      const other = createLdapDirectory(embeddedClientConfig(server, { groupStrategy }), { logger: silentLogger });
      try {
        for (const name of ["alice", "erin", "dave"]) {
          const viaChain = await directory.authenticate(name, PASSWORDS[name] as string);
          const viaOther = await other.authenticate(name, PASSWORDS[name] as string);
          assert.deepEqual([...viaOther.groups].sort(), [...viaChain.groups].sort(), name);
          assert.deepEqual([...viaOther.groupDns].sort(), [...viaChain.groupDns].sort(), name);
        }
      } finally {
        await other.close();
      }
    });
  }
});

describe("embedded directory: direct user bind (no service account)", () => {
  it("binds as the user's UPN and reads with the user's own rights", async () => {
    const direct = createLdapDirectory(embeddedClientConfig(server, { bindDn: undefined, bindPassword: undefined }), { logger: silentLogger });
    try {
      for (const name of ["alice", "CORP\\alice", "alice@corp.example.test"]) {
        const alice = await direct.authenticate(name, PASSWORDS.alice as string);
        assert.deepEqual([...alice.groups].sort(), [AWS_DEVELOPERS, AWS_KEYADMINS, "Staff"]);
      }
      await rejectsWith(direct.authenticate("alice", "wrong-password"), "INVALID_CREDENTIALS");
      await rejectsWith(direct.authenticate("mallory", "whatever1"), "UNKNOWN_USER");
      // Names AD cannot hold never reach the server as a bind name.
      for (const name of ["*)(objectClass=*", "alice)(|(uid=*", "a*@corp.example.test", "alice@bad_domain!"]) {
        await rejectsWith(direct.authenticate(name, PASSWORDS.alice as string), "UNKNOWN_USER");
      }
      await rejectsWith(direct.authenticate("carol", PASSWORDS.carol as string), "ACCOUNT_DISABLED");
      // AD refuses anonymous searches: lookup needs a service account.
      const err = await rejectsWith(direct.lookup("alice"), "DIRECTORY_UNAVAILABLE");
      assert.equal(err.detail?.resultCode, 1);
    } finally {
      await direct.close();
    }
  });
});

describe("embedded directory: an unavailable directory", () => {
  it("a port nobody listens on is DIRECTORY_UNAVAILABLE, quickly", async () => {
    const port = await closedPort();
    const down = createLdapDirectory(embeddedClientConfig({ url: `ldap://127.0.0.1:${port}` }), { logger: silentLogger });
    try {
      const started = Date.now();
      const err = await rejectsWith(down.authenticate("alice", PASSWORDS.alice as string), "DIRECTORY_UNAVAILABLE");
      assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
      assert.equal(err.status, 503);
      await rejectsWith(down.lookup("alice"), "DIRECTORY_UNAVAILABLE");
    } finally {
      await down.close();
    }
  });

  it("a server that accepts TCP but never answers is DIRECTORY_UNAVAILABLE within the timeout", async () => {
    const silent = await silentServer();
    const timeoutMs = 300;
    const hung = createLdapDirectory(embeddedClientConfig(silent, { timeoutMs }), { logger: silentLogger });
    try {
      const started = Date.now();
      await rejectsWith(hung.authenticate("alice", PASSWORDS.alice as string), "DIRECTORY_UNAVAILABLE");
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= timeoutMs - 20 && elapsed < timeoutMs + 700, `took ${elapsed} ms`);
      await Promise.all(
        Array.from({ length: 5 }, () => rejectsWith(hung.authenticate("bob", PASSWORDS.bob as string), "DIRECTORY_UNAVAILABLE")),
      );
    } finally {
      await hung.close();
      await silent.close();
    }
  });

  it("recovers when the directory comes back on the same port", async () => {
    const first = await startEmbeddedDirectoryServer({ ldifPath: FIXTURE_LDIF, port: 0 });
    const client = createLdapDirectory(embeddedClientConfig(first), { logger: silentLogger });
    let second: EmbeddedServer | undefined;
    try {
      await client.authenticate("bob", PASSWORDS.bob as string);
      await first.close();
      await rejectsWith(client.authenticate("bob", PASSWORDS.bob as string), "DIRECTORY_UNAVAILABLE");
      second = await startEmbeddedDirectoryServer({ ldifPath: FIXTURE_LDIF, port: first.port });
      const bob = await client.authenticate("bob", PASSWORDS.bob as string);
      assert.equal(bob.username, "bob");
    } finally {
      await client.close();
      await second?.close();
    }
  });
});

describe("createDirectory: the embedded lab world", () => {
  let lab: RunningDirectory;
  before(async () => {
    lab = await createDirectory({ type: "embedded", ldif: "fixtures/directory.ldif", port: 0 }, { logger: silentLogger });
  });
  after(async () => {
    await lab.close();
  });

  it("starts the embedded server on loopback and logs in through it", async () => {
    assert.match(lab.url, /^ldap:\/\/127\.0\.0\.1:\d+$/);
    const erin = await lab.authenticate("CORP\\erin", PASSWORDS.erin as string);
    assert.deepEqual([...erin.groups].sort(), [AWS_AUDITORS, AWS_READONLY, "Security", "Staff"]);
    await rejectsWith(lab.authenticate("carol", PASSWORDS.carol as string), "ACCOUNT_DISABLED");
  });

  it("reuses a user's groups across logins, but still binds and checks the account every time", async () => {
    const first = await lab.authenticate("erin", PASSWORDS.erin as string);
    const again = await lab.authenticate("erin@corp.example.test", PASSWORDS.erin as string);
    assert.deepEqual(again.groups, first.groups);
    assert.deepEqual(again.groupDns, first.groupDns);
    assert.deepEqual([...again.groups].sort(), [AWS_AUDITORS, AWS_READONLY, "Security", "Staff"]);
    await rejectsWith(lab.authenticate("erin", "Not-Erins!Passw0rd1"), "INVALID_CREDENTIALS");
    await rejectsWith(lab.authenticate("carol", PASSWORDS.carol as string), "ACCOUNT_DISABLED");
    await rejectsWith(lab.authenticate("carol", PASSWORDS.carol as string), "ACCOUNT_DISABLED");
    const looked = await lab.lookup("erin");
    assert.deepEqual(looked.groups, first.groups);
  });
});

describe("createDirectory: a reused entry never outlives the account's state", () => {
  // The lab world with a domain policy that depends on time: passwords age after 90 days, a
  // lockout ends after 30 minutes. alice's password was set 2024-01-15T09:00Z; frank was locked
  // out at 2024-03-01T09:30Z.
  const clock = new ManualClock(new Date("2024-03-01T09:40:00Z"));
  let lab: RunningDirectory;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "federa-ldif-"));
    const ldif = readFileSync(FIXTURE_LDIF, "utf8")
      .replace("lockoutDuration: -9223372036854775808", `lockoutDuration: ${-30 * 60 * 10_000_000}`)
      .replace("maxPwdAge: -9223372036854775808", `maxPwdAge: ${-90 * 86_400 * 10_000_000}`);
    writeFileSync(join(dir, "directory.ldif"), ldif);
    lab = await createDirectory({ type: "embedded", ldif: join(dir, "directory.ldif"), port: 0 }, { logger: silentLogger, clock });
  });
  after(async () => {
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a lockout that ends lets frank in; a password that ages out stops alice, whose entry was already read", async () => {
    assert.equal((await lab.authenticate("alice", PASSWORDS.alice as string)).username, "alice");
    await rejectsWith(lab.authenticate("alice", "Not-Alices!Passw0rd1"), "INVALID_CREDENTIALS");
    await rejectsWith(lab.authenticate("frank", PASSWORDS.frank as string), "ACCOUNT_LOCKED");

    clock.set(new Date("2024-03-01T10:05:00Z"));
    assert.equal((await lab.authenticate("frank", PASSWORDS.frank as string)).username, "frank");
    assert.equal((await lab.authenticate("alice", PASSWORDS.alice as string)).username, "alice");

    clock.set(new Date("2024-04-15T09:00:00Z"));
    await rejectsWith(lab.authenticate("alice", PASSWORDS.alice as string), "PASSWORD_EXPIRED");
    await rejectsWith(lab.authenticate("alice", "Not-Alices!Passw0rd1"), "INVALID_CREDENTIALS");
  });
});

describe("embedded server: real LDAP for Debian's ldap-utils", () => {
  const bindAlice = (): string[] => ["-x", "-LLL", "-o", "ldif-wrap=no", "-H", server.url, "-D", "CORP\\alice", "-w", PASSWORDS.alice as string];

  it("ldapsearch binds as CORP\\alice and runs an IN_CHAIN search for erin's groups", async () => {
    const filter = `(member:1.2.840.113556.1.4.1941:=${ERIN_DN.replace("\\", "\\5c")})`;
    const r = await ldapTool("ldapsearch", [...bindAlice(), "-b", BASE_DN, filter, "cn"]);
    assert.equal(r.code, 0, r.stderr);
    const cns = [...r.stdout.matchAll(/^cn: (.*)$/gm)].map((m) => m[1]).sort();
    assert.deepEqual(cns, [AWS_AUDITORS, AWS_READONLY, "Security", "Staff"]);
    assert.match(r.stdout, /^# refldap:\/\/ForestDnsZones\.corp\.example\.test\//m, "AD's continuation references are sent");
  });

  it("ldapsearch with memberOf IN_CHAIN, attribute selection, and no password attribute ever", async () => {
    const filter = `(memberOf:1.2.840.113556.1.4.1941:=CN=${AWS_AUDITORS},OU=Groups,${BASE_DN})`;
    const r = await ldapTool("ldapsearch", [...bindAlice(), "-b", `CN=Users,${BASE_DN}`, "-s", "one", filter, "sAMAccountName", "userPassword"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual([...r.stdout.matchAll(/^sAMAccountName: (.*)$/gm)].map((m) => m[1]), ["erin"]);
    assert.doesNotMatch(r.stdout, /userPassword/i);
    assert.doesNotMatch(r.stdout, /^mail:/m);
    const probe = await ldapTool("ldapsearch", [...bindAlice(), "-b", BASE_DN, "(userPassword=*)", "dn"]);
    assert.doesNotMatch(probe.stdout, /^dn:/m, "a filter cannot test a password");
  });

  it("ldapsearch binds by UPN and by DN; tokenGroups is computed on a base search", async () => {
    const byUpn = await ldapTool("ldapsearch", ["-x", "-LLL", "-H", server.url, "-D", "bob@corp.example.test", "-w", PASSWORDS.bob as string, "-b", BASE_DN, "(sAMAccountName=BOB)", "mail"]);
    assert.equal(byUpn.code, 0, byUpn.stderr);
    assert.match(byUpn.stdout, /^mail: bob@corp\.example\.test$/m);
    const byDn = await ldapTool("ldapsearch", ["-x", "-LLL", "-H", server.url, "-D", ERIN_DN, "-w", PASSWORDS.erin as string, "-b", ERIN_DN, "-s", "base", "(objectClass=*)", "tokenGroups"]);
    assert.equal(byDn.code, 0, byDn.stderr);
    assert.equal([...byDn.stdout.matchAll(/^tokenGroups:: /gm)].length, 4);
  });

  it("a wrong password is result 49 with AD's exact diagnostic", async () => {
    const r = await ldapTool("ldapsearch", ["-x", "-H", server.url, "-D", "CORP\\alice", "-w", "wrong", "-b", BASE_DN, "(cn=x)"]);
    assert.equal(r.code, 49);
    assert.match(r.stderr, /80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52e, v4563/);
    const locked = await ldapTool("ldapsearch", ["-x", "-H", server.url, "-D", "frank@corp.example.test", "-w", PASSWORDS.frank as string, "-b", BASE_DN, "(cn=x)"]);
    assert.equal(locked.code, 49);
    assert.match(locked.stderr, /data 775, v4563/);
    const unknown = await ldapTool("ldapsearch", ["-x", "-H", server.url, "-D", "CORP\\mallory", "-w", "x", "-b", BASE_DN, "(cn=x)"]);
    assert.match(unknown.stderr, /data 525, v4563/);
  });

  it("anonymous: the root DSE is readable, the tree is not", async () => {
    const dse = await ldapTool("ldapsearch", ["-x", "-LLL", "-H", server.url, "-b", "", "-s", "base", "(objectClass=*)", "defaultNamingContext", "supportedCapabilities"]);
    assert.equal(dse.code, 0, dse.stderr);
    assert.match(dse.stdout, new RegExp(`^defaultNamingContext: ${BASE_DN}$`, "m"));
    assert.match(dse.stdout, /^supportedCapabilities: 1\.2\.840\.113556\.1\.4\.800$/m);
    const tree = await ldapTool("ldapsearch", ["-x", "-LLL", "-H", server.url, "-b", BASE_DN, "(objectClass=*)"]);
    assert.equal(tree.code, 1);
    assert.match(tree.stderr, /000004DC/);
  });

  it("ldapwhoami names the bound user as AD does", async () => {
    const r = await ldapTool("ldapwhoami", ["-x", "-H", server.url, "-D", "alice@corp.example.test", "-w", PASSWORDS.alice as string]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), "u:CORP\\alice");
  });

  it("a SASL bind is authMethodNotSupported (7); garbage on the wire closes only that connection", async () => {
    // BindRequest(id 1, version 3, name "", sasl { mechanism "EXTERNAL" }), written by hand.
    const mechanism = Buffer.from("EXTERNAL");
    const sasl = Buffer.concat([Buffer.from([0xa3, mechanism.length + 2, 0x04, mechanism.length]), mechanism]);
    const bind = Buffer.concat([Buffer.from([0x60, sasl.length + 5, 0x02, 0x01, 0x03, 0x04, 0x00]), sasl]);
    const request = Buffer.concat([Buffer.from([0x30, bind.length + 3, 0x02, 0x01, 0x01]), bind]);
    const saslSocket = net.connect(server.port, "127.0.0.1");
    const reply = await new Promise<Buffer>((done, fail) => {
      saslSocket.once("data", done);
      saslSocket.once("error", fail);
      saslSocket.write(request);
    });
    saslSocket.destroy();
    // LDAPMessage { id 1, BindResponse (0x61) { resultCode ENUMERATED 7 … } }
    assert.deepEqual([...reply.subarray(0, 10)], [0x30, reply[1], 0x02, 0x01, 0x01, 0x61, reply[6], 0x0a, 0x01, 0x07]);
    const socket = net.connect(server.port, "127.0.0.1");
    await new Promise<void>((done) => socket.once("connect", () => done()));
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.on("error", () => undefined);
    socket.end(Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    await closed;
    const still = await directory.authenticate("bob", PASSWORDS.bob as string);
    assert.equal(still.username, "bob");
  });

  it("the directory is read-only: writes are insufficientAccessRights (50)", async () => {
    const modify = `dn: CN=Alice Smith,CN=Users,${BASE_DN}\nchangetype: modify\nreplace: department\ndepartment: Hacked\n`;
    const r = await ldapTool("ldapmodify", ["-x", "-H", server.url, "-D", "CORP\\alice", "-w", PASSWORDS.alice as string], modify);
    assert.equal(r.code, 50, r.stderr);
    const del = await ldapTool("ldapdelete", ["-x", "-H", server.url, "-D", "CORP\\alice", "-w", PASSWORDS.alice as string, `CN=Bob Jones,CN=Users,${BASE_DN}`]);
    assert.equal(del.code, 50, del.stderr);
    const add = `dn: CN=Mallory,CN=Users,${BASE_DN}\nchangetype: add\nobjectClass: user\ncn: Mallory\n`;
    const added = await ldapTool("ldapmodify", ["-x", "-H", server.url, "-D", "CORP\\alice", "-w", PASSWORDS.alice as string], add);
    assert.equal(added.code, 50, added.stderr);
    const still = await directory.lookup("alice");
    assert.deepEqual(still.attributes.department, ["Security Engineering"]);
  });
});

// A real OpenLDAP slapd for the tests: started on 127.0.0.1 on free ports in a fresh temporary
// directory, with a cn=config built by `slapadd -n0`, the memberof, refint and ppolicy overlays,
// and the lab world loaded over LDAP (so that the memberof overlay fills in memberOf, which
// slapadd would bypass). TLS comes from a throwaway CA made with `openssl` at start: StartTLS on the
// ldap:// port and a second ldaps:// port, both checked against `caFile`.
//
// The lab world, as OpenLDAP has it (suffix dc=corp,dc=example,dc=test):
//   uid=<name>,ou=people   inetOrgPerson: uid, cn, sn, givenName, displayName, mail,
//                          departmentNumber and ou (the department), userPassword
//   cn=<group>,ou=groups   groupOfNames
//   alice  AWS-111122223333-KeyAdmins, AWS-111122223333-Developers
//   bob    AWS-111122223333-Developers
//   carol  AWS-111122223333-Developers, but locked for good by the ppolicy overlay
//          (pwdAccountLockedTime 000001010000Z: "permanently locked, only an administrator can
//          unlock"). OpenLDAP has no "disabled" flag; that lock is its nearest equivalent.
//   dave   Staff only
//   erin   Security (itself a member of AWS-111122223333-Auditors) and AWS-444455556666-ReadOnly
//   frank  "Ops (Tier 2)" (a group DN with parentheses), itself a member of AWS-111122223333-Auditors
//   gina   must change her password (pwdReset TRUE, the policy has pwdMustChange)
//   hank   password expired (pwdChangedTime two years ago, pwdMaxAge one year, no grace logins)
//   ivan   locked out (pwdAccountLockedTime now, pwdLockoutDuration 30 minutes)
//   cn=federa-svc,ou=services  the service account for searches (reads everything but passwords)
// Access: an authenticated DN reads everything but userPassword; anonymous may only find a
// person's DN by uid (entry, objectClass, uid under ou=people), as hardened directories allow.
//
// Needs the Debian packages slapd (slapd, slapadd, the overlays in /usr/lib/ldap, the schema in
// /etc/ldap/schema) and openssl. Runs as whoever runs the tests (root on CI): no -u/-g needed. A
// system slapd on port 389 does not matter: this one uses its own ports, config and data.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Attribute, Change, Client, Control } from "ldapts";

export const SLAPD_BASE_DN = "dc=corp,dc=example,dc=test";

export interface SlapdServer {
  /** ldap://127.0.0.1:<port>/ (plain; StartTLS available with caFile). */
  url: string;
  /** ldaps://127.0.0.1:<port>/ */
  ldapsUrl: string;
  /** PEM of the throwaway CA that signed the server certificate (SAN IP:127.0.0.1, DNS:localhost). */
  caFile: string;
  baseDn: string;
  /** The service account (cn=federa-svc,ou=services,...). */
  bindDn: string;
  bindPassword: string;
  /** The rootdn, for tests that change the directory. */
  rootDn: string;
  rootPassword: string;
  /** DN of a lab user: uid=<name>,ou=people,<baseDn>. */
  userDn(name: string): string;
  /** DN of a lab group: cn=<name>,ou=groups,<baseDn>. */
  groupDn(name: string): string;
  stop(): Promise<void>;
}

export interface SlapdUser {
  password: string;
  givenName: string;
  sn: string;
  department: string;
  /**
   * The ppolicy state: disabled = pwdAccountLockedTime 000001010000Z (locked for good, only an
   * administrator unlocks); locked = pwdAccountLockedTime now (a lockout, pwdLockoutDuration 30
   * minutes); mustChangePassword = pwdReset TRUE (with pwdMustChange); passwordExpired =
   * pwdChangedTime two years ago (pwdMaxAge is one year, no grace logins).
   */
  state?: "disabled" | "locked" | "mustChangePassword" | "passwordExpired";
}

export const SLAPD_USERS: Record<string, SlapdUser> = {
  alice: { password: "Alice!Passw0rd1", givenName: "Alice", sn: "Adams", department: "Platform" },
  bob: { password: "Bob!Passw0rd1", givenName: "Bob", sn: "Brown", department: "Engineering" },
  carol: { password: "Carol!Passw0rd1", givenName: "Carol", sn: "Clark", department: "Finance", state: "disabled" },
  dave: { password: "Dave!Passw0rd1", givenName: "Dave", sn: "Davis", department: "Sales" },
  erin: { password: "Erin!Passw0rd1", givenName: "Erin", sn: "Evans", department: "Security" },
  frank: { password: "Frank!Passw0rd1", givenName: "Frank", sn: "O'Neil", department: "Operations" },
  gina: { password: "Gina!Passw0rd1", givenName: "Gina", sn: "Green", department: "Platform", state: "mustChangePassword" },
  hank: { password: "Hank!Passw0rd1", givenName: "Hank", sn: "Hill", department: "Platform", state: "passwordExpired" },
  ivan: { password: "Ivan!Passw0rd1", givenName: "Ivan", sn: "Ivanov", department: "Platform", state: "locked" },
};

/** Groups and their direct members: "uid:<user>" or "cn:<group>". Order matters (nested last). */
const GROUPS: Array<[string, string[]]> = [
  ["AWS-111122223333-KeyAdmins", ["uid:alice"]],
  ["AWS-111122223333-Developers", ["uid:alice", "uid:bob", "uid:carol"]],
  ["Security", ["uid:erin"]],
  ["Ops (Tier 2)", ["uid:frank"]],
  ["AWS-111122223333-Auditors", ["cn:Security", "cn:Ops (Tier 2)"]],
  ["AWS-444455556666-ReadOnly", ["uid:erin"]],
  ["Staff", ["uid:dave"]],
];

const SERVICE_PASSWORD = "Svc!Passw0rd1";
const RELAX_CONTROL = "1.3.6.1.4.1.4203.666.5.12";
const ROOT_PASSWORD = "Root!Passw0rd1";
const MODULE_DIR = "/usr/lib/ldap";
const SCHEMA_DIR = "/etc/ldap/schema";

function findSlapd(): { slapd: string; slapadd: string } {
  const candidates = [process.env.FEDERA_SLAPD, "/usr/sbin/slapd", "/usr/local/libexec/slapd", "/usr/libexec/slapd"];
  const slapd = candidates.find((p): p is string => typeof p === "string" && existsSync(p));
  if (slapd === undefined) {
    throw new Error(
      "slapd not found (looked in /usr/sbin, /usr/local/libexec, /usr/libexec and $FEDERA_SLAPD): " +
        "install OpenLDAP's server, e.g. `apt-get install -y slapd ldap-utils` on Debian",
    );
  }
  // slapadd is slapd itself under another name; Debian ships it as a link in /usr/sbin.
  const slapadd = join(slapd, "..", "slapadd");
  if (!existsSync(slapadd)) throw new Error(`slapadd not found beside ${slapd}: install the slapd package`);
  for (const need of [join(MODULE_DIR, "back_mdb.so"), join(MODULE_DIR, "memberof.so"), join(MODULE_DIR, "refint.so"), join(MODULE_DIR, "ppolicy.so"), join(SCHEMA_DIR, "inetorgperson.ldif")]) {
    if (!existsSync(need)) throw new Error(`${need} not found: the Debian slapd package provides it`);
  }
  return { slapd, slapadd };
}

function run(cmd: string, args: string[], what: string, input?: string): void {
  const result = spawnSync(cmd, args, { input, encoding: "utf8", timeout: 30_000 });
  if (result.error) throw new Error(`${what}: ${cmd} failed to run: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${what}: ${cmd} ${args.join(" ")} exited ${result.status ?? result.signal}:\n${result.stdout}${result.stderr}`);
  }
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A CA and a server certificate for 127.0.0.1/localhost, made with openssl (EC P-256: fast). */
function makeCertificates(dir: string): { caFile: string; certFile: string; keyFile: string } {
  const conf = join(dir, "openssl.cnf");
  writeFileSync(
    conf,
    [
      "[req]",
      "distinguished_name = dn",
      "prompt = no",
      "[dn]",
      "CN = federa throwaway test CA",
      "[ca_ext]",
      "basicConstraints = critical, CA:TRUE",
      "keyUsage = critical, keyCertSign, cRLSign",
      "subjectKeyIdentifier = hash",
      "[server_ext]",
      "basicConstraints = critical, CA:FALSE",
      "keyUsage = critical, digitalSignature, keyEncipherment",
      "extendedKeyUsage = serverAuth",
      "subjectAltName = IP:127.0.0.1, DNS:localhost",
      "authorityKeyIdentifier = keyid",
      "",
    ].join("\n"),
  );
  const caKey = join(dir, "ca.key");
  const caFile = join(dir, "ca.pem");
  const keyFile = join(dir, "server.key");
  const csr = join(dir, "server.csr");
  const certFile = join(dir, "server.pem");
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  run("openssl", ["req", "-config", conf, "-x509", ...ec, "-keyout", caKey, "-out", caFile, "-days", "2", "-extensions", "ca_ext", "-subj", "/CN=federa throwaway test CA"], "test CA");
  run("openssl", ["req", "-config", conf, "-new", ...ec, "-keyout", keyFile, "-out", csr, "-subj", "/CN=localhost"], "server key");
  run(
    "openssl",
    ["x509", "-req", "-in", csr, "-CA", caFile, "-CAkey", caKey, "-CAcreateserial", "-out", certFile, "-days", "2", "-extfile", conf, "-extensions", "server_ext"],
    "server certificate",
  );
  return { caFile, certFile, keyFile };
}

function configLdif(dir: string, tls: { caFile: string; certFile: string; keyFile: string }, dataDir: string): string {
  return `dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: ${join(dir, "slapd.pid")}
olcArgsFile: ${join(dir, "slapd.args")}
olcLogLevel: none
olcTLSCACertificateFile: ${tls.caFile}
olcTLSCertificateFile: ${tls.certFile}
olcTLSCertificateKeyFile: ${tls.keyFile}

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: ${MODULE_DIR}
olcModuleLoad: {0}back_mdb
olcModuleLoad: {1}memberof
olcModuleLoad: {2}refint
olcModuleLoad: {3}ppolicy

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file://${SCHEMA_DIR}/core.ldif

include: file://${SCHEMA_DIR}/cosine.ldif

include: file://${SCHEMA_DIR}/inetorgperson.ldif

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend
olcSizeLimit: 500

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: {0}to * by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcSuffix: ${SLAPD_BASE_DN}
olcRootDN: cn=admin,${SLAPD_BASE_DN}
olcRootPW: ${ROOT_PASSWORD}
olcDbDirectory: ${dataDir}
olcDbMaxSize: 33554432
olcDbIndex: objectClass eq
olcDbIndex: uid eq
olcDbIndex: cn eq
olcDbIndex: mail eq
olcDbIndex: member eq
olcAccess: {0}to attrs=userPassword by self write by anonymous auth by * none
olcAccess: {1}to dn.base="${SLAPD_BASE_DN}" attrs=entry by users read by anonymous search by * none
olcAccess: {2}to dn.subtree="ou=people,${SLAPD_BASE_DN}" attrs=entry,objectClass,uid by users read by anonymous read by * none
olcAccess: {3}to * by users read by * none

dn: olcOverlay={0}memberof,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcMemberOf
olcOverlay: {0}memberof
olcMemberOfRefInt: TRUE
olcMemberOfGroupOC: groupOfNames
olcMemberOfMemberAD: member
olcMemberOfMemberOfAD: memberOf

dn: olcOverlay={1}refint,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcRefintConfig
olcOverlay: {1}refint
olcRefintAttribute: member

dn: olcOverlay={2}ppolicy,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcPPolicyConfig
olcOverlay: {2}ppolicy
olcPPolicyDefault: cn=default,ou=policies,${SLAPD_BASE_DN}
olcPPolicyHashCleartext: TRUE
olcPPolicyUseLockout: TRUE
`;
}

/** The lab world as [dn, attributes] in the order they must be added. */
function entries(): Array<[string, Record<string, string | string[]>]> {
  const base = SLAPD_BASE_DN;
  const list: Array<[string, Record<string, string | string[]>]> = [
    [base, { objectClass: ["dcObject", "organization"], dc: "corp", o: "corp.example.test" }],
    ...["people", "groups", "services", "policies"].map((ou): [string, Record<string, string | string[]>] => [
      `ou=${ou},${base}`,
      { objectClass: "organizationalUnit", ou },
    ]),
    [
      `cn=default,ou=policies,${base}`,
      {
        objectClass: ["organizationalRole", "pwdPolicy"],
        cn: "default",
        pwdAttribute: "userPassword",
        // Locks are honoured, but failures never lock (pwdMaxFailure 0): tests try wrong passwords.
        pwdLockout: "TRUE",
        pwdMaxFailure: "0",
        pwdLockoutDuration: "1800",
        pwdMaxAge: String(365 * 86400),
        pwdGraceAuthNLimit: "0",
        pwdMustChange: "TRUE",
      },
    ],
    [
      `cn=federa-svc,ou=services,${base}`,
      { objectClass: ["applicationProcess", "simpleSecurityObject"], cn: "federa-svc", userPassword: SERVICE_PASSWORD },
    ],
  ];
  for (const [uid, u] of Object.entries(SLAPD_USERS)) {
    list.push([
      `uid=${uid},ou=people,${base}`,
      {
        objectClass: ["inetOrgPerson"],
        uid,
        cn: `${u.givenName} ${u.sn}`,
        sn: u.sn,
        givenName: u.givenName,
        displayName: `${u.givenName} ${u.sn}`,
        mail: `${uid}@corp.example.test`,
        departmentNumber: u.department,
        ou: u.department,
        userPassword: u.password,
      },
    ]);
  }
  for (const [cn, members] of GROUPS) {
    list.push([
      `cn=${cn},ou=groups,${base}`,
      {
        objectClass: "groupOfNames",
        cn,
        member: members.map((m) => (m.startsWith("uid:") ? `uid=${m.slice(4)},ou=people,${base}` : `cn=${m.slice(3)},ou=groups,${base}`)),
      },
    ]);
  }
  return list;
}

function tail(text: string): string {
  return text.length > 4000 ? `…${text.slice(-4000)}` : text;
}

/** Waits until the process exits, or kills it harder after `ms`. */
async function waitExit(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await Promise.race([
    new Promise<void>((resolve) => child.once("exit", () => resolve())),
    sleep(ms, undefined, { ref: false }).then(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }),
  ]);
  if (child.exitCode === null && child.signalCode === null) await new Promise<void>((resolve) => child.once("exit", () => resolve()));
}

export async function startSlapd(): Promise<SlapdServer> {
  const { slapd, slapadd } = findSlapd();
  const dir = mkdtempSync(join(tmpdir(), "federa-slapd-"));
  let child: ChildProcess | undefined;
  const cleanup = async (): Promise<void> => {
    if (child !== undefined) {
      child.kill("SIGTERM");
      await waitExit(child, 5000);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const tls = makeCertificates(dir);
    const configDir = join(dir, "slapd.d");
    const dataDir = join(dir, "data");
    mkdirSync(configDir);
    mkdirSync(dataDir);
    const configFile = join(dir, "config.ldif");
    writeFileSync(configFile, configLdif(dir, tls, dataDir));
    run(slapadd, ["-n0", "-F", configDir, "-l", configFile], "slapadd -n0 (cn=config)");

    // Free ports are picked, then bound by slapd: retry if another process took one meanwhile.
    let url = "";
    let ldapsUrl = "";
    let output = "";
    for (let attempt = 1; ; attempt++) {
      const [port, tlsPort] = [await freePort(), await freePort()];
      url = `ldap://127.0.0.1:${port}/`;
      ldapsUrl = `ldaps://127.0.0.1:${tlsPort}/`;
      output = "";
      // -d keeps slapd in the foreground, our child, killed in stop() ("none": only the messages
      // it always prints, such as a failed listen); setpriv's parent-death signal kills it too if
      // the test process dies without running stop().
      const args = ["-d", "none", "-h", `${url} ${ldapsUrl}`, "-F", configDir];
      const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => existsSync(p));
      child = setpriv
        ? spawn(setpriv, ["--pdeathsig", "KILL", "--", slapd, ...args], { stdio: ["ignore", "pipe", "pipe"] })
        : spawn(slapd, args, { stdio: ["ignore", "pipe", "pipe"] });
      const proc = child;
      proc.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
      proc.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
      proc.once("error", (err) => (output += `spawn error: ${err.message}`));
      const alive = (): boolean => proc.exitCode === null && proc.signalCode === null;
      const ready = await waitForBind(url, `cn=admin,${SLAPD_BASE_DN}`, ROOT_PASSWORD, 15_000, alive);
      if (ready) break;
      child = undefined;
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill("SIGKILL");
        await waitExit(proc, 2000);
      }
      if (attempt >= 3 || !/Address already in use|bind\(.*\) failed/i.test(output)) {
        const how = proc.exitCode !== null || proc.signalCode !== null ? `exited ${proc.exitCode ?? proc.signalCode}` : "no answer to a bind";
        throw new Error(`slapd did not start (${how}):\n${tail(output)}`);
      }
    }

    const rootDn = `cn=admin,${SLAPD_BASE_DN}`;
    const client = new Client({ url, timeout: 10_000, connectTimeout: 5000 });
    try {
      await client.bind(rootDn, ROOT_PASSWORD);
      for (const [dn, attributes] of entries()) await client.add(dn, attributes);
      // The ppolicy states (operational attributes; pwdChangedTime needs the Relax control).
      const generalized = (ms: number): string => new Date(ms).toISOString().replace(/[-:T]|\.\d+/g, "");
      const states = {
        disabled: ["pwdAccountLockedTime", "000001010000Z"],
        locked: ["pwdAccountLockedTime", generalized(Date.now())],
        mustChangePassword: ["pwdReset", "TRUE"],
        passwordExpired: ["pwdChangedTime", generalized(Date.now() - 2 * 365 * 86400_000)],
      } as const;
      for (const [uid, user] of Object.entries(SLAPD_USERS)) {
        if (user.state === undefined) continue;
        const [type, value] = states[user.state];
        await client.modify(
          `uid=${uid},ou=people,${SLAPD_BASE_DN}`,
          new Change({ operation: "replace", modification: new Attribute({ type, values: [value] }) }),
          new Control(RELAX_CONTROL, { critical: true }),
        );
      }
    } finally {
      await client.unbind().catch(() => undefined);
    }

    let stopped: Promise<void> | undefined;
    return {
      url,
      ldapsUrl,
      caFile: tls.caFile,
      baseDn: SLAPD_BASE_DN,
      bindDn: `cn=federa-svc,ou=services,${SLAPD_BASE_DN}`,
      bindPassword: SERVICE_PASSWORD,
      rootDn,
      rootPassword: ROOT_PASSWORD,
      userDn: (name) => `uid=${name},ou=people,${SLAPD_BASE_DN}`,
      groupDn: (name) => `cn=${name},ou=groups,${SLAPD_BASE_DN}`,
      stop: () => (stopped ??= cleanup()),
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** Polls with a simple bind until the server answers it: true, or false after `ms` or once dead. */
async function waitForBind(url: string, dn: string, password: string, ms: number, alive: () => boolean): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && alive()) {
    const client = new Client({ url, timeout: 2000, connectTimeout: 1000 });
    try {
      await client.bind(dn, password);
      return true;
    } catch {
      await sleep(50);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
  return false;
}

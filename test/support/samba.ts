// A real Samba Active Directory domain controller for the tests, provisioned in a fresh temporary
// directory (realm CORP.EXAMPLE.TEST, NetBIOS domain CORP, base DN DC=corp,DC=example,DC=test),
// with the lab world created through Samba's own Python API (the one samba-tool uses), and only
// Samba's LDAP service running.
//
// Samba's LDAP server can listen on 389 (and 636, 3268, 3269) only: there is no port option. So
// that it never clashes with anything else on 389 (a system slapd that Debian's slapd package may
// have started, a second test run), Samba runs in a network namespace of its own, and a small
// supervisor (Python, written below) listens on a free port on the caller's 127.0.0.1 and relays
// each TCP connection to Samba's 127.0.0.1:389 inside that namespace. Clients see a plain LDAP
// server on `url`. Where a network namespace cannot be made (no CAP_SYS_ADMIN), the supervisor
// falls back to running Samba on the host's 127.0.0.1:389 (still relayed from the free port), and
// fails clearly if 389 is taken. The supervisor kills Samba and removes the temporary directory
// when its stdin closes (the test process ended, however it ended); Samba also has a parent-death
// signal and a maximum run time.
//
// Samba accepts a simple bind as a DN, a UPN (alice@corp.example.test) or CORP\alice, not as a
// bare account name: a client must turn `alice` into one of those (or bind with the DN it found).
//
// The lab world (all in CN=Users):
//   alice  AWS-111122223333-KeyAdmins, AWS-111122223333-Developers
//   bob    AWS-111122223333-Developers
//   carol  AWS-111122223333-Developers, account disabled (userAccountControl ACCOUNTDISABLE)
//   dave   Staff only
//   erin   Security (itself a member of AWS-111122223333-Auditors), AWS-444455556666-ReadOnly
//   frank  CN "O'Neil, Frank (Contractor)" (a DN that needs escaping in filters), in group
//          "Ops (Tier 2)", itself a member of AWS-111122223333-Auditors
//   gina   must change her password (pwdLastSet 0)
//   hank   account expired (accountExpires a day ago)
//   ivan   locked out (lockoutTime now; the domain's lockoutDuration is 30 minutes)
//   federa-svc  an ordinary user, the service account for searches
// Every user has mail <name>@corp.example.test, userPrincipalName <name>@corp.example.test,
// displayName "<Given> <Surname>" and department. Password complexity is off (AD's rule forbids a
// password that contains the account name, as "Alice!Passw0rd1" does).
//
// Needs the Debian packages samba, samba-ad-dc, samba-ad-provision (the AD schema files that
// `samba-tool domain provision` reads), python3-samba (pulled in by samba) and util-linux.
// Provisioning takes a few seconds, so start it once per test file.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Client } from "ldapts";

export const SAMBA_BASE_DN = "DC=corp,DC=example,DC=test";
export const SAMBA_REALM = "CORP.EXAMPLE.TEST";
export const SAMBA_DOMAIN = "CORP";
export const SAMBA_UPN_SUFFIX = "corp.example.test";

export interface SambaServer {
  /** ldap://127.0.0.1:<free port>/ (relayed to Samba's port 389). */
  url: string;
  baseDn: string;
  /** The service account's DN (CN=federa-svc,CN=Users,...). */
  bindDn: string;
  bindPassword: string;
  /** NetBIOS domain: CORP. */
  domain: string;
  realm: string;
  adminDn: string;
  adminPassword: string;
  /** Exact DNs of the lab users and groups, as Samba made them. */
  userDns: Record<string, string>;
  groupDns: Record<string, string>;
  /** Whether Samba runs in its own network namespace (false: on the host's 127.0.0.1:389). */
  networkNamespace: boolean;
  stop(): Promise<void>;
}

export interface SambaUser {
  password: string;
  givenName: string;
  sn: string;
  department: string;
  /** A CN other than the account name (the DN then needs escaping). */
  cn?: string;
  /**
   * disabled: userAccountControl ACCOUNTDISABLE; mustChangePassword: pwdLastSet 0; expired:
   * accountExpires a day ago; locked: lockoutTime now (locked for the domain's lockoutDuration,
   * 30 minutes).
   */
  state?: "disabled" | "mustChangePassword" | "expired" | "locked";
}

export const SAMBA_USERS: Record<string, SambaUser> = {
  alice: { password: "Alice!Passw0rd1", givenName: "Alice", sn: "Adams", department: "Platform" },
  bob: { password: "Bob!Passw0rd1", givenName: "Bob", sn: "Brown", department: "Engineering" },
  carol: { password: "Carol!Passw0rd1", givenName: "Carol", sn: "Clark", department: "Finance", state: "disabled" },
  dave: { password: "Dave!Passw0rd1", givenName: "Dave", sn: "Davis", department: "Sales" },
  erin: { password: "Erin!Passw0rd1", givenName: "Erin", sn: "Evans", department: "Security" },
  frank: { password: "Frank!Passw0rd1", givenName: "Frank", sn: "O'Neil", department: "Operations", cn: "O'Neil, Frank (Contractor)" },
  gina: { password: "Gina!Passw0rd1", givenName: "Gina", sn: "Green", department: "Platform", state: "mustChangePassword" },
  hank: { password: "Hank!Passw0rd1", givenName: "Hank", sn: "Hill", department: "Platform", state: "expired" },
  ivan: { password: "Ivan!Passw0rd1", givenName: "Ivan", sn: "Ivanov", department: "Platform", state: "locked" },
};

/** Groups and their direct members (account names of users or groups), created in this order. */
export const SAMBA_GROUPS: Array<[string, string[]]> = [
  ["AWS-111122223333-KeyAdmins", ["alice"]],
  ["AWS-111122223333-Developers", ["alice", "bob", "carol"]],
  ["Security", ["erin"]],
  ["Ops (Tier 2)", ["frank"]],
  ["AWS-111122223333-Auditors", ["Security", "Ops (Tier 2)"]],
  ["AWS-444455556666-ReadOnly", ["erin"]],
  ["Staff", ["dave"]],
];

const ADMIN_PASSWORD = "Admin!Passw0rd1";
const SERVICE_ACCOUNT = "federa-svc";
const SERVICE_PASSWORD = "Svc!Passw0rd1";
const PYTHON = "/usr/bin/python3"; // Debian's, which has the samba module (not a pyenv/venv one)

// Creates the lab world in sam.ldb (Samba not running yet); prints the DNs it made as JSON.
const POPULATE_PY = String.raw`
import json, sys, time
import ldb
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB

spec = json.load(sys.stdin)
lp = LoadParm()
lp.load(sys.argv[1])
db = SamDB(url=lp.private_path("sam.ldb"), session_info=system_session(), lp=lp)
domain_dn = str(db.domain_dn())

# Password complexity off (as samba-tool domain passwordsettings set --complexity=off).
m = ldb.Message(ldb.Dn(db, domain_dn))
m["pwdProperties"] = ldb.MessageElement("0", ldb.FLAG_MOD_REPLACE, "pwdProperties")
db.modify(m)

def dn_of(name):
    res = db.search(base=domain_dn, scope=ldb.SCOPE_SUBTREE,
                    expression="(sAMAccountName=%s)" % ldb.binary_encode(name), attrs=["dn"])
    if len(res) != 1:
        raise Exception("no single entry for %r" % name)
    return str(res[0].dn)

out = {"users": {}, "groups": {}}
for u in spec["users"]:
    db.newuser(u["name"], u["password"], givenname=u.get("givenName"), surname=u.get("sn"),
               mailaddress=u.get("mail"), department=u.get("department"))
    if u.get("cn"):
        old = ldb.Dn(db, dn_of(u["name"]))
        new = ldb.Dn(db, "CN=placeholder,CN=Users," + domain_dn)
        new.set_component(0, "CN", u["cn"])
        db.rename(old, new)
    out["users"][u["name"]] = dn_of(u["name"])
for g in spec["groups"]:
    db.newgroup(g["name"])
    db.add_remove_group_members(g["name"], g["members"], add_members_operation=True)
    out["groups"][g["name"]] = dn_of(g["name"])
def nt_time(unix_seconds):
    return str(int((unix_seconds + 11644473600) * 10**7))

def replace(name, attribute, value):
    m = ldb.Message(ldb.Dn(db, dn_of(name)))
    m[attribute] = ldb.MessageElement(value, ldb.FLAG_MOD_REPLACE, attribute)
    db.modify(m)

for u in spec["users"]:
    state, where = u.get("state"), "(sAMAccountName=%s)" % ldb.binary_encode(u["name"])
    if state == "disabled":
        db.disable_account(where)
    elif state == "mustChangePassword":
        db.force_password_change_at_next_login(where)
    elif state == "expired":
        replace(u["name"], "accountExpires", nt_time(time.time() - 86400))
    elif state == "locked":
        replace(u["name"], "lockoutTime", nt_time(time.time()))
    elif state:
        raise Exception("unknown state %r" % state)
print(json.dumps(out))
`;

// Runs Samba (in a new network namespace when it can) and relays 127.0.0.1:<free port> to its
// 127.0.0.1:389. argv: samba binary, smb.conf, mode (auto | netns | host), the temporary directory
// (removed when it stops). Prints one line "READY <port> <netns|host>" or "ERROR <why>"; Samba's
// own output goes to stderr. Stops Samba when its stdin closes or on SIGTERM.
const SUPERVISOR_PY = String.raw`
import ctypes, fcntl, os, shutil, signal, socket, struct, subprocess, sys, threading

samba_bin, conf, mode, workdir = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNET = 0x40000000
PR_SET_PDEATHSIG = 1
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP, IFF_RUNNING = 0x8913, 0x8914, 0x1, 0x40

def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()

# Made before unshare(): the listening socket stays in the caller's network namespace.
listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(("127.0.0.1", 0))
listener.listen(128)

netns = False
if mode in ("auto", "netns"):
    if libc.unshare(CLONE_NEWNET) == 0:
        netns = True
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        ifr = fcntl.ioctl(s, SIOCGIFFLAGS, struct.pack("16sH22x", b"lo", 0))
        flags = struct.unpack("16sH22x", ifr)[1]
        fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH22x", b"lo", flags | IFF_UP | IFF_RUNNING))
        s.close()
    elif mode == "netns":
        say("ERROR unshare(CLONE_NEWNET) failed: " + os.strerror(ctypes.get_errno()))
        sys.exit(2)
if not netns:
    # SO_REUSEADDR as Samba sets it: old TIME_WAIT connections do not count, a listener does.
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind(("127.0.0.1", 389))
        probe.listen(1)
    except OSError as e:
        why = "no network namespace could be made, and " if mode == "auto" else ""
        say("ERROR %s127.0.0.1:389 is taken (%s): stop what listens on 389, or run the tests "
            "where unshare(CLONE_NEWNET) is allowed" % (why, e))
        sys.exit(2)
    finally:
        probe.close()

def pdeath():
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)

samba = subprocess.Popen([samba_bin, "-i", "-s", conf, "--maximum-runtime=3600"],
                         stdin=subprocess.DEVNULL, stdout=sys.stderr, stderr=sys.stderr,
                         preexec_fn=pdeath)

def shutdown(code=0):
    if samba.poll() is None:
        samba.terminate()
        try:
            samba.wait(timeout=5)
        except subprocess.TimeoutExpired:
            samba.kill()
            samba.wait()
    # The test process may be gone without cleaning up: remove the provisioned domain here too.
    shutil.rmtree(workdir, ignore_errors=True)
    os._exit(code)

signal.signal(signal.SIGTERM, lambda *_: shutdown(0))
signal.signal(signal.SIGINT, lambda *_: shutdown(0))

def watch_stdin():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except OSError:
        pass
    shutdown(0)

def watch_samba():
    code = samba.wait()
    sys.stderr.write("samba exited with %s\n" % code)
    sys.stderr.flush()
    os._exit(3)

def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass

def serve(client):
    try:
        upstream = socket.create_connection(("127.0.0.1", 389), timeout=5)
        upstream.settimeout(None)
    except OSError:
        client.close()
        return
    back = threading.Thread(target=pump, args=(upstream, client), daemon=True)
    back.start()
    pump(client, upstream)
    back.join()
    client.close()
    upstream.close()

threading.Thread(target=watch_stdin, daemon=True).start()
threading.Thread(target=watch_samba, daemon=True).start()
say("READY %d %s" % (listener.getsockname()[1], "netns" if netns else "host"))
while True:
    conn, _ = listener.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
`;

function findSamba(): { samba: string; sambaTool: string } {
  const samba = ["/usr/sbin/samba", "/usr/local/samba/sbin/samba"].find((p) => existsSync(p));
  const sambaTool = ["/usr/bin/samba-tool", "/usr/local/samba/bin/samba-tool"].find((p) => existsSync(p));
  if (samba === undefined || sambaTool === undefined) {
    throw new Error("Samba AD DC not found (samba, samba-tool): install it, e.g. `apt-get install -y samba samba-ad-dc samba-ad-provision winbind`");
  }
  if (!existsSync("/usr/share/samba/setup/ad-schema")) {
    throw new Error("/usr/share/samba/setup/ad-schema not found: `samba-tool domain provision` needs the samba-ad-provision package");
  }
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} not found: Samba's Python bindings (python3-samba) need Debian's python3`);
  return { samba, sambaTool };
}

function tail(text: string): string {
  return text.length > 4000 ? `…${text.slice(-4000)}` : text;
}

async function runTool(cmd: string, args: string[], what: string, input?: string): Promise<string> {
  return await new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${what} failed (${err.message.split("\n")[0]}):\n${tail(`${stdout}${stderr}`)}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export interface StartSambaOptions {
  /** "auto" (default): a network namespace when possible; "host": Samba on 127.0.0.1:389. */
  network?: "auto" | "netns" | "host";
}

export async function startSamba(options: StartSambaOptions = {}): Promise<SambaServer> {
  const { samba, sambaTool } = findSamba();
  const dir = mkdtempSync(join(tmpdir(), "federa-samba-"));
  let supervisor: ChildProcess | undefined;
  const cleanup = async (): Promise<void> => {
    const proc = supervisor;
    if (proc !== undefined && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
      proc.stdin?.end(); // the supervisor stops Samba when its stdin closes
      proc.kill("SIGTERM");
      await Promise.race([exited, sleep(8000, undefined, { ref: false })]);
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill("SIGKILL");
        await exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const target = join(dir, "dc");
    const run = join(dir, "run");
    await runTool(
      sambaTool,
      [
        "domain",
        "provision",
        `--realm=${SAMBA_REALM}`,
        `--domain=${SAMBA_DOMAIN}`,
        "--server-role=dc",
        // SAMBA_INTERNAL creates the DomainDnsZones and ForestDnsZones partitions (the DNS service
        // itself is not run), so subtree searches from the domain root return the same search
        // references as a real AD.
        "--dns-backend=SAMBA_INTERNAL",
        "--host-ip=127.0.0.1",
        "--host-name=dc1",
        "--use-rfc2307",
        `--adminpass=${ADMIN_PASSWORD}`,
        `--targetdir=${target}`,
        "--option=interfaces = lo",
        "--option=bind interfaces only = yes",
        "--option=server services = ldap",
        `--option=pid directory = ${run}`,
        `--option=ncalrpc dir = ${join(run, "ncalrpc")}`,
        `--option=winbindd socket directory = ${join(run, "winbindd")}`,
        `--option=ntp signd socket directory = ${join(run, "ntp_signd")}`,
        `--option=log file = ${join(dir, "log", "samba.log")}`,
      ],
      "samba-tool domain provision",
    );
    // provision does not keep every --option in the smb.conf it writes: set these ourselves.
    const conf = join(target, "etc", "smb.conf");
    const extra = [
      "ldap server require strong auth = no", // simple binds over plain LDAP, as the tests do
      "tls enabled = no", // skips generating a TLS key at start (the tests use plain LDAP here)
      "server services = ldap", // no smbd, winbindd, kdc, dns, nbt, ...
    ];
    const text = readFileSync(conf, "utf8").replace(/^\s*server services\s*=.*$/m, "");
    writeFileSync(conf, text.replace(/^\[global\]$/m, `[global]\n${extra.map((line) => `\t${line}`).join("\n")}`));

    const spec = {
      users: [
        ...Object.entries(SAMBA_USERS).map(([name, u]) => ({
          name,
          password: u.password,
          givenName: u.givenName,
          sn: u.sn,
          department: u.department,
          mail: `${name}@${SAMBA_UPN_SUFFIX}`,
          cn: u.cn,
          state: u.state,
        })),
        { name: SERVICE_ACCOUNT, password: SERVICE_PASSWORD },
      ],
      groups: SAMBA_GROUPS.map(([name, members]) => ({ name, members })),
    };
    const populateFile = join(dir, "populate.py");
    writeFileSync(populateFile, POPULATE_PY);
    const made = JSON.parse(await runTool(PYTHON, [populateFile, conf], "creating the lab users and groups", JSON.stringify(spec))) as {
      users: Record<string, string>;
      groups: Record<string, string>;
    };

    const supervisorFile = join(dir, "supervisor.py");
    writeFileSync(supervisorFile, SUPERVISOR_PY);
    let output = "";
    const proc = spawn(PYTHON, [supervisorFile, samba, conf, options.network ?? "auto", dir], { stdio: ["pipe", "pipe", "pipe"] });
    supervisor = proc;
    proc.stderr.on("data", (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-20_000)));
    proc.on("error", (err) => (output += `\nspawn error: ${err.message}`));
    const ready = await new Promise<string>((resolve) => {
      let line = "";
      proc.stdout.on("data", (chunk: Buffer) => {
        line += chunk.toString("utf8");
        if (line.includes("\n")) resolve(line.split("\n")[0] ?? "");
      });
      proc.once("exit", (code, signal) => resolve(`ERROR supervisor exited ${code ?? signal}`));
    });
    const match = /^READY (\d+) (netns|host)$/.exec(ready);
    if (match === null) throw new Error(`Samba did not start: ${ready}\n${tail(output)}`);
    const url = `ldap://127.0.0.1:${match[1]}/`;
    const adminDn = `CN=Administrator,CN=Users,${SAMBA_BASE_DN}`;
    const bindDn = made.users[SERVICE_ACCOUNT];
    if (bindDn === undefined) throw new Error("the service account was not created");

    // Samba answers within a second or so; poll with a real bind until it does.
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`Samba exited while starting:\n${tail(output)}`);
      const client = new Client({ url, timeout: 3000, connectTimeout: 2000 });
      try {
        await client.bind(bindDn, SERVICE_PASSWORD);
        break;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`Samba did not answer a bind in 30 s (${String(err)}):\n${tail(output)}`);
        await sleep(100);
      } finally {
        await client.unbind().catch(() => undefined);
      }
    }

    delete made.users[SERVICE_ACCOUNT];
    let stopped: Promise<void> | undefined;
    return {
      url,
      baseDn: SAMBA_BASE_DN,
      bindDn,
      bindPassword: SERVICE_PASSWORD,
      domain: SAMBA_DOMAIN,
      realm: SAMBA_REALM,
      adminDn,
      adminPassword: ADMIN_PASSWORD,
      userDns: made.users,
      groupDns: made.groups,
      networkNamespace: match[2] === "netns",
      stop: () => (stopped ??= cleanup()),
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

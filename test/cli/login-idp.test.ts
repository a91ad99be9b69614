// `federa login` against federa's own sign-in pages: it fills the form as AD FS tools do, reads
// the SAMLResponse, and lists the roles; a wrong password is told clearly, and no password is
// ever printed.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { startFedera, type RunningFedera } from "../support/federa.ts";

let federa: RunningFedera;
before(async () => {
  federa = await startFedera();
});
after(() => federa.stop());

function federaCli(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/federa.js", ...args], { env: { ...process.env, ...options.env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}

describe("federa login, the IdP side", () => {
  it("lists alice's roles from federa's /idp page, the password read from stdin", async () => {
    const { code, stdout, stderr } = await federaCli(
      ["login", "--idp-url", `${federa.url}/idp/sso/init?sp=urn:amazon:webservices`, "-u", "alice", "--password-stdin", "--list-roles"],
      { stdin: "Alice!Passw0rd1\n" },
    );
    assert.equal(code, 0, stderr);
    assert.deepEqual(stdout.trim().split("\n").sort(), [
      "arn:aws:iam::111122223333:role/ADFS-Developers\tarn:aws:iam::111122223333:saml-provider/ADFS",
      "arn:aws:iam::111122223333:role/ADFS-KeyAdmins\tarn:aws:iam::111122223333:saml-provider/ADFS",
    ]);
  });

  it("works through AD FS's sign-on page, the password from an environment variable", async () => {
    const { code, stdout, stderr } = await federaCli(
      ["login", "--idp-url", `${federa.url}/adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=urn:amazon:webservices`, "-u", "CORP\\erin", "--password-env", "ERIN_PASSWORD", "--list-roles"],
      { env: { ERIN_PASSWORD: "Erin!Passw0rd1" } },
    );
    assert.equal(code, 0, stderr);
    assert.equal(stdout.trim().split("\n").length, 2);
    assert.match(stdout, /444455556666:role\/ADFS-ReadOnly/);
  });

  it("asks the federa it signed in to for the credentials when no --sts-endpoint is given", async () => {
    const { code, stdout, stderr } = await federaCli(["login", "--idp-url", `${federa.url}/idp/sso/init`, "-u", "bob", "--password-stdin", "-o", "env"], { stdin: "Bob!Passw0rd1\n" });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /AWS_ACCESS_KEY_ID=ASIA/);
  });

  it("says STS could not be reached, and where, when the sign-in worked but STS does not answer", async () => {
    const { code, stderr } = await federaCli(["login", "--idp-url", `${federa.url}/idp/sso/init`, "-u", "bob", "--password-stdin", "--sts-endpoint", "http://127.0.0.1:1", "-o", "env"], { stdin: "Bob!Passw0rd1\n" });
    assert.notEqual(code, 0);
    assert.match(stderr, /signed in, but no STS answers at http:\/\/127\.0\.0\.1:1 \(--sts-endpoint\)/);
    assert.equal(stderr.includes("Bob!Passw0rd1"), false);
  });

  it("says the sign-in failed for a wrong password, and prints no password", async () => {
    const { code, stdout, stderr } = await federaCli(
      ["login", "--idp-url", `${federa.url}/idp/sso/init`, "-u", "alice", "--password-stdin", "--list-roles"],
      { stdin: "Wrong-Secret-123\n" },
    );
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.match(stderr, /Sign-in failed \(HTTP 401\): Incorrect user name or password/);
    assert.doesNotMatch(stderr, /Wrong-Secret-123/);
  });

  it("refuses to run without a password source when not in a terminal", async () => {
    const { code, stderr } = await federaCli(["login", "--idp-url", `${federa.url}/idp/sso/init`, "-u", "alice", "--list-roles"]);
    assert.equal(code, 1);
    assert.match(stderr, /no password: use --password-stdin, --password-env NAME/);
  });
});

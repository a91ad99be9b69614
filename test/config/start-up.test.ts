// Configuration and start-up as an operator meets them: the CLI, environment variables, a bad
// option named by its path, the signing key kept across restarts, test-only keys refused,
// graceful shutdown on SIGTERM.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, resolveConfig } from "../../src/config/index.ts";
import { ConfigError } from "../../src/shared/index.ts";
import { startFedera } from "../support/federa.ts";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "federa-config-"));
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/federa.js", ...args], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("configuration", () => {
  it("names a bad option by its path", () => {
    assert.throws(() => resolveConfig({ directory: { type: "ldap", url: "http://dc1", baseDn: "DC=x" } }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /directory\.url: must be an ldap:\/\/ or ldaps:\/\/ URL/);
      return true;
    });
    assert.throws(() => resolveConfig({ idp: { sessionDurationSeconds: 60 } }), /idp\.sessionDurationSeconds/);
    assert.throws(() => resolveConfig({ prot: 1 }), /prot/);
  });

  it("reads YAML files and environment variables, flags winning", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "federa.yaml"), "port: 5000\nlogLevel: warn\nidp:\n  sessionMinutes: 30\n");
    const config = loadConfig({
      configFile: join(dir, "federa.yaml"),
      env: { FEDERA_PORT: "6000", FEDERA_DATA_DIR: join(dir, "data") },
      overrides: { port: 7000 },
    });
    assert.equal(config.port, 7000);
    assert.equal(config.logLevel, "warn");
    assert.equal(config.idp.sessionMinutes, 30);
    assert.equal(config.dataDir, join(dir, "data"));
    assert.equal(config.publicUrl, "http://127.0.0.1:7000");
    const fromEnv = loadConfig({ env: { FEDERA_CONFIG: join(dir, "federa.yaml"), FEDERA_PORT: "6000", FEDERA_LOG_LEVEL: "debug" } });
    assert.equal(fromEnv.port, 6000);
    assert.equal(fromEnv.logLevel, "debug");
    rmSync(dir, { recursive: true });
  });

  it("refuses a port that is not a number", () => {
    assert.throws(() => loadConfig({ env: { FEDERA_PORT: "http" } }), /FEDERA_PORT: expected a port number/);
  });
});

describe("the IdP signing key", () => {
  it("is created on first start (RSA 2048, private key readable by its owner only) and kept", async () => {
    const dataDir = tempDir();
    const first = await startFedera({}, { dataDir });
    const metadata1 = await (await fetch(`${first.url}/idp/metadata`)).text();
    await first.stop();
    const keyMode = statSync(join(dataDir, "idp-signing-key.pem")).mode & 0o777;
    assert.equal(keyMode, 0o600);
    const cert = readFileSync(join(dataDir, "idp-signing-cert.pem"), "utf8");
    const second = await startFedera({}, { dataDir });
    const metadata2 = await (await fetch(`${second.url}/idp/metadata`)).text();
    await second.stop();
    const certOf = (xml: string) => /<(?:ds:)?X509Certificate>([^<]+)</.exec(xml)![1];
    assert.equal(certOf(metadata1), certOf(metadata2));
    assert.ok(cert.includes(certOf(metadata1)!.slice(0, 40)));
    rmSync(dataDir, { recursive: true });
  });

  it("refuses the test-only keys under certs/ outside development mode", async () => {
    const idp = { signingKeyFile: "certs/test-idp-signing-key.pem", signingCertFile: "certs/test-idp-signing-cert.pem" };
    await assert.rejects(startFedera({ idp }), /test-only material under certs\/; it is refused unless mode is "development"/);
    const dev = await startFedera({ idp, mode: "development" });
    await dev.stop();
  });

  it("publishes the next signing certificate ahead of the switch", async () => {
    const federa = await startFedera({
      mode: "development",
      idp: {
        signingKeyFile: "certs/test-idp-signing-key.pem",
        signingCertFile: "certs/test-idp-signing-cert.pem",
        nextSigningCertFile: "certs/test-idp-next-signing-cert.pem",
      },
    });
    const metadata = await (await fetch(`${federa.url}/idp/metadata`)).text();
    await federa.stop();
    assert.equal([...metadata.matchAll(/<(?:ds:)?X509Certificate>/g)].length, 2);
  });

  it("stops start-up on a claim rule set that does not parse, with its line and column", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.rules"), 'c:[Type == "x"]\n => issue(Type = "y", Value = c.Value)\n\nc:[Type == "z"] issue(claim = c);\n');
    await assert.rejects(
      startFedera({ serviceProviders: [{ entityId: "urn:example:sp", acsUrl: "https://sp.example.test/acs", recipient: "https://sp.example.test/acs", audience: "urn:example:sp", claimRules: join(dir, "bad.rules") }] }),
      /serviceProviders\.0\.claimRules: .*line 4, column \d+/,
    );
    rmSync(dir, { recursive: true });
  });
});

describe("the federa command", () => {
  it("explains every option in federa start --help", async () => {
    const { code, stdout } = await runCli(["start", "--help"]);
    assert.equal(code, 0);
    for (const option of ["--config", "--port", "--data-dir", "--host", "--public-url", "--log-level", "--mode", "FEDERA_PORT", "FEDERA_DATA_DIR", "FEDERA_CONFIG", "FEDERA_LOG_LEVEL"]) {
      assert.ok(stdout.includes(option), `--help mentions ${option}`);
    }
  });

  it("exits with the option's path on a bad configuration file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ directory: { type: "ldap", url: "ldap://x", baseDn: "" } }));
    const { code, stderr } = await runCli(["start", "--config", join(dir, "bad.json")]);
    assert.equal(code, 2);
    assert.match(stderr, /directory\.baseDn/);
    rmSync(dir, { recursive: true });
  });

  it("starts, serves /health, writes JSON logs, and stops gracefully on SIGTERM", async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ["bin/federa.js", "start", "--port", "0", "--data-dir", dir], { env: { ...process.env, FEDERA_LOG_LEVEL: "info" } });
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        out += d;
        const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.on("exit", () => reject(new Error(`exited early: ${out}`)));
    });
    const health = await fetch(`${url}/health`);
    assert.equal(health.status, 200);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    assert.equal(await exited, 0);
    const lines = out.trim().split("\n").map((line) => JSON.parse(line));
    assert.ok(lines.some((l) => l.event === "server.started"));
    assert.ok(lines.some((l) => l.event === "server.stopped"));
    rmSync(dir, { recursive: true });
  });
});

describe("graceful shutdown", () => {
  it("lets logins in flight finish before the directory and the store close", async () => {
    const { Browser, readForm, samlResponseOf } = await import("../support/browser.ts");
    const federa = await startFedera();
    const browser = new Browser(federa.url);
    const form = readForm((await browser.get("/idp/sso/init")).html);
    // Three failures make bob's next attempts wait 250 ms (throttling): they are surely in flight.
    for (let i = 0; i < 3; i++) assert.equal((await browser.submit(form, { username: "bob", password: "wrong" })).status, 401);
    const logins = Array.from({ length: 6 }, () => browser.submit(form, { username: "bob", password: "Bob!Passw0rd1" }));
    await new Promise((resolve) => setTimeout(resolve, 120));
    const stopped = federa.stop();
    const pages = await Promise.all(logins);
    await stopped;
    for (const page of pages) {
      assert.equal(page.status, 200);
      assert.ok(samlResponseOf(page).xml.includes("ADFS-Developers"));
    }
    await assert.rejects(fetch(`${federa.url}/health`));
  });
});

// Helpers for the directory tests: the lab world's LDIF, the embedded server's client config,
// LDAP servers that misbehave (a closed port, a server that never answers), the ldap-utils
// command-line tools, a logger whose output can be inspected, and a throwaway TLS certificate.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { LdapDirectoryConfig } from "../../src/config/index.ts";
import { embeddedClientConfig as federaEmbeddedClientConfig, type EmbeddedServer } from "../../src/directory/index.ts";
import { createLogger, type Logger } from "../../src/shared/index.ts";

export const REPO_ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const FIXTURE_LDIF = join(REPO_ROOT, "fixtures", "directory.ldif");
export const BASE_DN = "DC=corp,DC=example,DC=test";

export const PASSWORDS: Record<string, string> = {
  alice: "Alice!Passw0rd1",
  bob: "Bob!Passw0rd1",
  carol: "Carol!Passw0rd1",
  dave: "Dave!Passw0rd1",
  erin: "Erin!Passw0rd1",
  frank: "Frank!Passw0rd1",
  grace: "Grace!Passw0rd1",
  heidi: "Heidi!Passw0rd1",
};

/** Client settings for the embedded server, as createDirectory uses them; override what a test needs. */
export function embeddedClientConfig(server: Pick<EmbeddedServer, "url">, overrides: Partial<LdapDirectoryConfig> = {}): LdapDirectoryConfig {
  return federaEmbeddedClientConfig({ url: server.url, baseDn: BASE_DN }, { timeoutMs: 2000, ...overrides });
}

/** A logger that keeps every line it writes, to check that no secret reached the log. */
export function capturingLogger(): { logger: Logger; output: () => string } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString("utf8"));
      done();
    },
  });
  return { logger: createLogger("debug", sink), output: () => chunks.join("") };
}

/** A loopback port with nobody listening on it (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** A TCP server that accepts connections and reads everything, but never answers. */
export async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("data", () => undefined);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `ldap://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of Debian's ldap-utils (ldapsearch, ldapwhoami, ldapmodify, …). */
export function ldapTool(tool: string, args: string[], input?: string): Promise<ToolResult> {
  return new Promise((done) => {
    const child = execFile(`/usr/bin/${tool}`, args, { timeout: 10_000, env: { ...process.env, LDAPTLS_REQCERT: "never" } }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? ((err as { code: number }).code) : -1) : 0;
      done({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** A throwaway self-signed certificate for 127.0.0.1 and localhost (openssl). */
export async function selfSignedCertificate(): Promise<{ key: string; cert: string; certPath: string }> {
  const dir = mkdtempSync(join(tmpdir(), "federa-ldap-tls-"));
  const keyPath = join(dir, "key.pem");
  const certPath = join(dir, "cert.pem");
  await new Promise<void>((done, fail) =>
    execFile(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyPath, "-out", certPath, "-days", "2",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
      (err) => (err ? fail(err) : done()),
    ),
  );
  return { key: readFileSync(keyPath, "utf8"), cert: readFileSync(certPath, "utf8"), certPath };
}

// A directory that does not answer: the user gets a clear 503 page with a retry, never a crash
// or a hung request, and federa keeps serving.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { Browser, readForm } from "../support/browser.ts";

let silent: Server;
const sockets: Socket[] = [];
let silentPort: number;
let closedPort: number;

before(async () => {
  // Accepts connections and never says a word.
  silent = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentPort = (silent.address() as { port: number }).port;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
after(async () => {
  sockets.forEach((s) => s.destroy());
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

async function attempt(port: number) {
  const federa: RunningFedera = await startFedera({
    directory: { type: "ldap", url: `ldap://127.0.0.1:${port}`, baseDn: "DC=corp,DC=example,DC=test", bindDn: "CN=federa-svc,CN=Users,DC=corp,DC=example,DC=test", bindPassword: "x", timeoutMs: 800 },
  });
  try {
    const browser = new Browser(federa.url);
    const form = readForm((await browser.get("/idp/sso/init")).html);
    const started = Date.now();
    const page = await browser.submit(form, { username: "alice", password: "Alice!Passw0rd1" });
    const elapsed = Date.now() - started;
    const retry = /<a href="([^"]+)" id="retry">/.exec(page.html)?.[1];
    const retried = retry ? await browser.get(retry.replace(/&amp;/g, "&")) : undefined;
    const health = await fetch(`${federa.url}/health`);
    return { page, elapsed, retried, health: health.status };
  } finally {
    await federa.stop();
  }
}

describe("a directory that does not answer", () => {
  it("refusing connections: a 503 page with a retry that leads back to the form", async () => {
    const { page, retried, health } = await attempt(closedPort);
    assert.equal(page.status, 503);
    assert.equal(page.headers.get("retry-after"), "5");
    assert.match(page.html, /The directory is not answering/);
    assert.doesNotMatch(page.html, /Alice!Passw0rd1/);
    assert.equal(retried?.status, 200);
    assert.ok(readForm(retried!.html).fields.state, "the retry shows the sign-in form again");
    assert.equal(health, 200);
  });

  it("accepting connections but silent: a 503 page within the timeout, not a hung request", async () => {
    const { page, elapsed, health } = await attempt(silentPort);
    assert.equal(page.status, 503);
    assert.ok(elapsed < 10_000, `answered in ${elapsed} ms`);
    assert.equal(health, 200);
  });
});

// Replay protection kept in the store: an assertion used once is refused while it is still valid,
// also after federa restarts on the same data directory, and also when two uses race.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { STSClient, AssumeRoleWithSAMLCommand } from "@aws-sdk/client-sts";
import { openSqliteStore } from "../../src/store/index.ts";
import { StoreReplayCache } from "../../src/sts/index.ts";
import { startFedera } from "../support/federa.ts";
import { Browser, readForm, samlResponseOf } from "../support/browser.ts";

const PROVIDER = "arn:aws:iam::111122223333:saml-provider/ADFS";
const DEVELOPERS = "arn:aws:iam::111122223333:role/ADFS-Developers";

describe("the store's record of used assertions", () => {
  const dir = mkdtempSync(join(tmpdir(), "federa-replay-"));
  const path = join(dir, "federa.db");
  const now = new Date("2026-11-29T10:00:00Z");
  const until = new Date(now.getTime() + 5 * 60_000);

  it("refuses an assertion the second time while it is valid, and takes it again once it is not", async () => {
    const store = openSqliteStore(path);
    try {
      const cache = new StoreReplayCache(store.usedAssertions);
      assert.equal(await cache.seen("issuer\n_a1", until, now), false);
      assert.equal(await cache.seen("issuer\n_a1", until, new Date(now.getTime() + 1000)), true);
      assert.equal(await cache.seen("other-issuer\n_a1", until, now), false, "another issuer's ID is its own");
      const later = new Date(until.getTime() + 1);
      assert.equal(await cache.seen("issuer\n_a1", new Date(later.getTime() + 60_000), later), false, "expired: no longer remembered");
      assert.equal(await cache.seen("issuer\n_a1", new Date(later.getTime() + 60_000), later), true);
    } finally {
      await store.close();
    }
  });

  it("remembers what was used before the store was closed and opened again", async () => {
    const first = openSqliteStore(path);
    await new StoreReplayCache(first.usedAssertions).seen("issuer\n_kept", until, now);
    await first.close();
    const second = openSqliteStore(path);
    try {
      assert.equal(await new StoreReplayCache(second.usedAssertions).seen("issuer\n_kept", until, now), true);
    } finally {
      await second.close();
    }
  });

  it("keeps a use recorded while another call's transaction is open, when that transaction rolls back", async () => {
    const store = openSqliteStore(path);
    try {
      let recorded: Promise<boolean> | undefined;
      const rolledBack = store.kms.transaction(async () => {
        // Another request uses an assertion while this transaction waits on something.
        recorded = new StoreReplayCache(store.usedAssertions).seen("issuer\n_during", until, now);
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error("the call failed");
      });
      await assert.rejects(rolledBack, /the call failed/);
      assert.equal(await recorded, false);
      assert.equal(await new StoreReplayCache(store.usedAssertions).seen("issuer\n_during", until, now), true, "the use outlived the rollback");
    } finally {
      await store.close();
    }
  });

  it("lets exactly one of two racing uses through, and purges only what has expired", async () => {
    const store = openSqliteStore(path);
    const other = openSqliteStore(path);
    try {
      const uses = await Promise.all([new StoreReplayCache(store.usedAssertions).seen("issuer\n_race", until, now), new StoreReplayCache(other.usedAssertions).seen("issuer\n_race", until, now)]);
      assert.deepEqual(uses.sort(), [false, true]);
      await store.usedAssertions.record("issuer\n_short", new Date(now.getTime() + 1000), now);
      assert.equal(await store.usedAssertions.purgeExpired(new Date(now.getTime() + 2000)), 1);
      assert.equal(await new StoreReplayCache(store.usedAssertions).seen("issuer\n_race", until, now), true, "still valid: kept");
    } finally {
      await other.close();
      await store.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("AssumeRoleWithSAML across a restart", () => {
  it("refuses an assertion used before federa restarted on the same data directory", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "federa-replay-restart-"));
    // A fixed URL, so that the IdP's issuer (and the ADFS provider made from it) stays the same.
    const port = await freePort();
    const overrides = { port, publicUrl: `http://127.0.0.1:${port}` };
    const assume = (url: string, assertion: string) =>
      new STSClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "unused", secretAccessKey: "unused" } }).send(
        new AssumeRoleWithSAMLCommand({ RoleArn: DEVELOPERS, PrincipalArn: PROVIDER, SAMLAssertion: assertion }),
      );
    try {
      const first = await startFedera(overrides, { dataDir });
      let assertion: string;
      try {
        const browser = new Browser(first.url);
        const form = readForm((await browser.get("/idp/sso/init?sp=urn:amazon:webservices")).html);
        assertion = samlResponseOf(await browser.submit(form, { username: "bob", password: "Bob!Passw0rd1" })).base64;
        const used = await assume(first.url, assertion);
        assert.match(used.Credentials?.AccessKeyId ?? "", /^ASIA/);
      } finally {
        await first.stop();
      }
      const second = await startFedera(overrides, { dataDir });
      try {
        await assert.rejects(assume(second.url, assertion), (error: Error & { name: string }) => {
          // The SDK's class for STS's InvalidIdentityToken code.
          assert.equal(error.name, "InvalidIdentityTokenException");
          assert.match(error.message, /already been used/);
          return true;
        });
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

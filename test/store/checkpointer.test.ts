// WAL checkpoints on their own thread (src/store/sqlite/checkpointer.ts): the WAL is folded into
// the database file while the store keeps writing, and closing the store leaves a database that
// another connection reads whole, with nothing left in the WAL.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openSqliteStore } from "../../src/store/index.ts";

const walBytes = (path: string) => {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
};

describe("WAL checkpoints", () => {
  it("fold the WAL into the database file while the store writes; a closed store leaves it whole", async () => {
    const dir = mkdtempSync(join(tmpdir(), "federa-checkpoint-"));
    const path = join(dir, "federa.db");
    try {
      const store = openSqliteStore(path);
      const before = statSync(path).size;
      // Enough IdP sessions to pass SQLite's automatic threshold (1,000 pages) several times over.
      for (let i = 0; i < 20_000; i++) {
        await store.idpSessions.create({
          idHash: String(i).padStart(64, "0"),
          username: `user${i}`,
          userDn: `CN=user${i},OU=${"x".repeat(200)},DC=corp,DC=example,DC=test`,
          authnInstant: new Date(),
          expiresAt: new Date(Date.now() + 3600_000),
          sessionIndex: `_${i}`,
        });
      }
      // The thread checkpoints every second.
      const deadline = Date.now() + 10_000;
      while (statSync(path).size <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.ok(statSync(path).size > before, "the WAL was checkpointed into the database file");
      await store.close();

      const reader = new Database(path, { readonly: true });
      try {
        assert.equal((reader.prepare("SELECT count(*) AS n FROM idp_sessions").get() as { n: number }).n, 20_000);
      } finally {
        reader.close();
      }
      assert.ok(walBytes(path) === 0, "nothing is left in the WAL after a clean close");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

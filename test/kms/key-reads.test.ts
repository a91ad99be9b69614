// The SQLite store's key reads outside transactions reuse the key's parsed document while nothing
// can have changed it, and never longer: a change made through this connection (in a transaction
// or not, committed or rolled back) or through any other connection of this process shows at the
// next read, one made by another process by the next turn of the event loop. The shared documents
// are frozen; reads inside a transaction get their own copy.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { openSqliteStore, type KmsKeyRow, type Store } from "../../src/store/index.ts";
import { SQLITE_MIGRATIONS } from "../../src/store/sqlite/migrations.ts";

const dirs: string[] = [];
const stores: Store[] = [];
after(async () => {
  for (const store of stores) await store.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), "federa-key-reads-"));
  dirs.push(dir);
  return join(dir, "federa.db");
}

function open(path: string): Store {
  const store = openSqliteStore(path);
  stores.push(store);
  return store;
}

const KEY = "1234abcd-12ab-34cd-56ef-1234567890ab";

function keyRow(state: string, description = "a key"): KmsKeyRow {
  return { keyId: KEY, accountId: "111122223333", region: "us-east-1", deletionAt: undefined, nextRotationAt: undefined, document: { keyId: KEY, state, description, rotation: { enabled: false } } };
}

const stateOf = async (store: Store) => ((await store.kms.getKey(KEY))?.document as { state: string } | undefined)?.state;

describe("key reads", () => {
  test("a change through this connection shows at once, committed or rolled back", async () => {
    const store = open(dbPath());
    await store.kms.putKey(keyRow("Enabled"));
    assert.equal(await stateOf(store), "Enabled");
    assert.equal(await stateOf(store), "Enabled");
    await store.kms.putKey(keyRow("Disabled"));
    assert.equal(await stateOf(store), "Disabled");
    await store.kms.transaction(async (tx) => {
      await tx.putKey(keyRow("Enabled"));
    });
    assert.equal(await stateOf(store), "Enabled");
    await assert.rejects(
      store.kms.transaction(async (tx) => {
        await tx.putKey(keyRow("PendingDeletion"));
        throw new Error("changed my mind");
      }),
      /changed my mind/,
    );
    assert.equal(await stateOf(store), "Enabled");
    await store.kms.deleteKey(KEY);
    assert.equal(await store.kms.getKey(KEY), undefined);
  });

  test("a change through another connection shows at the next read", async () => {
    const path = dbPath();
    const server = open(path);
    const other = open(path);
    await server.kms.putKey(keyRow("Enabled"));
    assert.equal(await stateOf(server), "Enabled");
    await other.kms.putKey(keyRow("Disabled"));
    assert.equal(await stateOf(server), "Disabled");
    // A commit elsewhere that leaves the key alone: the same document as before.
    const before = await server.kms.getKey(KEY);
    await other.kms.putKey({ ...keyRow("Enabled"), keyId: "other-key", document: {} });
    assert.equal(await server.kms.getKey(KEY), before);
    await other.kms.deleteKey(KEY);
    assert.equal(await server.kms.getKey(KEY), undefined);
  });

  test("another connection's transaction shows at the next read after it commits, within the same turn", async () => {
    const path = dbPath();
    const server = open(path);
    const other = open(path);
    await server.kms.putKey(keyRow("Enabled"));
    await other.kms.transaction(async (tx) => {
      await tx.putKey(keyRow("Disabled"));
      assert.equal(await stateOf(server), "Enabled", "not committed yet");
    });
    assert.equal(await stateOf(server), "Disabled");
  });

  test("a change made by another process shows once the event loop has turned", async () => {
    const path = dbPath();
    const server = open(path);
    await server.kms.putKey(keyRow("Enabled"));
    assert.equal(await stateOf(server), "Enabled");
    const disable = `
      const Database = require("better-sqlite3");
      const db = new Database(process.argv[1]);
      db.prepare("UPDATE kms_keys SET document = ? WHERE key_id = ?").run(process.argv[2], process.argv[3]);
      db.close();`;
    await promisify(execFile)(process.execPath, ["-e", disable, path, JSON.stringify(keyRow("Disabled").document), KEY]);
    assert.equal(await stateOf(server), "Disabled");
  });

  test("a data directory made before the key change count is upgraded, its keys kept, and changes elsewhere still show", async () => {
    const path = dbPath();
    // The store as federa made it before migration 6, with a key in it.
    const earlier = new Database(path);
    earlier.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
    for (const migration of SQLITE_MIGRATIONS.filter((m) => m.version <= 5)) {
      earlier.exec(migration.sql);
      earlier.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(migration.version, migration.name, Date.now());
    }
    earlier
      .prepare("INSERT INTO kms_keys (key_id, account_id, region, deletion_at, next_rotation_at, document) VALUES (?, ?, ?, NULL, NULL, ?)")
      .run(KEY, "111122223333", "us-east-1", JSON.stringify(keyRow("Enabled").document));
    earlier.close();

    const server = open(path);
    assert.equal(await stateOf(server), "Enabled");
    const other = open(path);
    await other.kms.putKey(keyRow("Disabled"));
    assert.equal(await stateOf(server), "Disabled");
    await other.kms.deleteKey(KEY);
    assert.equal(await server.kms.getKey(KEY), undefined);
  });

  test("shared documents are frozen; a transaction's reads are its own to change", async () => {
    const store = open(dbPath());
    await store.kms.putKey(keyRow("Enabled"));
    const shared = (await store.kms.getKey(KEY))!.document as { state: string; rotation: { enabled: boolean } };
    assert.throws(() => {
      shared.state = "Disabled";
    }, TypeError);
    assert.throws(() => {
      shared.rotation.enabled = true;
    }, TypeError);
    await store.kms.transaction(async (tx) => {
      const own = (await tx.getKey(KEY))!.document as { state: string };
      own.state = "Disabled";
      assert.equal(Object.isFrozen(own), false);
    });
    assert.equal(await stateOf(store), "Enabled");
  });
});

// The store's audit rows: written by a thread of their own for a database file (in order, each
// append resolved once committed, every value as given, whatever characters it holds), in-thread
// for an in-memory database; close() lets nothing pending go.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore, type AuditEventRow } from "../../src/store/index.ts";

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), "federa-audit-store-"));
  dirs.push(dir);
  return join(dir, "federa.db");
}

function row(n: number, over: Partial<AuditEventRow> = {}): AuditEventRow {
  return {
    eventId: `event-${n}`,
    eventTime: new Date(Date.parse("2026-11-28T21:00:00Z") + n * 1000),
    eventSource: "kms.amazonaws.com",
    eventName: `Op${n}`,
    accountId: "111122223333",
    principalArn: "arn:aws:iam::111122223333:root",
    errorCode: undefined,
    document: { n, text: `event ${n}` },
    ...over,
  };
}

describe("the SQLite audit repository", () => {
  test("keeps every append, in order, with its values as given", async () => {
    const path = dbPath();
    const store = openSqliteStore(path);
    try {
      const odd = "arn:aws:iam::111122223333:user/a\u0000b\u0001c\u0002d";
      await Promise.all([
        store.audit.appendMany([row(1), row(2, { errorCode: "AccessDeniedException", principalArn: undefined })]),
        store.audit.append(row(3, { principalArn: odd, document: { quote: '"\\', nested: { list: [1, null, "x"] } } })),
        store.audit.appendMany([row(4, { documentJson: JSON.stringify({ given: "as is" }) })]),
      ]);
      const listed = await store.audit.list({});
      assert.deepEqual(listed.map((r) => r.eventName), ["Op4", "Op3", "Op2", "Op1"]);
      assert.equal(listed[1]!.principalArn, odd);
      assert.deepEqual(listed[1]!.document, { quote: '"\\', nested: { list: [1, null, "x"] } });
      assert.equal(listed[2]!.principalArn, undefined);
      assert.equal(listed[2]!.errorCode, "AccessDeniedException");
      assert.equal(listed[3]!.eventTime.toISOString(), "2026-11-28T21:00:01.000Z");
      assert.deepEqual(listed[0]!.document, { given: "as is" });
    } finally {
      await store.close();
    }
  });

  test("a failing append rejects with the store's error code and the next ones still land", async () => {
    const store = openSqliteStore(dbPath());
    try {
      await store.audit.append(row(1));
      await assert.rejects(store.audit.appendMany([row(2), row(1)]), { code: "SQLITE_CONSTRAINT_UNIQUE" });
      await store.audit.append(row(3));
      assert.deepEqual((await store.audit.list({})).map((r) => r.eventName), ["Op3", "Op1"]);
    } finally {
      await store.close();
    }
  });

  test("close() writes what is pending; the rows are there for the next opening", async () => {
    const path = dbPath();
    const first = openSqliteStore(path);
    const pending = first.audit.appendMany(Array.from({ length: 200 }, (_, i) => row(i)));
    await first.close();
    await pending;
    const second = openSqliteStore(path);
    try {
      assert.equal((await second.audit.list({ limit: 1000 })).length, 200);
    } finally {
      await second.close();
    }
  });

  test("an in-memory database is written in-thread", async () => {
    const store = openSqliteStore(":memory:");
    try {
      await store.audit.appendMany([row(1), row(2)]);
      assert.deepEqual((await store.audit.list({})).map((r) => r.eventName), ["Op2", "Op1"]);
    } finally {
      await store.close();
    }
  });
});

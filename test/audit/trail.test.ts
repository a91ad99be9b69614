// The trail's sinks: each call becomes one row in the SQLite store and one JSON line in the file
// (created 0600 with its directory), in order; `services` narrows what is kept; a failing sink is
// logged and never thrown; close() waits for pending writes.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { createAuditTrail, type TrailCaller } from "../../src/audit/index.ts";
import { openSqliteStore, type AuditRepository, type Store } from "../../src/store/index.ts";
import { createLogger, type Logger } from "../../src/shared/index.ts";
import type { ApiCallRecord } from "../../src/protocol/index.ts";

const dirs: string[] = [];
const stores: Store[] = [];
after(async () => {
  for (const store of stores) await store.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "federa-audit-"));
  dirs.push(dir);
  return dir;
}

function store(dir: string): Store {
  const opened = openSqliteStore(join(dir, "federa.db"));
  stores.push(opened);
  return opened;
}

/** A logger whose JSON lines the test reads. */
function capturingLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    logger: createLogger("info", stream),
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

const root: TrailCaller = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  accountId: "111122223333",
  arn: "arn:aws:iam::111122223333:root",
  userId: "111122223333",
  principal: { type: "root" },
};

function call(operation: string, over: Partial<ApiCallRecord<TrailCaller>> = {}): ApiCallRecord<TrailCaller> {
  return {
    service: "kms",
    operation,
    caller: root,
    requestId: `req-${operation}`,
    time: new Date("2026-11-28T21:00:00Z"),
    region: "us-east-1",
    sourceIp: "127.0.0.1",
    userAgent: "test",
    secureTransport: false,
    trail: {},
    ...over,
  };
}

function jsonLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("createAuditTrail", () => {
  test("stores each event and appends it as one JSON line, in order; the file is 0600 in a new directory", async () => {
    const dir = tempDir();
    const jsonlPath = join(dir, "trail", "nested", "cloudtrail.jsonl");
    const trail = createAuditTrail({ repository: store(dir).audit, jsonlPath });
    const names = Array.from({ length: 50 }, (_, i) => `Op${i}`);
    names.forEach((name, i) => trail.onCall(call(name, { time: new Date(Date.parse("2026-11-28T21:00:00Z") + i * 1000) })));
    await trail.flush();

    const lines = jsonLines(jsonlPath);
    assert.deepEqual(lines.map((e) => e["eventName"]), names);
    assert.equal(statSync(jsonlPath).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, "trail")).mode & 0o777, 0o700);

    const listed = await trail.list({ limit: 3 });
    assert.deepEqual(listed.map((e) => e.eventName), ["Op49", "Op48", "Op47"]);
    assert.deepEqual(listed[2], lines[47]);
    const errors = await trail.list({ errorsOnly: true });
    assert.equal(errors.length, 0);
    await trail.close();
  });

  test("keeps the store's filter columns: source, name, principal, account, error", async () => {
    const dir = tempDir();
    const s = store(dir);
    const trail = createAuditTrail({ repository: s.audit, jsonlPath: join(dir, "t.jsonl") });
    trail.onCall(call("Decrypt", { error: { code: "AccessDeniedException", message: "no", status: 400 } }));
    trail.onCall(call("GetCallerIdentity", { service: "sts" }));
    await trail.flush();
    const [row] = await s.audit.list({ errorsOnly: true });
    assert.equal(row?.eventSource, "kms.amazonaws.com");
    assert.equal(row?.eventName, "Decrypt");
    assert.equal(row?.accountId, "111122223333");
    assert.equal(row?.principalArn, "arn:aws:iam::111122223333:root");
    assert.equal(row?.errorCode, "AccessDeniedException");
    assert.equal(row?.eventTime.toISOString(), "2026-11-28T21:00:00.000Z");
    assert.deepEqual((await trail.list({ eventSource: "sts.amazonaws.com" })).map((e) => e.eventName), ["GetCallerIdentity"]);
    await trail.close();
  });

  test("`services` keeps only those services' calls", async () => {
    const dir = tempDir();
    const trail = createAuditTrail({ repository: store(dir).audit, jsonlPath: join(dir, "t.jsonl"), services: ["kms"] });
    trail.onCall(call("Encrypt"));
    trail.onCall(call("GetCallerIdentity", { service: "sts" }));
    trail.onCall(call("ListRoles", { service: "iam" }));
    assert.deepEqual((await trail.list()).map((e) => e.eventName), ["Encrypt"]);
    assert.deepEqual(jsonLines(join(dir, "t.jsonl")).map((e) => e["eventName"]), ["Encrypt"]);
    await trail.close();
  });

  test("an existing file with a wider mode is narrowed to 0600 and appended to", async () => {
    const dir = tempDir();
    const jsonlPath = join(dir, "t.jsonl");
    writeFileSync(jsonlPath, '{"eventName":"Earlier"}\n');
    chmodSync(jsonlPath, 0o644);
    const trail = createAuditTrail({ repository: store(dir).audit, jsonlPath });
    trail.onCall(call("Encrypt"));
    await trail.close();
    assert.equal(statSync(jsonlPath).mode & 0o777, 0o600);
    assert.deepEqual(jsonLines(jsonlPath).map((e) => e["eventName"]), ["Earlier", "Encrypt"]);
  });

  test("a file that cannot be written is logged, the store still gets the event, and the next write tries again", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "not-a-dir"), "");
    const { logger, lines } = capturingLogger();
    const trail = createAuditTrail({ repository: store(dir).audit, jsonlPath: join(dir, "not-a-dir", "t.jsonl"), logger });
    trail.onCall(call("Encrypt"));
    trail.onCall(call("Decrypt"));
    await trail.flush();
    trail.onCall(call("GenerateDataKey"));
    await trail.flush();
    assert.deepEqual((await trail.list()).map((e) => e.eventName), ["GenerateDataKey", "Decrypt", "Encrypt"]);
    const failures = lines().filter((line) => line["event"] === "audit.write_failed");
    // One failure per batch written: at least the two flushes, each tried afresh.
    assert.ok(failures.length >= 2);
    for (const failure of failures) {
      assert.equal(failure["target"], "file");
      assert.match(String(failure["errorCode"]), /^E(EXIST|NOTDIR)$/);
    }
    await trail.close();
  });

  test("a failing store is logged and the file still gets every line", async () => {
    const dir = tempDir();
    const { logger, lines } = capturingLogger();
    const broken: AuditRepository = {
      append: async () => {
        throw Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR" });
      },
      appendMany: async () => {
        throw Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR" });
      },
      list: async () => [],
    };
    const trail = createAuditTrail({ repository: broken, jsonlPath: join(dir, "t.jsonl"), logger });
    trail.onCall(call("Encrypt"));
    trail.onCall(call("Decrypt"));
    await trail.close();
    assert.deepEqual(jsonLines(join(dir, "t.jsonl")).map((e) => e["eventName"]), ["Encrypt", "Decrypt"]);
    const failures = lines().filter((line) => line["event"] === "audit.write_failed");
    assert.deepEqual(failures.map((f) => [f["target"], f["errorCode"]]), [
      ["store", "SQLITE_IOERR"],
      ["store", "SQLITE_IOERR"],
    ]);
  });

  test("close() waits for pending writes; calls after it are not recorded", async () => {
    const dir = tempDir();
    const slow: AuditRepository & { rows: string[] } = {
      rows: [],
      async append(row) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        this.rows.push(row.eventName);
      },
      async appendMany(rows) {
        for (const row of rows) await this.append(row);
      },
      list: async () => [],
    };
    const trail = createAuditTrail({ repository: slow, jsonlPath: join(dir, "t.jsonl") });
    for (const name of ["A", "B", "C", "D"]) trail.onCall(call(name));
    await trail.close();
    assert.deepEqual(slow.rows, ["A", "B", "C", "D"]);
    trail.onCall(call("Late"));
    await trail.flush();
    assert.deepEqual(slow.rows, ["A", "B", "C", "D"]);
    assert.deepEqual(jsonLines(join(dir, "t.jsonl")).map((e) => e["eventName"]), ["A", "B", "C", "D"]);
  });

  test("a secret slipped into trail facts is scrubbed, and the log names where, never what", async () => {
    const dir = tempDir();
    const { logger, lines } = capturingLogger();
    const trail = createAuditTrail({ repository: store(dir).audit, jsonlPath: join(dir, "t.jsonl"), logger });
    trail.onCall(call("Decrypt", { trail: { requestParameters: { keyId: "k" }, responseElements: { Plaintext: "U0VDUkVULVBMQUlOVEVYVA==" } } }));
    await trail.close();
    const file = readFileSync(join(dir, "t.jsonl"), "utf8");
    assert.equal(file.includes("U0VDUkVULVBMQUlOVEVYVA=="), false);
    const warning = lines().find((line) => line["event"] === "audit.secret_redacted");
    assert.deepEqual(warning?.["paths"], ["responseElements.Plaintext"]);
    assert.equal(JSON.stringify(lines()).includes("U0VDUkVULVBMQUlOVEVYVA=="), false);
  });
});

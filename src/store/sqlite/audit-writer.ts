// The audit trail's writer thread: a worker with its own connection to the database file that
// inserts each batch of events in one transaction and acknowledges it, in the order received.
// Its source is plain CommonJS handed to the Worker as text, so it runs the same under tsx, from
// a build or in the tests, with no loader. While an append is waiting for its acknowledgement the
// worker keeps the process alive; when idle it does not.
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";

/** One event's insert parameters: id, time (ms), source, name, account, principal ARN, error code, request id, used keys (JSON), JSON. */
export type WriterRow = readonly [string, number, string, string, string, string | null, string | null, string | null, string | null, string];

export interface AuditWriter {
  /** Inserts the rows in one transaction; resolves once committed, rejects with the store's error. */
  append(rows: readonly WriterRow[]): Promise<void>;
  /** Stops the thread once the appends made so far are done. */
  close(): Promise<void>;
}

/** The thread is gone (it failed to start or died): the append's rows were not acknowledged. */
export class AuditWriterUnavailable extends Error {
  override readonly name = "AuditWriterUnavailable";
  constructor(
    message: string,
    /** The rows of the refused append, for whoever writes them instead. */
    readonly rows: readonly WriterRow[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const SOURCE = `"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("busy_timeout = 5000");
db.pragma("synchronous = NORMAL");
const insert = db.prepare(workerData.sql);
const insertAll = db.transaction((rows) => {
  for (const row of rows) insert.run(...row);
});
const NULL = "\\u0002";
function unpack(packed) {
  return packed.split("\\u0001").map((text) => {
    const row = text.split("\\u0000").map((field) => (field === NULL ? null : field));
    row[1] = Number(row[1]);
    return row;
  });
}
parentPort.on("message", (message) => {
  if (message === "close") {
    db.close();
    parentPort.close();
    return;
  }
  try {
    insertAll(typeof message.rows === "string" ? unpack(message.rows) : message.rows);
    parentPort.postMessage({ id: message.id });
  } catch (error) {
    // The trail logs only the name and code; SQLite's messages name tables and columns, never values.
    parentPort.postMessage({ id: message.id, error: { name: String(error && error.name), code: error && error.code, message: String(error && error.message) } });
  }
});
`;

const NULL = "\u0002";
const hasSeparator = (field: string) => field.indexOf("\u0000") !== -1 || field.indexOf("\u0001") !== -1 || field.indexOf(NULL) !== -1;

/**
 * Rows as one string (fields apart by U+0000, rows by U+0001, null as U+0002), which crosses to
 * the thread as one copy rather than value by value; undefined when some field holds one of those
 * characters (JSON never does; the rows then cross as they are).
 */
function pack(rows: readonly WriterRow[]): string | undefined {
  const packed: string[] = [];
  for (const row of rows) {
    const fields: string[] = [];
    for (const field of row) {
      if (field === null) fields.push(NULL);
      else if (typeof field === "number") fields.push(String(field));
      else if (hasSeparator(field)) return undefined;
      else fields.push(field);
    }
    packed.push(fields.join("\u0000"));
  }
  return packed.join("\u0001");
}

/** `pack` undone (the thread has its own copy of this, in SOURCE). */
function unpack(packed: string): WriterRow[] {
  return packed.split("\u0001").map((text) => {
    const row: (string | number | null)[] = text.split("\u0000").map((field) => (field === NULL ? null : field));
    row[1] = Number(row[1]);
    return row as unknown as WriterRow;
  });
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  /** What was sent (kept as sent: one string, usually, rather than every row's values). */
  sent: string | readonly WriterRow[];
}

type Reply = { id: number; error?: { name: string; code?: unknown; message: string } };

/** A writer for the database file at `path` running `sql` per row, or undefined when no thread can start. */
export function startAuditWriter(path: string, sql: string): AuditWriter | undefined {
  let worker: Worker;
  try {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    worker = new Worker(SOURCE, { eval: true, workerData: { path, sql, driver } });
  } catch {
    return undefined;
  }
  worker.unref();
  const waiting = new Map<number, Waiter>();
  let nextId = 0;
  let gone: AuditWriterUnavailable | undefined;
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));

  const settle = (id: number): Waiter | undefined => {
    const waiter = waiting.get(id);
    waiting.delete(id);
    if (waiting.size === 0) worker.unref();
    return waiter;
  };
  const fail = (cause: unknown, message: string) => {
    gone ??= new AuditWriterUnavailable(message, [], { cause });
    const unavailable = gone;
    for (const id of [...waiting.keys()]) {
      const waiter = settle(id);
      if (waiter) waiter.reject(new AuditWriterUnavailable(unavailable.message, typeof waiter.sent === "string" ? unpack(waiter.sent) : waiter.sent, { cause: unavailable.cause }));
    }
  };

  worker.on("message", (reply: Reply) => {
    const waiter = settle(reply.id);
    if (!reply.error) return waiter?.resolve();
    const error = Object.assign(new Error(reply.error.message), { code: reply.error.code });
    error.name = reply.error.name;
    waiter?.reject(error);
  });
  worker.on("error", (error) => fail(error, "the audit writer thread failed"));
  worker.on("exit", (code) => fail(code, "the audit writer thread has stopped"));

  return {
    append(rows) {
      if (gone) return Promise.reject(new AuditWriterUnavailable(gone.message, rows, { cause: gone.cause }));
      const sent = pack(rows) ?? rows;
      return new Promise<void>((resolve, reject) => {
        const id = nextId++;
        if (waiting.size === 0) worker.ref();
        waiting.set(id, { resolve, reject, sent });
        worker.postMessage({ id, rows: sent });
      });
    },
    async close() {
      if (!gone) {
        worker.ref();
        worker.postMessage("close");
      }
      await exited;
    },
  };
}

// The audit trail's writer thread: a worker with its own connection to the database file that
// inserts each batch of events in one transaction and acknowledges it, in the order received.
// Its source is plain CommonJS handed to the Worker as text, so it runs the same under tsx, from
// a build or in the tests, with no loader. While an append is waiting for its acknowledgement the
// worker keeps the process alive; when idle it does not.
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";

/** One event's insert parameters: id, time (ms), source, name, account, principal ARN, error code, JSON. */
export type WriterRow = readonly [string, number, string, string, string, string | null, string | null, string];

export interface AuditWriter {
  /** Inserts the rows in one transaction; resolves once committed, rejects with the store's error. */
  append(rows: readonly WriterRow[]): Promise<void>;
  /** Stops the thread once the appends made so far are done. */
  close(): Promise<void>;
}

/** The thread is gone (it failed to start or died): its appends were not acknowledged. */
export class AuditWriterUnavailable extends Error {
  override readonly name = "AuditWriterUnavailable";
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
parentPort.on("message", (message) => {
  if (message === "close") {
    db.close();
    parentPort.close();
    return;
  }
  try {
    insertAll(message.rows);
    parentPort.postMessage({ id: message.id });
  } catch (error) {
    // Names and codes only, as the trail logs them; SQLite's message names no values.
    parentPort.postMessage({ id: message.id, error: { name: String(error && error.name), code: error && error.code, message: String(error && error.message) } });
  }
});
`;

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
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
  let gone: Error | undefined;
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));

  const settle = (id: number): Waiter | undefined => {
    const waiter = waiting.get(id);
    waiting.delete(id);
    if (waiting.size === 0) worker.unref();
    return waiter;
  };
  const fail = (error: Error) => {
    gone ??= error;
    for (const id of [...waiting.keys()]) settle(id)?.reject(gone);
  };

  worker.on("message", (reply: Reply) => {
    const waiter = settle(reply.id);
    if (!reply.error) return waiter?.resolve();
    const error = Object.assign(new Error(reply.error.message), { code: reply.error.code });
    error.name = reply.error.name;
    waiter?.reject(error);
  });
  worker.on("error", (error) => fail(new AuditWriterUnavailable("the audit writer thread failed", { cause: error })));
  worker.on("exit", () => fail(new AuditWriterUnavailable("the audit writer thread has stopped")));

  return {
    append(rows) {
      if (gone) return Promise.reject(gone);
      return new Promise<void>((resolve, reject) => {
        const id = nextId++;
        if (waiting.size === 0) worker.ref();
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, rows });
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

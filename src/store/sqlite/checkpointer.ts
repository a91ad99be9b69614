// WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever commit
// finds the WAL past 1,000 pages: on the main connection that is a request's commit, which then
// copies megabytes into the database file and fsyncs it while every other request waits (tens
// of milliseconds on a slow disk). Instead the main connection never checkpoints
// (wal_autocheckpoint = 0) and a thread with a connection of its own runs a PASSIVE checkpoint
// every `intervalMs`: it copies what no reader still needs and never blocks a writer. Its source
// is plain CommonJS handed to the Worker as text (as the audit writer's). When the thread cannot
// start, or stops, the main connection checkpoints automatically again.
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import type Database from "better-sqlite3";

export interface Checkpointer {
  /** Stops the thread (after a last checkpoint); the main connection checkpoints itself again. */
  close(): Promise<void>;
}

const SOURCE = `"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("busy_timeout = 1000");
const checkpoint = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Busy or failing: the next tick tries again; the WAL only grows meanwhile.
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message !== "close") return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

const AUTOMATIC = 1000;

/** Moves the checkpoints of the file database `db` to a thread; undefined (automatic checkpoints kept) when no thread can start. */
export function startCheckpointer(db: Database.Database, intervalMs = 1000): Checkpointer | undefined {
  if (db.memory) return undefined;
  let worker: Worker;
  try {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    worker = new Worker(SOURCE, { eval: true, workerData: { path: db.name, driver, intervalMs } });
  } catch {
    return undefined;
  }
  worker.unref();
  db.pragma("wal_autocheckpoint = 0");
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  let closing = false;
  const restore = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOMATIC}`);
  };
  worker.on("error", restore);
  worker.on("exit", () => {
    if (!closing) restore();
  });
  return {
    async close() {
      closing = true;
      worker.ref();
      worker.postMessage("close");
      await exited;
    },
  };
}

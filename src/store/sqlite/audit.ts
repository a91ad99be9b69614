// The audit trail in SQLite: one row per CloudTrail event, the event itself as JSON, with the
// columns that `federa trail` filters on.
//
// Every AWS API call appends an event, so under load the trail is the store's busiest writer.
// For a database file, the inserts run on a worker thread with a connection of its own (see
// audit-writer.ts): the commits, and the WAL checkpoints with their fsyncs that every thousand
// pages of commits bring, then never stall the thread that serves requests. An append resolves
// once its transaction has committed, in the order the appends were made; `list` first waits for
// the appends made before it. In-memory databases (and a worker that cannot run) write in-thread.
import type Database from "better-sqlite3";
import type { AuditEventRow, AuditFilter, AuditRepository } from "../types.ts";
import { TransactionGate } from "./gate.ts";
import { AuditWriterUnavailable, startAuditWriter, type AuditWriter, type WriterRow } from "./audit-writer.ts";

interface EventRow {
  event_id: string;
  event_time: number;
  event_source: string;
  event_name: string;
  account_id: string;
  principal_arn: string | null;
  error_code: string | null;
  document: string;
}

const toEvent = (r: EventRow): AuditEventRow => ({
  eventId: r.event_id,
  eventTime: new Date(r.event_time),
  eventSource: r.event_source,
  eventName: r.event_name,
  accountId: r.account_id,
  principalArn: r.principal_arn ?? undefined,
  errorCode: r.error_code ?? undefined,
  document: JSON.parse(r.document),
});

/** The insert's parameters, in the order of INSERT_EVENT's columns. */
const toParameters = (e: AuditEventRow): WriterRow => [
  e.eventId,
  e.eventTime.getTime(),
  e.eventSource,
  e.eventName,
  e.accountId,
  e.principalArn ?? null,
  e.errorCode ?? null,
  e.requestId ?? null,
  e.usedKeys ? JSON.stringify(e.usedKeys) : null,
  e.documentJson ?? JSON.stringify(e.document),
];

export const INSERT_EVENT =
  "INSERT INTO audit_events (event_id, event_time, event_source, event_name, account_id, principal_arn, error_code, request_id, used_keys, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

export interface SqliteAuditRepository extends AuditRepository {
  /** Waits for the appends made so far, then stops the writer thread (the store closes it). */
  close(): Promise<void>;
}

export function sqliteAudit(db: Database.Database, gate: TransactionGate = new TransactionGate(db)): SqliteAuditRepository {
  const insert = db.prepare(INSERT_EVENT);
  const putMany = db.transaction((rows: readonly WriterRow[]) => {
    for (const row of rows) insert.run(...row);
  });
  // On this connection (in-memory stores, or after the writer thread is gone): through the
  // connection's gate, so that events never land inside another repository's open transaction
  // (and are never rolled back with the call they record).
  const inThread = (rows: readonly WriterRow[]): Promise<void> => gate.outside(() => putMany(rows));
  // Started on the first append, so a store that never audits runs no thread.
  let writer: AuditWriter | undefined;
  let threadless = db.memory;
  /** The newest append: `list` and `close` wait for it (appends complete in order). */
  let last: Promise<void> = Promise.resolve();

  /** A writer thread that is gone hands its batches, and every later one, to this thread. */
  function fallBack(error: unknown): Promise<void> {
    if (!(error instanceof AuditWriterUnavailable)) throw error;
    writer = undefined;
    threadless = true;
    return inThread(error.rows);
  }

  function write(rows: readonly WriterRow[]): Promise<void> {
    if (!threadless && !writer) {
      writer = startAuditWriter(db.name, INSERT_EVENT);
      if (!writer) threadless = true;
    }
    const appended = writer ? writer.append(rows).catch(fallBack) : inThread(rows);
    last = appended.catch(() => undefined);
    return appended;
  }

  return {
    async append(e) {
      await write([toParameters(e)]);
    },
    async appendMany(rows) {
      if (rows.length === 0) return;
      await write(rows.map(toParameters));
    },
    async list(filter: AuditFilter) {
      await last;
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (filter.eventSource !== undefined) (where.push("event_source = ?"), args.push(filter.eventSource));
      if (filter.eventName !== undefined) (where.push("event_name = ?"), args.push(filter.eventName));
      if (filter.accountId !== undefined) (where.push("account_id = ?"), args.push(filter.accountId));
      if (filter.since !== undefined) (where.push("event_time >= ?"), args.push(filter.since.getTime()));
      if (filter.until !== undefined) (where.push("event_time < ?"), args.push(filter.until.getTime()));
      if (filter.principal !== undefined) (where.push("instr(principal_arn, ?) > 0"), args.push(filter.principal));
      if (filter.errorsOnly) where.push("error_code IS NOT NULL");
      const sql = `SELECT * FROM audit_events${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY seq DESC LIMIT ?`;
      args.push(filter.limit ?? 1000);
      return gate.outside(() => (db.prepare(sql).all(...args) as EventRow[]).map(toEvent));
    },
    async close() {
      await last;
      const stopping = writer;
      writer = undefined;
      threadless = true;
      await stopping?.close();
    },
  };
}

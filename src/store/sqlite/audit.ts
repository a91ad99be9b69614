// The audit trail in SQLite: one row per CloudTrail event, the event itself as JSON, with the
// columns that `federa trail` filters on.
import type Database from "better-sqlite3";
import type { AuditEventRow, AuditFilter, AuditRepository } from "../types.ts";

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

export function sqliteAudit(db: Database.Database): AuditRepository {
  const insert = db.prepare(
    "INSERT INTO audit_events (event_id, event_time, event_source, event_name, account_id, principal_arn, error_code, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const put = (e: AuditEventRow) => insert.run(e.eventId, e.eventTime.getTime(), e.eventSource, e.eventName, e.accountId, e.principalArn ?? null, e.errorCode ?? null, JSON.stringify(e.document));
  const putMany = db.transaction((rows: readonly AuditEventRow[]) => {
    for (const row of rows) put(row);
  });
  return {
    async append(e) {
      put(e);
    },
    async appendMany(rows) {
      putMany(rows);
    },
    async list(filter: AuditFilter) {
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
      return (db.prepare(sql).all(...args) as EventRow[]).map(toEvent);
    },
  };
}

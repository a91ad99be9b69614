// The SQLite store (better-sqlite3): the zero-set-up default, one file in the data directory.
import Database from "better-sqlite3";
import type {
  IdpSessionRecord,
  IdpSessionRepository,
  LoginAttemptRecord,
  LoginAttemptRepository,
  Store,
  UsedAssertionRepository,
} from "../types.ts";
import { SQLITE_MIGRATIONS } from "./migrations.ts";
import { sqliteIam } from "./iam.ts";
import { sqliteKms } from "./kms.ts";
import { sqliteAudit } from "./audit.ts";
import { sqliteS3 } from "./s3.ts";
import { TransactionGate } from "./gate.ts";
import { startCheckpointer } from "./checkpointer.ts";

type Db = Database.Database;

export function openSqliteStore(path: string): Store {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  // WAL checkpoints on a thread of their own, not inside a request's commit.
  const checkpointer = startCheckpointer(db);
  // One gate for the connection: a repository's transaction keeps every other repository's
  // statements out until it ends (the sessions', login attempts' and used assertions' too: a
  // used assertion recorded inside another call's transaction would be rolled back with it).
  const gate = new TransactionGate(db);
  const audit = sqliteAudit(db, gate);
  return {
    kind: "sqlite",
    idpSessions: sessions(db, gate),
    usedAssertions: usedAssertions(db, gate),
    loginAttempts: attempts(db, gate),
    iam: sqliteIam(db, gate),
    kms: sqliteKms(db, gate),
    audit,
    s3: sqliteS3(db, gate),
    close: async () => {
      // The audit writer thread finishes what it was given and lets go of its connection first.
      await audit.close();
      await checkpointer?.close();
      db.close();
    },
  };
}

function migrate(db: Db): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
  const applied = new Set(db.prepare("SELECT version FROM schema_migrations").all().map((row) => (row as { version: number }).version));
  for (const migration of SQLITE_MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(migration.version, migration.name, Date.now());
    })();
  }
}

interface SessionRow {
  id_hash: string;
  username: string;
  user_dn: string;
  authn_instant: number;
  expires_at: number;
  session_index: string;
}

function sessions(db: Db, gate: TransactionGate): IdpSessionRepository {
  const insert = db.prepare(
    "INSERT INTO idp_sessions (id_hash, username, user_dn, authn_instant, expires_at, session_index) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const select = db.prepare("SELECT * FROM idp_sessions WHERE id_hash = ? AND expires_at > ?");
  const remove = db.prepare("DELETE FROM idp_sessions WHERE id_hash = ?");
  const purge = db.prepare("DELETE FROM idp_sessions WHERE expires_at <= ?");
  return {
    async create(s: IdpSessionRecord) {
      await gate.outside(() => insert.run(s.idHash, s.username, s.userDn, s.authnInstant.getTime(), s.expiresAt.getTime(), s.sessionIndex));
    },
    async get(idHash, now) {
      const row = (await gate.outside(() => select.get(idHash, now.getTime()))) as SessionRow | undefined;
      if (!row) return undefined;
      return {
        idHash: row.id_hash,
        username: row.username,
        userDn: row.user_dn,
        authnInstant: new Date(row.authn_instant),
        expiresAt: new Date(row.expires_at),
        sessionIndex: row.session_index,
      };
    },
    async delete(idHash) {
      await gate.outside(() => remove.run(idHash));
    },
    async purgeExpired(now) {
      return (await gate.outside(() => purge.run(now.getTime()))).changes;
    },
  };
}

function usedAssertions(db: Db, gate: TransactionGate): UsedAssertionRepository {
  // A conflicting row is replaced only when it has expired: `changes` is 1 when the use counts.
  const record = db.prepare(
    `INSERT INTO used_assertions (assertion_key, valid_until) VALUES (?, ?)
     ON CONFLICT (assertion_key) DO UPDATE SET valid_until = excluded.valid_until WHERE used_assertions.valid_until <= ?`,
  );
  const purge = db.prepare("DELETE FROM used_assertions WHERE valid_until <= ?");
  return {
    async record(key, validUntil, now) {
      return (await gate.outside(() => record.run(key, validUntil.getTime(), now.getTime()))).changes === 1;
    },
    async purgeExpired(now) {
      return (await gate.outside(() => purge.run(now.getTime()))).changes;
    },
  };
}

interface AttemptRow {
  username: string;
  failures: number;
  last_failure_at: number;
  locked_until: number | null;
}

function attempts(db: Db, gate: TransactionGate): LoginAttemptRepository {
  const select = db.prepare("SELECT * FROM login_attempts WHERE username = ?");
  const upsert = db.prepare(
    `INSERT INTO login_attempts (username, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)
     ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until`,
  );
  const remove = db.prepare("DELETE FROM login_attempts WHERE username = ?");
  return {
    async get(username) {
      const row = (await gate.outside(() => select.get(username))) as AttemptRow | undefined;
      if (!row) return undefined;
      return {
        username: row.username,
        failures: row.failures,
        lastFailureAt: new Date(row.last_failure_at),
        lockedUntil: row.locked_until === null ? undefined : new Date(row.locked_until),
      };
    },
    async put(r: LoginAttemptRecord) {
      await gate.outside(() => upsert.run(r.username, r.failures, r.lastFailureAt.getTime(), r.lockedUntil?.getTime() ?? null));
    },
    async clear(username) {
      await gate.outside(() => remove.run(username));
    },
  };
}

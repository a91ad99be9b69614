// Schema migrations for the SQLite store, applied in order and recorded in schema_migrations.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "idp sessions and login attempts",
    sql: `
      CREATE TABLE idp_sessions (
        id_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        user_dn TEXT NOT NULL,
        authn_instant INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        session_index TEXT NOT NULL
      );
      CREATE INDEX idp_sessions_expires ON idp_sessions (expires_at);
      CREATE TABLE login_attempts (
        username TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        last_failure_at INTEGER NOT NULL,
        locked_until INTEGER
      );
    `,
  },
];

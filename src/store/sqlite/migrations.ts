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
  {
    version: 2,
    name: "iam entities and access keys",
    sql: `
      CREATE TABLE iam_entities (
        account_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (account_id, kind, name)
      );
      CREATE TABLE access_keys (
        access_key_id TEXT PRIMARY KEY,
        secret_access_key TEXT NOT NULL,
        account_id TEXT NOT NULL,
        user_name TEXT,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX access_keys_owner ON access_keys (account_id, user_name);
    `,
  },
];

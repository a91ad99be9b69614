// Schema migrations for the SQLite store, applied in order and recorded in schema_migrations.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migration that began tracking KMS keys' last use: its time is GetKeyLastUsage's earliest TrackingStartDate. */
export const KEY_USAGE_MIGRATION = 8;

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
  {
    version: 3,
    name: "kms keys, backing keys, aliases and grants",
    sql: `
      CREATE TABLE kms_keys (
        key_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        region TEXT NOT NULL,
        deletion_at INTEGER,
        next_rotation_at INTEGER,
        document TEXT NOT NULL
      );
      CREATE INDEX kms_keys_owner ON kms_keys (account_id, region, key_id);
      CREATE INDEX kms_keys_deletion ON kms_keys (deletion_at) WHERE deletion_at IS NOT NULL;
      CREATE INDEX kms_keys_rotation ON kms_keys (next_rotation_at) WHERE next_rotation_at IS NOT NULL;
      CREATE TABLE kms_backing_keys (
        key_id TEXT NOT NULL REFERENCES kms_keys (key_id) ON DELETE CASCADE,
        backing_key_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        wrapped BLOB NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (key_id, backing_key_id)
      );
      CREATE INDEX kms_backing_keys_order ON kms_backing_keys (key_id, seq);
      CREATE TABLE kms_aliases (
        account_id TEXT NOT NULL,
        region TEXT NOT NULL,
        alias_name TEXT NOT NULL,
        target_key_id TEXT NOT NULL REFERENCES kms_keys (key_id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, region, alias_name)
      );
      CREATE INDEX kms_aliases_target ON kms_aliases (target_key_id);
      CREATE TABLE kms_grants (
        key_id TEXT NOT NULL REFERENCES kms_keys (key_id) ON DELETE CASCADE,
        grant_id TEXT NOT NULL,
        name TEXT,
        retiring_principal TEXT,
        created_at INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (key_id, grant_id)
      );
      CREATE INDEX kms_grants_order ON kms_grants (key_id, seq);
      CREATE INDEX kms_grants_retiring ON kms_grants (retiring_principal) WHERE retiring_principal IS NOT NULL;
    `,
  },
  {
    version: 4,
    name: "audit trail",
    sql: `
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        event_time INTEGER NOT NULL,
        event_source TEXT NOT NULL,
        event_name TEXT NOT NULL,
        account_id TEXT NOT NULL,
        principal_arn TEXT,
        error_code TEXT,
        document TEXT NOT NULL
      );
      CREATE INDEX audit_events_time ON audit_events (event_time);
    `,
  },
  {
    version: 5,
    name: "s3 buckets, objects, multipart uploads and parts",
    sql: `
      CREATE TABLE s3_buckets (
        name TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        region TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        policy TEXT,
        encryption TEXT
      );
      CREATE INDEX s3_buckets_owner ON s3_buckets (account_id, name);
      CREATE TABLE s3_objects (
        bucket TEXT NOT NULL REFERENCES s3_buckets (name),
        object_key TEXT NOT NULL,
        size INTEGER NOT NULL,
        etag TEXT NOT NULL,
        last_modified INTEGER NOT NULL,
        content_type TEXT NOT NULL,
        metadata TEXT NOT NULL,
        checksums TEXT NOT NULL,
        body TEXT NOT NULL,
        extra TEXT NOT NULL,
        PRIMARY KEY (bucket, object_key)
      );
      CREATE TABLE s3_uploads (
        upload_id TEXT PRIMARY KEY,
        bucket TEXT NOT NULL REFERENCES s3_buckets (name),
        object_key TEXT NOT NULL,
        initiated_at INTEGER NOT NULL,
        document TEXT NOT NULL
      );
      CREATE INDEX s3_uploads_order ON s3_uploads (bucket, object_key, initiated_at);
      CREATE TABLE s3_parts (
        upload_id TEXT NOT NULL REFERENCES s3_uploads (upload_id) ON DELETE CASCADE,
        part_number INTEGER NOT NULL,
        size INTEGER NOT NULL,
        etag TEXT NOT NULL,
        last_modified INTEGER NOT NULL,
        checksums TEXT NOT NULL,
        part TEXT NOT NULL,
        PRIMARY KEY (upload_id, part_number)
      );
    `,
  },
  {
    version: 6,
    name: "a count of kms key changes",
    // Every insert, update and delete of a key, through any connection, counts here in its own
    // transaction: a key parsed while the count stood still has not changed since.
    sql: `
      CREATE TABLE kms_key_changes (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        count INTEGER NOT NULL
      );
      INSERT INTO kms_key_changes (id, count) VALUES (1, 0);
      CREATE TRIGGER kms_key_inserted AFTER INSERT ON kms_keys BEGIN UPDATE kms_key_changes SET count = count + 1 WHERE id = 1; END;
      CREATE TRIGGER kms_key_updated AFTER UPDATE ON kms_keys BEGIN UPDATE kms_key_changes SET count = count + 1 WHERE id = 1; END;
      CREATE TRIGGER kms_key_deleted AFTER DELETE ON kms_keys BEGIN UPDATE kms_key_changes SET count = count + 1 WHERE id = 1; END;
    `,
  },
  {
    version: 7,
    name: "used saml assertions",
    // STS's replay protection, kept across restarts: an assertion (issuer and ID) used once is
    // refused until it could not be accepted anyway.
    sql: `
      CREATE TABLE used_assertions (
        assertion_key TEXT PRIMARY KEY,
        valid_until INTEGER NOT NULL
      );
      CREATE INDEX used_assertions_expiry ON used_assertions (valid_until);
    `,
  },
  {
    version: KEY_USAGE_MIGRATION,
    name: "kms keys' last use",
    // GetKeyLastUsage: each key's last successful cryptographic operation, kept as the audit
    // trail's events are stored (through any connection: the trail's writer thread inserts them).
    // Each event names the keys it used (src/audit/key-usage.ts) and its request id in columns of
    // its own, so that the trigger reads no JSON document. Tracking starts when this migration is
    // applied.
    sql: `
      ALTER TABLE audit_events ADD COLUMN request_id TEXT;
      ALTER TABLE audit_events ADD COLUMN used_keys TEXT;
      CREATE TABLE kms_key_last_usage (
        key_id TEXT PRIMARY KEY,
        operation TEXT NOT NULL,
        used_at INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        request_id TEXT
      );
      CREATE TRIGGER kms_key_used AFTER INSERT ON audit_events WHEN NEW.used_keys IS NOT NULL
      BEGIN
        INSERT INTO kms_key_last_usage (key_id, operation, used_at, event_id, request_id)
          SELECT k.value, NEW.event_name, NEW.event_time, NEW.event_id, NEW.request_id FROM json_each(NEW.used_keys) AS k WHERE true
        ON CONFLICT (key_id) DO UPDATE SET operation = excluded.operation, used_at = excluded.used_at, event_id = excluded.event_id, request_id = excluded.request_id
          WHERE excluded.used_at >= kms_key_last_usage.used_at;
      END;
      CREATE TRIGGER kms_key_usage_forgotten AFTER DELETE ON kms_keys BEGIN DELETE FROM kms_key_last_usage WHERE key_id = OLD.key_id; END;
    `,
  },
];

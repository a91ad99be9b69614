// IAM entities in SQLite: one JSON document per (account, kind, name), and access keys by id.
import type Database from "better-sqlite3";
import type { AccessKeyRecord, IamRepository } from "../types.ts";
import { TransactionGate } from "./gate.ts";

interface KeyRow {
  access_key_id: string;
  secret_access_key: string;
  account_id: string;
  user_name: string | null;
  status: "Active" | "Inactive";
  created_at: number;
}

export function sqliteIam(db: Database.Database, gate: TransactionGate = new TransactionGate(db)): IamRepository {
  const insert = db.prepare("INSERT INTO iam_entities (account_id, kind, name, document) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
  const upsert = db.prepare(
    "INSERT INTO iam_entities (account_id, kind, name, document) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, kind, name) DO UPDATE SET document = excluded.document",
  );
  const select = db.prepare("SELECT document FROM iam_entities WHERE account_id = ? AND kind = ? AND name = ?");
  const list = db.prepare("SELECT document FROM iam_entities WHERE account_id = ? AND kind = ? AND substr(name, 1, length(?)) = ? ORDER BY name");
  const remove = db.prepare("DELETE FROM iam_entities WHERE account_id = ? AND kind = ? AND name = ?");
  const putKey = db.prepare(
    `INSERT INTO access_keys (access_key_id, secret_access_key, account_id, user_name, status, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (access_key_id) DO UPDATE SET status = excluded.status`,
  );
  const getKey = db.prepare("SELECT * FROM access_keys WHERE access_key_id = ?");
  const listKeys = db.prepare("SELECT * FROM access_keys WHERE account_id = ? AND user_name IS ? ORDER BY created_at, access_key_id");
  const deleteKey = db.prepare("DELETE FROM access_keys WHERE access_key_id = ?");
  const toKey = (row: KeyRow): AccessKeyRecord => ({
    accessKeyId: row.access_key_id,
    secretAccessKey: row.secret_access_key,
    accountId: row.account_id,
    userName: row.user_name,
    status: row.status,
    createdAt: new Date(row.created_at),
  });
  let depth = 0;
  return {
    async put(accountId, kind, name, document, options = {}) {
      const json = JSON.stringify(document);
      return (options.ifAbsent ? insert : upsert).run(accountId, kind, name, json).changes > 0;
    },
    async get<T>(accountId: string, kind: string, name: string) {
      const row = select.get(accountId, kind, name) as { document: string } | undefined;
      return row ? (JSON.parse(row.document) as T) : undefined;
    },
    async list<T>(accountId: string, kind: string, prefix = "") {
      return (list.all(accountId, kind, prefix, prefix) as { document: string }[]).map((row) => JSON.parse(row.document) as T);
    },
    async delete(accountId, kind, name) {
      return remove.run(accountId, kind, name).changes > 0;
    },
    async transaction(work) {
      // better-sqlite3 transactions are synchronous; the repository's own calls are synchronous
      // underneath, so BEGIN/COMMIT around the awaited work keeps it atomic on this connection.
      // Through the connection's gate: the other repositories' statements and transactions wait
      // until it ends, rather than landing inside it (and being rolled back with it).
      if (depth > 0) return work();
      depth++;
      try {
        return await gate.run(work);
      } finally {
        depth--;
      }
    },
    async putAccessKey(key) {
      putKey.run(key.accessKeyId, key.secretAccessKey, key.accountId, key.userName, key.status, key.createdAt.getTime());
    },
    async getAccessKey(accessKeyId) {
      const row = getKey.get(accessKeyId) as KeyRow | undefined;
      return row ? toKey(row) : undefined;
    },
    async listAccessKeys(accountId, userName) {
      return (listKeys.all(accountId, userName) as KeyRow[]).map(toKey);
    },
    async deleteAccessKey(accessKeyId) {
      return deleteKey.run(accessKeyId).changes > 0;
    },
  };
}

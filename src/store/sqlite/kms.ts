// KMS state in SQLite: keys (JSON documents with the two times the schedulers look up), backing
// keys (wrapped material, in the order they were made), aliases and grants. Deleting a key
// cascades to everything of it. Multi-statement changes run through `transaction`.
import type Database from "better-sqlite3";
import type { KmsAliasRow, KmsBackingKeyRow, KmsGrantRow, KmsKeyRow, KmsRepository } from "../types.ts";
import { TransactionGate } from "./gate.ts";
import { KEY_USAGE_MIGRATION } from "./migrations.ts";

interface KeyRow {
  key_id: string;
  account_id: string;
  region: string;
  deletion_at: number | null;
  next_rotation_at: number | null;
  document: string;
}
interface BackingRow {
  key_id: string;
  backing_key_id: string;
  created_at: number;
  wrapped: Buffer;
  document: string;
}
interface AliasRow {
  account_id: string;
  region: string;
  alias_name: string;
  target_key_id: string;
  created_at: number;
  updated_at: number;
}
interface GrantRow {
  key_id: string;
  grant_id: string;
  name: string | null;
  retiring_principal: string | null;
  created_at: number;
  document: string;
}

const time = (ms: number | null): Date | undefined => (ms === null ? undefined : new Date(ms));

const toKey = (r: KeyRow): KmsKeyRow => ({
  keyId: r.key_id,
  accountId: r.account_id,
  region: r.region,
  deletionAt: time(r.deletion_at),
  nextRotationAt: time(r.next_rotation_at),
  document: JSON.parse(r.document),
});
const toBacking = (r: BackingRow): KmsBackingKeyRow => ({
  keyId: r.key_id,
  backingKeyId: r.backing_key_id,
  createdAt: new Date(r.created_at),
  wrapped: r.wrapped,
  document: JSON.parse(r.document),
});
const toAlias = (r: AliasRow): KmsAliasRow => ({
  accountId: r.account_id,
  region: r.region,
  aliasName: r.alias_name,
  targetKeyId: r.target_key_id,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});
const toGrant = (r: GrantRow): KmsGrantRow => ({
  grantId: r.grant_id,
  keyId: r.key_id,
  name: r.name ?? undefined,
  retiringPrincipal: r.retiring_principal ?? undefined,
  createdAt: new Date(r.created_at),
  document: JSON.parse(r.document),
});

/** The columns of a key row as `raw()` reads them: account, region, deletion, rotation, document. */
type KeyColumns = [string, string, number | null, number | null, string];

/**
 * Changes of kms_keys made through any connection of this process, counted as they are made and
 * again when their transaction ends: a key-change count read earlier in the same event-loop turn
 * still holds while this is unchanged.
 */
let keyWritesInProcess = 0;

/** Parsed key documents kept (the least recently parsed go first). */
const PARSED_KEY_LIMIT = 10_000;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

export function sqliteKms(db: Database.Database, gate: TransactionGate = new TransactionGate(db)): KmsRepository {
  let trackingStart: Date | undefined;
  const s = {
    insertKey: db.prepare("INSERT INTO kms_keys (key_id, account_id, region, deletion_at, next_rotation_at, document) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
    upsertKey: db.prepare(
      `INSERT INTO kms_keys (key_id, account_id, region, deletion_at, next_rotation_at, document) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (key_id) DO UPDATE SET deletion_at = excluded.deletion_at, next_rotation_at = excluded.next_rotation_at, document = excluded.document`,
    ),
    getKey: db.prepare("SELECT * FROM kms_keys WHERE key_id = ?"),
    keyChanges: db.prepare("SELECT count FROM kms_key_changes WHERE id = 1").pluck(),
    getKeyColumns: db.prepare("SELECT account_id, region, deletion_at, next_rotation_at, document FROM kms_keys WHERE key_id = ?").raw(),
    listKeys: db.prepare("SELECT * FROM kms_keys WHERE account_id = ? AND region = ? AND key_id > ? ORDER BY key_id LIMIT ?"),
    dueDeletion: db.prepare("SELECT * FROM kms_keys WHERE deletion_at IS NOT NULL AND deletion_at <= ? ORDER BY deletion_at LIMIT ?"),
    dueRotation: db.prepare("SELECT * FROM kms_keys WHERE next_rotation_at IS NOT NULL AND next_rotation_at <= ? ORDER BY next_rotation_at LIMIT ?"),
    deleteKey: db.prepare("DELETE FROM kms_keys WHERE key_id = ?"),
    addBacking: db.prepare(
      "INSERT INTO kms_backing_keys (key_id, backing_key_id, created_at, seq, wrapped, document) VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM kms_backing_keys WHERE key_id = ?), ?, ?)",
    ),
    listBacking: db.prepare("SELECT * FROM kms_backing_keys WHERE key_id = ? ORDER BY seq"),
    getBacking: db.prepare("SELECT * FROM kms_backing_keys WHERE key_id = ? AND backing_key_id = ?"),
    deleteBacking: db.prepare("DELETE FROM kms_backing_keys WHERE key_id = ?"),
    deleteOneBacking: db.prepare("DELETE FROM kms_backing_keys WHERE key_id = ? AND backing_key_id = ?"),
    insertAlias: db.prepare("INSERT INTO kms_aliases (account_id, region, alias_name, target_key_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
    upsertAlias: db.prepare(
      `INSERT INTO kms_aliases (account_id, region, alias_name, target_key_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, region, alias_name) DO UPDATE SET target_key_id = excluded.target_key_id, updated_at = excluded.updated_at`,
    ),
    getAlias: db.prepare("SELECT * FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name = ?"),
    listAliases: db.prepare("SELECT * FROM kms_aliases WHERE account_id = ? AND region = ? ORDER BY alias_name"),
    listKeyAliases: db.prepare("SELECT * FROM kms_aliases WHERE account_id = ? AND region = ? AND target_key_id = ? ORDER BY alias_name"),
    deleteAlias: db.prepare("DELETE FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name = ?"),
    upsertGrant: db.prepare(
      `INSERT INTO kms_grants (key_id, grant_id, name, retiring_principal, created_at, seq, document)
       VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM kms_grants WHERE key_id = ?), ?)
       ON CONFLICT (key_id, grant_id) DO UPDATE SET name = excluded.name, retiring_principal = excluded.retiring_principal, document = excluded.document`,
    ),
    getGrant: db.prepare("SELECT * FROM kms_grants WHERE key_id = ? AND grant_id = ?"),
    listGrants: db.prepare("SELECT * FROM kms_grants WHERE key_id = ? ORDER BY seq"),
    countGrants: db.prepare("SELECT COUNT(*) AS n FROM kms_grants WHERE key_id = ?"),
    listRetirable: db.prepare("SELECT * FROM kms_grants WHERE retiring_principal = ? ORDER BY created_at, grant_id"),
    deleteGrant: db.prepare("DELETE FROM kms_grants WHERE key_id = ? AND grant_id = ?"),
    lastUsage: db.prepare("SELECT operation, used_at, event_id, request_id FROM kms_key_last_usage WHERE key_id = ?"),
    trackingStart: db.prepare("SELECT applied_at FROM schema_migrations WHERE version = ?").pluck(),
  };

  // The statements themselves, synchronous; the public methods wait for an open transaction first.
  const direct: Omit<KmsRepository, "transaction"> = {
    async putKey(row, options = {}) {
      const args = [row.keyId, row.accountId, row.region, row.deletionAt?.getTime() ?? null, row.nextRotationAt?.getTime() ?? null, JSON.stringify(row.document)] as const;
      const changed = (options.ifAbsent ? s.insertKey : s.upsertKey).run(...args).changes > 0;
      keyWritesInProcess++;
      return changed;
    },
    async getKey(keyId) {
      const row = s.getKey.get(keyId) as KeyRow | undefined;
      return row ? toKey(row) : undefined;
    },
    async listKeys(accountId, region, afterKeyId, limit) {
      return (s.listKeys.all(accountId, region, afterKeyId ?? "", limit) as KeyRow[]).map(toKey);
    },
    async keysDueForDeletion(now, limit) {
      return (s.dueDeletion.all(now.getTime(), limit) as KeyRow[]).map(toKey);
    },
    async keysDueForRotation(now, limit) {
      return (s.dueRotation.all(now.getTime(), limit) as KeyRow[]).map(toKey);
    },
    async deleteKey(keyId) {
      const deleted = s.deleteKey.run(keyId).changes > 0;
      keyWritesInProcess++;
      return deleted;
    },
    async addBackingKey(row) {
      s.addBacking.run(row.keyId, row.backingKeyId, row.createdAt.getTime(), row.keyId, row.wrapped, JSON.stringify(row.document));
    },
    async listBackingKeys(keyId) {
      return (s.listBacking.all(keyId) as BackingRow[]).map(toBacking);
    },
    async getBackingKey(keyId, backingKeyId) {
      const row = s.getBacking.get(keyId, backingKeyId) as BackingRow | undefined;
      return row ? toBacking(row) : undefined;
    },
    async deleteBackingKeys(keyId) {
      return s.deleteBacking.run(keyId).changes;
    },
    async deleteBackingKey(keyId, backingKeyId) {
      return s.deleteOneBacking.run(keyId, backingKeyId).changes > 0;
    },
    async putAlias(row, options = {}) {
      const args = [row.accountId, row.region, row.aliasName, row.targetKeyId, row.createdAt.getTime(), row.updatedAt.getTime()] as const;
      return (options.ifAbsent ? s.insertAlias : s.upsertAlias).run(...args).changes > 0;
    },
    async getAlias(accountId, region, aliasName) {
      const row = s.getAlias.get(accountId, region, aliasName) as AliasRow | undefined;
      return row ? toAlias(row) : undefined;
    },
    async listAliases(accountId, region, targetKeyId) {
      const rows = targetKeyId === undefined ? s.listAliases.all(accountId, region) : s.listKeyAliases.all(accountId, region, targetKeyId);
      return (rows as AliasRow[]).map(toAlias);
    },
    async deleteAlias(accountId, region, aliasName) {
      return s.deleteAlias.run(accountId, region, aliasName).changes > 0;
    },
    async putGrant(row) {
      s.upsertGrant.run(row.keyId, row.grantId, row.name ?? null, row.retiringPrincipal ?? null, row.createdAt.getTime(), row.keyId, JSON.stringify(row.document));
    },
    async getGrant(keyId, grantId) {
      const row = s.getGrant.get(keyId, grantId) as GrantRow | undefined;
      return row ? toGrant(row) : undefined;
    },
    async listGrants(keyId) {
      return (s.listGrants.all(keyId) as GrantRow[]).map(toGrant);
    },
    async countGrants(keyId) {
      return (s.countGrants.get(keyId) as { n: number }).n;
    },
    async listRetirableGrants(retiringPrincipal) {
      return (s.listRetirable.all(retiringPrincipal) as GrantRow[]).map(toGrant);
    },
    async deleteGrant(keyId, grantId) {
      return s.deleteGrant.run(keyId, grantId).changes > 0;
    },
    async keyLastUsage(keyId) {
      const row = s.lastUsage.get(keyId) as { operation: string; used_at: number; event_id: string; request_id: string | null } | undefined;
      return row && { operation: row.operation, usedAt: new Date(row.used_at), eventId: row.event_id, requestId: row.request_id ?? undefined };
    },
    async usageTrackingStart() {
      // A fact of the database that never changes once the migration has run: read once.
      trackingStart ??= new Date((s.trackingStart.get(KEY_USAGE_MIGRATION) as number | undefined) ?? 0);
      return trackingStart;
    },
  };

  // Every cryptographic call reads its key. Outside transactions, a key read before is not read
  // again while nothing can have changed it: kms_key_changes counts every change of a key through
  // any connection, this one included (triggers, in the change's own transaction: a rolled-back
  // change takes its count back with it), so commits that leave the keys alone (the audit
  // writer's, every few milliseconds) cost no re-read. The count is read once per turn of the
  // event loop, not once per call: a change through a connection of this process shows at the
  // next read all the same (keyWritesInProcess), one through another process by the next turn,
  // well within the eventual consistency AWS documents for KMS. When the count moved, the row is
  // read again, and its document parsed only if the row is not the one it was parsed from. The
  // documents are shared, so they are frozen. Inside a transaction, where keys are read to be
  // changed, each read parses afresh.
  const parsedKeys = new Map<string, { columns: KeyColumns; row: KmsKeyRow; checkedAt: number }>();
  const sameColumns = (a: KeyColumns, b: KeyColumns) => a[4] === b[4] && a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
  let turnCount: number | undefined;
  let turnWrites = 0;
  const endTurn = () => (turnCount = undefined);
  function keyChangesThisTurn(): number {
    if (turnCount !== undefined && turnWrites === keyWritesInProcess) return turnCount;
    if (turnCount === undefined) setImmediate(endTurn);
    turnWrites = keyWritesInProcess;
    turnCount = s.keyChanges.get() as number;
    return turnCount;
  }
  function readKey(keyId: string): KmsKeyRow | undefined {
    const version = keyChangesThisTurn();
    const parsed = parsedKeys.get(keyId);
    if (parsed && parsed.checkedAt === version) return parsed.row;
    const columns = s.getKeyColumns.get(keyId) as KeyColumns | undefined;
    if (!columns) {
      parsedKeys.delete(keyId);
      return undefined;
    }
    if (parsed && sameColumns(parsed.columns, columns)) {
      parsed.checkedAt = version;
      return parsed.row;
    }
    const [accountId, region, deletionAt, nextRotationAt, document] = columns;
    const row = Object.freeze({ keyId, accountId, region, deletionAt: time(deletionAt), nextRotationAt: time(nextRotationAt), document: deepFreeze(JSON.parse(document) as unknown) });
    parsedKeys.delete(keyId);
    if (parsedKeys.size >= PARSED_KEY_LIMIT) parsedKeys.delete(parsedKeys.keys().next().value as string);
    parsedKeys.set(keyId, { columns, row, checkedAt: version });
    return row;
  }
  const view: KmsRepository = { ...direct, transaction: (work) => work(view) };
  const waiting = Object.fromEntries(
    Object.entries(direct).map(([name, method]) => [
      name,
      (...args: unknown[]) => gate.outside(() => (method as (...a: unknown[]) => Promise<unknown>)(...args)),
    ]),
  ) as unknown as Omit<KmsRepository, "transaction">;
  waiting.getKey = (keyId) => gate.outside(() => readKey(keyId));
  // Counted once more when the transaction has ended: a read through another connection of this
  // process while it was open saw the count before the commit.
  return { ...waiting, transaction: (work) => gate.run(() => work(view)).finally(() => keyWritesInProcess++) };
}

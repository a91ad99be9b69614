// S3 metadata in SQLite: buckets, objects, multipart uploads and parts. Each change is one
// synchronous transaction (better-sqlite3), run when no other repository's transaction is open
// (the shared gate), so nothing of it can land inside another's or be seen half done.
import type Database from "better-sqlite3";
import type { S3BucketRow, S3ObjectRow, S3ObjectSummary, S3PartRow, S3Repository, S3UploadRow, S3WriteCondition } from "../types.ts";
import type { TransactionGate } from "./gate.ts";

interface BucketRow {
  name: string;
  account_id: string;
  region: string;
  created_at: number;
  policy: string | null;
  encryption: string | null;
}
interface ObjectRow {
  bucket: string;
  object_key: string;
  size: number;
  etag: string;
  last_modified: number;
  content_type: string;
  metadata: string;
  checksums: string;
  body: string;
  extra: string;
}
type SummaryRow = Pick<ObjectRow, "object_key" | "size" | "etag" | "last_modified" | "checksums">;
interface UploadRow {
  upload_id: string;
  bucket: string;
  object_key: string;
  initiated_at: number;
  document: string;
}
interface PartRow {
  upload_id: string;
  part_number: number;
  size: number;
  etag: string;
  last_modified: number;
  checksums: string;
  part: string;
}

const toBucket = (r: BucketRow): S3BucketRow => ({
  name: r.name,
  accountId: r.account_id,
  region: r.region,
  createdAt: new Date(r.created_at),
  policy: r.policy ?? undefined,
  encryption: r.encryption === null ? undefined : JSON.parse(r.encryption),
});
const toObject = (r: ObjectRow): S3ObjectRow => ({
  bucket: r.bucket,
  key: r.object_key,
  size: r.size,
  etag: r.etag,
  lastModified: new Date(r.last_modified),
  contentType: r.content_type,
  metadata: JSON.parse(r.metadata),
  checksums: JSON.parse(r.checksums),
  body: JSON.parse(r.body),
  extra: JSON.parse(r.extra),
});
const toSummary = (r: SummaryRow): S3ObjectSummary => ({
  key: r.object_key,
  size: r.size,
  etag: r.etag,
  lastModified: new Date(r.last_modified),
  checksums: JSON.parse(r.checksums),
});
const toUpload = (r: UploadRow): S3UploadRow => ({
  uploadId: r.upload_id,
  bucket: r.bucket,
  key: r.object_key,
  initiatedAt: new Date(r.initiated_at),
  document: JSON.parse(r.document),
});
const toPart = (r: PartRow): S3PartRow => ({
  uploadId: r.upload_id,
  partNumber: r.part_number,
  size: r.size,
  etag: r.etag,
  lastModified: new Date(r.last_modified),
  checksums: JSON.parse(r.checksums),
  part: JSON.parse(r.part),
});

export function sqliteS3(db: Database.Database, gate: TransactionGate): S3Repository {
  const s = {
    insertBucket: db.prepare("INSERT INTO s3_buckets (name, account_id, region, created_at, policy, encryption) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
    getBucket: db.prepare("SELECT * FROM s3_buckets WHERE name = ?"),
    listBuckets: db.prepare("SELECT * FROM s3_buckets WHERE account_id = ? ORDER BY name"),
    deleteBucket: db.prepare("DELETE FROM s3_buckets WHERE name = ?"),
    anyObject: db.prepare("SELECT 1 FROM s3_objects WHERE bucket = ? LIMIT 1"),
    bucketParts: db.prepare("SELECT p.* FROM s3_parts p JOIN s3_uploads u ON u.upload_id = p.upload_id WHERE u.bucket = ?"),
    deleteBucketUploads: db.prepare("DELETE FROM s3_uploads WHERE bucket = ?"),
    setPolicy: db.prepare("UPDATE s3_buckets SET policy = ? WHERE name = ?"),
    setEncryption: db.prepare("UPDATE s3_buckets SET encryption = ? WHERE name = ?"),
    getObject: db.prepare("SELECT * FROM s3_objects WHERE bucket = ? AND object_key = ?"),
    upsertObject: db.prepare(
      `INSERT INTO s3_objects (bucket, object_key, size, etag, last_modified, content_type, metadata, checksums, body, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (bucket, object_key) DO UPDATE SET size = excluded.size, etag = excluded.etag, last_modified = excluded.last_modified,
         content_type = excluded.content_type, metadata = excluded.metadata, checksums = excluded.checksums, body = excluded.body, extra = excluded.extra`,
    ),
    deleteObject: db.prepare("DELETE FROM s3_objects WHERE bucket = ? AND object_key = ?"),
    setExtra: db.prepare("UPDATE s3_objects SET extra = ? WHERE bucket = ? AND object_key = ? AND etag = ?"),
    listObjects: db.prepare(
      "SELECT object_key, size, etag, last_modified, checksums FROM s3_objects WHERE bucket = ? AND object_key > ? AND substr(object_key, 1, length(?)) = ? ORDER BY object_key LIMIT ?",
    ),
    listObjectsFrom: db.prepare(
      "SELECT object_key, size, etag, last_modified, checksums FROM s3_objects WHERE bucket = ? AND object_key >= ? AND object_key > ? AND substr(object_key, 1, length(?)) = ? ORDER BY object_key LIMIT ?",
    ),
    insertUpload: db.prepare("INSERT INTO s3_uploads (upload_id, bucket, object_key, initiated_at, document) VALUES (?, ?, ?, ?, ?)"),
    getUpload: db.prepare("SELECT * FROM s3_uploads WHERE upload_id = ?"),
    listUploads: db.prepare(
      `SELECT * FROM s3_uploads WHERE bucket = ? AND substr(object_key, 1, length(?)) = ? AND (object_key > ? OR (object_key = ? AND upload_id > ?))
       ORDER BY object_key, upload_id LIMIT ?`,
    ),
    deleteUpload: db.prepare("DELETE FROM s3_uploads WHERE upload_id = ?"),
    getPart: db.prepare("SELECT * FROM s3_parts WHERE upload_id = ? AND part_number = ?"),
    upsertPart: db.prepare(
      `INSERT INTO s3_parts (upload_id, part_number, size, etag, last_modified, checksums, part) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (upload_id, part_number) DO UPDATE SET size = excluded.size, etag = excluded.etag, last_modified = excluded.last_modified,
         checksums = excluded.checksums, part = excluded.part`,
    ),
    listParts: db.prepare("SELECT * FROM s3_parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?"),
    allParts: db.prepare("SELECT * FROM s3_parts WHERE upload_id = ? ORDER BY part_number"),
  };

  /** Whether the object a write would replace satisfies the write's condition. */
  const conditionHolds = (existing: S3ObjectRow | undefined, condition: S3WriteCondition | undefined): "ok" | "precondition-failed" | "no-object" => {
    if (!condition) return "ok";
    if (condition.ifAbsent && existing) return "precondition-failed";
    if (condition.ifEtag !== undefined) {
      if (!existing) return "no-object";
      if (existing.etag !== condition.ifEtag) return "precondition-failed";
    }
    return "ok";
  };

  const writeObject = (row: S3ObjectRow): void => {
    s.upsertObject.run(
      row.bucket,
      row.key,
      row.size,
      row.etag,
      row.lastModified.getTime(),
      row.contentType,
      JSON.stringify(row.metadata),
      JSON.stringify(row.checksums),
      JSON.stringify(row.body),
      JSON.stringify(row.extra),
    );
  };

  const readObject = (bucket: string, key: string): S3ObjectRow | undefined => {
    const row = s.getObject.get(bucket, key) as ObjectRow | undefined;
    return row ? toObject(row) : undefined;
  };

  /** Runs `work` as one transaction, when no other transaction of the store is open. */
  const atomically = <T>(work: () => T): Promise<T> => gate.outside(() => db.transaction(work).immediate());
  /** A single statement, when no other transaction of the store is open. */
  const single = <T>(work: () => T): Promise<T> => gate.outside(work);

  return {
    createBucket: (row) =>
      atomically(() => {
        const inserted = s.insertBucket.run(row.name, row.accountId, row.region, row.createdAt.getTime(), row.policy ?? null, row.encryption === undefined ? null : JSON.stringify(row.encryption));
        if (inserted.changes > 0) return { created: true as const };
        return { created: false as const, existing: toBucket(s.getBucket.get(row.name) as BucketRow) };
      }),
    getBucket: (name) =>
      single(() => {
        const row = s.getBucket.get(name) as BucketRow | undefined;
        return row ? toBucket(row) : undefined;
      }),
    listBuckets: (accountId) => single(() => (s.listBuckets.all(accountId) as BucketRow[]).map(toBucket)),
    deleteBucket: (name) =>
      atomically(() => {
        if (!s.getBucket.get(name)) return { outcome: "no-bucket" as const };
        if (s.anyObject.get(name)) return { outcome: "not-empty" as const };
        const parts = (s.bucketParts.all(name) as PartRow[]).map(toPart);
        s.deleteBucketUploads.run(name);
        s.deleteBucket.run(name);
        return { outcome: "deleted" as const, parts };
      }),
    setBucketPolicy: (name, policy) => single(() => s.setPolicy.run(policy ?? null, name).changes > 0),
    setBucketEncryption: (name, encryption) => single(() => s.setEncryption.run(encryption === undefined ? null : JSON.stringify(encryption), name).changes > 0),

    getObject: (bucket, key) => single(() => readObject(bucket, key)),
    putObject: (row, condition) =>
      atomically(() => {
        if (!s.getBucket.get(row.bucket)) return { outcome: "no-bucket" as const };
        const replaced = readObject(row.bucket, row.key);
        const holds = conditionHolds(replaced, condition);
        if (holds !== "ok") return { outcome: holds };
        writeObject(row);
        return { outcome: "stored" as const, replaced };
      }),
    setObjectExtra: (bucket, key, etag, extra) => single(() => s.setExtra.run(JSON.stringify(extra), bucket, key, etag).changes > 0),
    deleteObject: (bucket, key) =>
      atomically(() => {
        const existing = readObject(bucket, key);
        if (existing) s.deleteObject.run(bucket, key);
        return existing;
      }),
    listObjects: (bucket, prefix, after, limit) =>
      single(() => {
        // Starting at the prefix lets the primary key's index skip everything before it.
        const rows = after < prefix ? s.listObjectsFrom.all(bucket, prefix, after, prefix, prefix, limit) : s.listObjects.all(bucket, after, prefix, prefix, limit);
        return (rows as SummaryRow[]).map(toSummary);
      }),

    createUpload: (row) =>
      single(() => {
        s.insertUpload.run(row.uploadId, row.bucket, row.key, row.initiatedAt.getTime(), JSON.stringify(row.document));
      }),
    getUpload: (uploadId) =>
      single(() => {
        const row = s.getUpload.get(uploadId) as UploadRow | undefined;
        return row ? toUpload(row) : undefined;
      }),
    listUploads: (bucket, prefix, afterKey, afterUploadId, limit) =>
      single(() => (s.listUploads.all(bucket, prefix, prefix, afterKey, afterKey, afterUploadId, limit) as UploadRow[]).map(toUpload)),
    putPart: (row) =>
      atomically(() => {
        if (!s.getUpload.get(row.uploadId)) return { outcome: "no-upload" as const };
        const old = s.getPart.get(row.uploadId, row.partNumber) as PartRow | undefined;
        s.upsertPart.run(row.uploadId, row.partNumber, row.size, row.etag, row.lastModified.getTime(), JSON.stringify(row.checksums), JSON.stringify(row.part));
        return { outcome: "stored" as const, replaced: old ? toPart(old) : undefined };
      }),
    listParts: (uploadId, afterPart, limit) => single(() => (s.listParts.all(uploadId, afterPart, limit) as PartRow[]).map(toPart)),
    deleteUpload: (uploadId) =>
      atomically(() => {
        if (!s.getUpload.get(uploadId)) return undefined;
        const parts = (s.allParts.all(uploadId) as PartRow[]).map(toPart);
        s.deleteUpload.run(uploadId);
        return parts;
      }),
    completeUpload: (uploadId, object, usedParts, condition) =>
      atomically(() => {
        if (!s.getUpload.get(uploadId)) return { outcome: "no-upload" as const };
        const replaced = readObject(object.bucket, object.key);
        const holds = conditionHolds(replaced, condition);
        if (holds !== "ok") return { outcome: holds };
        const used = new Set(usedParts);
        const unused = (s.allParts.all(uploadId) as PartRow[]).map(toPart).filter((p) => !used.has(p.partNumber));
        writeObject(object);
        s.deleteUpload.run(uploadId);
        return { outcome: "stored" as const, replaced, unused };
      }),
  };
}

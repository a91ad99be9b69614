// The persistence interface. Services see only these repositories; SQLite implements them today
// and PostgreSQL will implement the same interface for shared state.

export interface IdpSessionRecord {
  /** SHA-256 of the session cookie's value, hex: the cookie itself is never stored. */
  idHash: string;
  username: string;
  /** The directory user's DN, for audit and sign-out. */
  userDn: string;
  authnInstant: Date;
  expiresAt: Date;
  /** The SessionIndex written into assertions of this session. */
  sessionIndex: string;
}

export interface IdpSessionRepository {
  create(session: IdpSessionRecord): Promise<void>;
  get(idHash: string, now: Date): Promise<IdpSessionRecord | undefined>;
  delete(idHash: string): Promise<void>;
  purgeExpired(now: Date): Promise<number>;
}

export interface LoginAttemptRecord {
  /** Lower-cased login name. */
  username: string;
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | undefined;
}

export interface LoginAttemptRepository {
  get(username: string): Promise<LoginAttemptRecord | undefined>;
  put(record: LoginAttemptRecord): Promise<void>;
  clear(username: string): Promise<void>;
}

/** SAML assertions already used (STS's replay protection), each remembered while still valid. */
export interface UsedAssertionRepository {
  /**
   * Records `key` as used until `validUntil`, unless it is already recorded and still valid at
   * `now`: answers true when it was recorded now, false when it was used before. One statement,
   * so two concurrent uses cannot both be recorded.
   */
  record(key: string, validUntil: Date, now: Date): Promise<boolean>;
  /** Forgets the assertions no longer valid at `now`; answers how many. */
  purgeExpired(now: Date): Promise<number>;
}

export interface Store {
  readonly kind: "sqlite" | "postgres";
  readonly idpSessions: IdpSessionRepository;
  readonly usedAssertions: UsedAssertionRepository;
  readonly loginAttempts: LoginAttemptRepository;
  readonly iam: IamRepository;
  readonly kms: KmsRepository;
  readonly audit: AuditRepository;
  readonly s3: S3Repository;
  close(): Promise<void>;
}

/** The kinds of IAM entity federa keeps, each a JSON document under (account, kind, name). */
export type IamEntityKind = "account" | "user" | "role" | "role-policy" | "managed-policy" | "role-attachment" | "saml-provider";

export interface AccessKeyRecord {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  /** The IAM user's name; null for the account's root credentials. */
  userName: string | null;
  status: "Active" | "Inactive";
  createdAt: Date;
}

export interface IamRepository {
  /** Stores the entity; with ifAbsent, only when none exists (returns false then). */
  put(accountId: string, kind: IamEntityKind, name: string, document: unknown, options?: { ifAbsent?: boolean }): Promise<boolean>;
  get<T>(accountId: string, kind: IamEntityKind, name: string): Promise<T | undefined>;
  /** Entities of a kind in an account, by name; a prefix narrows to names starting with it. */
  list<T>(accountId: string, kind: IamEntityKind, prefix?: string): Promise<T[]>;
  delete(accountId: string, kind: IamEntityKind, name: string): Promise<boolean>;
  /** Runs the work as one transaction (all or nothing). */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  putAccessKey(key: AccessKeyRecord): Promise<void>;
  getAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined>;
  listAccessKeys(accountId: string, userName: string | null): Promise<AccessKeyRecord[]>;
  deleteAccessKey(accessKeyId: string): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------
// KMS: keys (a JSON document each, owned by src/kms), their backing keys (material wrapped under
// the root key), aliases and grants. Deleting a key removes everything that belongs to it.

export interface KmsKeyRow {
  keyId: string;
  accountId: string;
  region: string;
  /** When the key's deletion window ends (PendingDeletion), for the sweeper. */
  deletionAt: Date | undefined;
  /** When the key rotates next (automatic rotation on), for the scheduler. */
  nextRotationAt: Date | undefined;
  /** The key's metadata as src/kms keeps it. */
  document: unknown;
}

export interface KmsBackingKeyRow {
  keyId: string;
  /** Unique within the key; written into every ciphertext made under it. */
  backingKeyId: string;
  createdAt: Date;
  /** The key material, wrapped under the root key. */
  wrapped: Buffer;
  /** Anything else src/kms keeps about it (rotation type, public key, import expiry). */
  document: unknown;
}

export interface KmsAliasRow {
  accountId: string;
  region: string;
  /** With its prefix: "alias/…". */
  aliasName: string;
  targetKeyId: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface KmsGrantRow {
  grantId: string;
  keyId: string;
  /** The grant's name (CreateGrant idempotency), when it has one. */
  name: string | undefined;
  /** For ListRetirableGrants. */
  retiringPrincipal: string | undefined;
  createdAt: Date;
  document: unknown;
}

export interface KmsKeyUsage {
  operation: string;
  usedAt: Date;
  /** The CloudTrail event, in the key owner's account. */
  eventId: string;
  requestId: string | undefined;
}

export interface KmsRepository {
  /** Stores the key; with ifAbsent, only when no key of that id exists (returns false then). */
  putKey(row: KmsKeyRow, options?: { ifAbsent?: boolean }): Promise<boolean>;
  getKey(keyId: string): Promise<KmsKeyRow | undefined>;
  /** Keys of an account and region in key id order, after `afterKeyId` when given. */
  listKeys(accountId: string, region: string, afterKeyId: string | undefined, limit: number): Promise<KmsKeyRow[]>;
  /** Keys whose deletion window has ended at `now`. */
  keysDueForDeletion(now: Date, limit: number): Promise<KmsKeyRow[]>;
  /** Keys whose automatic rotation is due at `now`. */
  keysDueForRotation(now: Date, limit: number): Promise<KmsKeyRow[]>;
  /** Deletes the key with its backing keys, grants and aliases. */
  deleteKey(keyId: string): Promise<boolean>;

  addBackingKey(row: KmsBackingKeyRow): Promise<void>;
  /** Oldest first. */
  listBackingKeys(keyId: string): Promise<KmsBackingKeyRow[]>;
  getBackingKey(keyId: string, backingKeyId: string): Promise<KmsBackingKeyRow | undefined>;
  deleteBackingKeys(keyId: string): Promise<number>;
  deleteBackingKey(keyId: string, backingKeyId: string): Promise<boolean>;

  putAlias(row: KmsAliasRow, options?: { ifAbsent?: boolean }): Promise<boolean>;
  getAlias(accountId: string, region: string, aliasName: string): Promise<KmsAliasRow | undefined>;
  /** In alias name order; only those of one key when `targetKeyId` is given. */
  listAliases(accountId: string, region: string, targetKeyId?: string): Promise<KmsAliasRow[]>;
  deleteAlias(accountId: string, region: string, aliasName: string): Promise<boolean>;

  putGrant(row: KmsGrantRow): Promise<void>;
  getGrant(keyId: string, grantId: string): Promise<KmsGrantRow | undefined>;
  /** Oldest first. */
  listGrants(keyId: string): Promise<KmsGrantRow[]>;
  /** How many grants a key has (the quota check of CreateGrant). */
  countGrants(keyId: string): Promise<number>;
  listRetirableGrants(retiringPrincipal: string): Promise<KmsGrantRow[]>;
  deleteGrant(keyId: string, grantId: string): Promise<boolean>;

  /** The key's last successful cryptographic operation, as the audit trail recorded it, if any. */
  keyLastUsage(keyId: string): Promise<KmsKeyUsage | undefined>;
  /** When the store began to track keys' use (GetKeyLastUsage's TrackingStartDate, at the earliest). */
  usageTrackingStart(): Promise<Date>;

  /**
   * Runs the work as one transaction (all or nothing) through `tx`, a view of this repository that
   * belongs to the transaction. Other callers (transactions or single calls) wait until it ends,
   * so nothing of theirs mixes with it.
   */
  transaction<T>(work: (tx: KmsRepository) => Promise<T>): Promise<T>;
}

// ---------------------------------------------------------------------------------------------
// The audit trail: CloudTrail events as src/audit makes them.

export interface AuditEventRow {
  eventId: string;
  eventTime: Date;
  eventSource: string;
  eventName: string;
  /** The caller's account (recipientAccountId). */
  accountId: string;
  /** The caller's ARN, when known. */
  principalArn: string | undefined;
  errorCode: string | undefined;
  requestId?: string;
  /** The KMS keys (ids) whose last use this event is: GetKeyLastUsage (KmsRepository.keyLastUsage). */
  usedKeys?: readonly string[];
  /** The whole CloudTrail event. */
  document: unknown;
  /** The document already serialised as JSON, when the caller has it (it is stored as given). */
  documentJson?: string;
}

export interface AuditFilter {
  eventSource?: string;
  eventName?: string;
  /** Inclusive. */
  since?: Date;
  /** Exclusive. */
  until?: Date;
  /** Events whose principal ARN contains this text. */
  principal?: string;
  accountId?: string;
  /** Only failed calls (with an errorCode). */
  errorsOnly?: boolean;
  /** Newest first, at most this many (default 1000). */
  limit?: number;
}

export interface AuditRepository {
  append(row: AuditEventRow): Promise<void>;
  /** Appends several events in one transaction (all or none). */
  appendMany(rows: readonly AuditEventRow[]): Promise<void>;
  /** Newest first. */
  list(filter: AuditFilter): Promise<AuditEventRow[]>;
}

// ---------------------------------------------------------------------------------------------
// S3: buckets (with their policy and default encryption), objects (metadata only: the bodies are
// files that src/s3 keeps, described by the `body` document), multipart uploads and their parts.
// Every change is one transaction: an object appears whole or not at all.

export interface S3BucketRow {
  name: string;
  /** The owning account. */
  accountId: string;
  region: string;
  createdAt: Date;
  /** The bucket policy as it was put (JSON text). */
  policy: string | undefined;
  /** The default encryption configuration, as src/s3 keeps it. */
  encryption: unknown | undefined;
}

export interface S3ObjectRow {
  bucket: string;
  key: string;
  size: number;
  /** Quoted, as S3 sends it: "\"<md5 hex>\"" or "\"<hex>-<parts>\"". */
  etag: string;
  lastModified: Date;
  contentType: string;
  /** x-amz-meta-* by lower-case name (without the prefix). */
  metadata: Record<string, string>;
  /** Checksums by algorithm name ("CRC32"…), base64; a multipart object's composite ones end in "-<parts>". */
  checksums: Record<string, string>;
  /** Where and how the body is stored (src/s3's StoredBody). */
  body: unknown;
  /** The other stored headers and facts (Cache-Control, Content-Disposition, encryption request…). */
  extra: Record<string, unknown>;
}

/** What the object listing reads: no body or metadata. */
export type S3ObjectSummary = Pick<S3ObjectRow, "key" | "size" | "etag" | "lastModified" | "checksums">;

/** A condition on the object a write replaces (conditional writes). */
export interface S3WriteCondition {
  /** If-None-Match: * — only when no object exists. */
  ifAbsent?: boolean;
  /** If-Match — only when the object exists with this ETag (quoted). */
  ifEtag?: string;
}

export type S3PutObjectResult =
  | { outcome: "stored"; replaced: S3ObjectRow | undefined }
  | { outcome: "no-bucket" }
  | { outcome: "precondition-failed" }
  | { outcome: "no-object" };

export interface S3UploadRow {
  uploadId: string;
  bucket: string;
  key: string;
  initiatedAt: Date;
  /** The upload's own facts as src/s3 keeps them (envelope, content type, metadata, initiator…). */
  document: unknown;
}

export interface S3PartRow {
  uploadId: string;
  partNumber: number;
  size: number;
  /** Quoted MD5 hex of the part's bytes. */
  etag: string;
  lastModified: Date;
  checksums: Record<string, string>;
  /** Where the part's bytes are stored (src/s3's StoredPart). */
  part: unknown;
}

export type S3CompleteResult =
  | { outcome: "stored"; replaced: S3ObjectRow | undefined; unused: S3PartRow[] }
  | { outcome: "no-upload" }
  | { outcome: "precondition-failed" }
  | { outcome: "no-object" };

export interface S3Repository {
  /** Creates the bucket unless one of that name exists; answers the bucket that exists then. */
  createBucket(row: S3BucketRow): Promise<{ created: true } | { created: false; existing: S3BucketRow }>;
  getBucket(name: string): Promise<S3BucketRow | undefined>;
  /** Buckets of an account by name. */
  listBuckets(accountId: string): Promise<S3BucketRow[]>;
  /** Deletes an empty bucket with its multipart uploads (their parts are answered, to remove their bytes). */
  deleteBucket(name: string): Promise<{ outcome: "deleted"; parts: S3PartRow[] } | { outcome: "no-bucket" } | { outcome: "not-empty" }>;
  /** Sets (or, with undefined, removes) the bucket's policy; false when there is no such bucket. */
  setBucketPolicy(name: string, policy: string | undefined): Promise<boolean>;
  /** Sets (or removes) the bucket's default encryption; false when there is no such bucket. */
  setBucketEncryption(name: string, encryption: unknown | undefined): Promise<boolean>;

  getObject(bucket: string, key: string): Promise<S3ObjectRow | undefined>;
  /** Stores the object in place of any other of that key, if the bucket exists and the condition holds. */
  putObject(row: S3ObjectRow, condition?: S3WriteCondition): Promise<S3PutObjectResult>;
  /** Replaces the object's `extra` document (tags…) if it still has this ETag; false otherwise. */
  setObjectExtra(bucket: string, key: string, etag: string, extra: Record<string, unknown>): Promise<boolean>;
  /** Deletes the object; answers it (to remove its bytes) or undefined when there was none. */
  deleteObject(bucket: string, key: string): Promise<S3ObjectRow | undefined>;
  /** Objects whose key starts with `prefix` and sorts after `after` (byte order), at most `limit`. */
  listObjects(bucket: string, prefix: string, after: string, limit: number): Promise<S3ObjectSummary[]>;

  createUpload(row: S3UploadRow): Promise<void>;
  getUpload(uploadId: string): Promise<S3UploadRow | undefined>;
  /** Uploads of a bucket whose key starts with `prefix`, by key then initiation, after (key, uploadId). */
  listUploads(bucket: string, prefix: string, afterKey: string, afterUploadId: string, limit: number): Promise<S3UploadRow[]>;
  /** Stores a part in place of any of that number; answers the one replaced. "no-upload" when the upload is gone. */
  putPart(row: S3PartRow): Promise<{ outcome: "stored"; replaced: S3PartRow | undefined } | { outcome: "no-upload" }>;
  /** Parts of an upload by number, after `afterPart`, at most `limit`. */
  listParts(uploadId: string, afterPart: number, limit: number): Promise<S3PartRow[]>;
  /** Deletes the upload and answers its parts (to remove their bytes); undefined when there was none. */
  deleteUpload(uploadId: string): Promise<S3PartRow[] | undefined>;
  /**
   * Completes the upload in one transaction: stores the object (if the condition holds), deletes the
   * upload, and answers the object replaced and the parts the object does not use.
   */
  completeUpload(uploadId: string, object: S3ObjectRow, usedParts: readonly number[], condition?: S3WriteCondition): Promise<S3CompleteResult>;
}

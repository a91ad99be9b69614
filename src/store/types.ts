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

export interface Store {
  readonly kind: "sqlite" | "postgres";
  readonly idpSessions: IdpSessionRepository;
  readonly loginAttempts: LoginAttemptRepository;
  readonly iam: IamRepository;
  readonly kms: KmsRepository;
  readonly audit: AuditRepository;
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

  putAlias(row: KmsAliasRow, options?: { ifAbsent?: boolean }): Promise<boolean>;
  getAlias(accountId: string, region: string, aliasName: string): Promise<KmsAliasRow | undefined>;
  /** In alias name order; only those of one key when `targetKeyId` is given. */
  listAliases(accountId: string, region: string, targetKeyId?: string): Promise<KmsAliasRow[]>;
  deleteAlias(accountId: string, region: string, aliasName: string): Promise<boolean>;

  putGrant(row: KmsGrantRow): Promise<void>;
  getGrant(keyId: string, grantId: string): Promise<KmsGrantRow | undefined>;
  /** Oldest first. */
  listGrants(keyId: string): Promise<KmsGrantRow[]>;
  listRetirableGrants(retiringPrincipal: string): Promise<KmsGrantRow[]>;
  deleteGrant(keyId: string, grantId: string): Promise<boolean>;

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
  /** The whole CloudTrail event. */
  document: unknown;
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

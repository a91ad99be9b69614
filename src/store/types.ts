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

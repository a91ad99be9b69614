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
  close(): Promise<void>;
}

// What the IdP needs from a directory: authenticate by password, and read a user's attributes and
// groups (nested groups included). Implemented over LDAP for every kind of server.
import { FederaError } from "../shared/index.ts";

export interface DirectoryUser {
  /** The sAMAccountName (AD) or uid (OpenLDAP): the account name without domain. */
  username: string;
  /** NetBIOS-style domain, for `CORP\alice` (windowsaccountname claims). */
  domain: string;
  dn: string;
  /** Attribute values by lower-cased attribute name (mail, displayname, department, objectguid, ...). */
  attributes: Record<string, string[]>;
  /** Every group the user belongs to, directly or through nesting: short names (cn / sAMAccountName). */
  groups: string[];
  /** The DNs of those groups. */
  groupDns: string[];
}

export interface Directory {
  /** Binds as the user; resolves to the user with groups, or rejects with a DirectoryError. */
  authenticate(username: string, password: string): Promise<DirectoryUser>;
  /** Reads the user without a password (for a session's second sign-on). */
  lookup(username: string): Promise<DirectoryUser>;
  close(): Promise<void>;
}

/**
 * Why a login failed. Told apart in the log; the user sees the same message for all of the
 * credential failures, and a "directory unavailable" page for DIRECTORY_UNAVAILABLE.
 */
export type DirectoryErrorCode =
  | "UNKNOWN_USER"
  | "INVALID_CREDENTIALS"
  | "ACCOUNT_DISABLED"
  | "ACCOUNT_LOCKED"
  | "PASSWORD_EXPIRED"
  | "ACCOUNT_EXPIRED"
  | "DIRECTORY_UNAVAILABLE";

export class DirectoryError extends FederaError {
  declare readonly code: DirectoryErrorCode;
  constructor(code: DirectoryErrorCode, message: string, options: { cause?: unknown; detail?: Record<string, unknown> } = {}) {
    super(code, message, { status: code === "DIRECTORY_UNAVAILABLE" ? 503 : 401, expose: false, ...options });
  }
}

// Active Directory's bind failures: resultCode 49 with a diagnostic message whose "data" field
// says why. The embedded server words them exactly as AD does; the LDAP client reads the data
// field back into a DirectoryErrorCode.
import type { DirectoryErrorCode } from "../types.ts";

/** The "data" sub-codes of AcceptSecurityContext errors (Win32 error codes, in hex). */
export const AD_BIND_DATA = {
  noSuchUser: "525",
  invalidPassword: "52e",
  notPermittedAtThisTime: "530",
  notPermittedAtThisWorkstation: "531",
  passwordExpired: "532",
  accountDisabled: "533",
  accountExpired: "701",
  mustResetPassword: "773",
  accountLocked: "775",
} as const;

export type AdBindData = (typeof AD_BIND_DATA)[keyof typeof AD_BIND_DATA];

/** The diagnostic message AD sends with resultCode 49 (invalidCredentials). */
export function adBindDiagnostic(data: AdBindData): string {
  return `80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data ${data}, v4563`;
}

/** The data sub-code of an AD bind failure message, lower-cased; undefined for other servers. */
export function adBindDataOf(diagnostic: string): string | undefined {
  const match = /AcceptSecurityContext error, data ([0-9a-fA-F]+)/.exec(diagnostic);
  return match?.[1]?.toLowerCase();
}

const CODES: Record<string, DirectoryErrorCode> = {
  __proto__: null as unknown as DirectoryErrorCode,
  "525": "UNKNOWN_USER",
  "52e": "INVALID_CREDENTIALS",
  "530": "ACCOUNT_DISABLED",
  "531": "ACCOUNT_DISABLED",
  "532": "PASSWORD_EXPIRED",
  "533": "ACCOUNT_DISABLED",
  "701": "ACCOUNT_EXPIRED",
  "773": "PASSWORD_EXPIRED",
  "775": "ACCOUNT_LOCKED",
};

/** What a failed bind (resultCode 49) means, from its AD sub-code; plain INVALID_CREDENTIALS without one. */
export function codeForInvalidCredentials(diagnostic: string): DirectoryErrorCode {
  const data = adBindDataOf(diagnostic);
  return (data !== undefined ? CODES[data] : undefined) ?? "INVALID_CREDENTIALS";
}

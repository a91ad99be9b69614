// Turning what the LDAP client raises into DirectoryErrors with stable codes. A result code from
// the server is kept in `detail` (with AD's data sub-code); a socket error, a refused connection
// or a timeout becomes DIRECTORY_UNAVAILABLE. Messages and details never hold a password: they
// are written here from codes, and the server's diagnostic never echoes credentials.
import { ResultCodeError } from "ldapts";
import { DirectoryError, type DirectoryErrorCode } from "../types.ts";
import { adBindDataOf, codeForInvalidCredentials } from "../ad/bind-error.ts";

export const INVALID_CREDENTIALS = 49;
export const NO_SUCH_OBJECT = 32;

const MESSAGES: Record<DirectoryErrorCode, string> = {
  UNKNOWN_USER: "no such user in the directory",
  INVALID_CREDENTIALS: "wrong password",
  ACCOUNT_DISABLED: "the account is disabled",
  ACCOUNT_LOCKED: "the account is locked out",
  PASSWORD_EXPIRED: "the password has expired or must be changed",
  ACCOUNT_EXPIRED: "the account has expired",
  DIRECTORY_UNAVAILABLE: "the directory is unavailable",
};

export function directoryError(code: DirectoryErrorCode, detail: Record<string, unknown> = {}): DirectoryError {
  return new DirectoryError(code, MESSAGES[code], { detail });
}

/** The server's result code and diagnostic, without ldapts's " Code: 0x31" suffix. */
export function resultOf(err: unknown): { resultCode: number; diagnostic: string } | undefined {
  if (!(err instanceof ResultCodeError)) return undefined;
  return { resultCode: err.code, diagnostic: err.message.replace(/ Code: 0x[0-9a-f]+$/i, "") };
}

/** A connection-level failure (refused, reset, timed out, TLS): the directory is unavailable. */
export function unavailable(reason: string, err?: unknown): DirectoryError {
  const cause = err instanceof Error ? err.message.split("\n")[0] : undefined;
  return directoryError("DIRECTORY_UNAVAILABLE", { reason, ...(cause ? { cause } : {}), ...(resultOf(err) ?? {}) });
}

/**
 * What a failed password bind means. Only resultCode 49 is about the user; anything else is the
 * directory's problem. AD says why in its data sub-code; OpenLDAP's ppolicy says it in the
 * password policy response control (`policy`); and the account's state (`accountState`, from the
 * entry read before the bind) tells a disabled account from a locked one, and explains a refusal
 * by a server that says nothing.
 */
export function bindFailure(err: unknown, why: { policy?: DirectoryErrorCode | undefined; accountState?: DirectoryErrorCode | undefined } = {}): DirectoryError {
  if (err instanceof DirectoryError) return err;
  const result = resultOf(err);
  if (!result) return unavailable("user bind failed", err);
  if (result.resultCode !== INVALID_CREDENTIALS) return unavailable("user bind refused", err);
  const adData = adBindDataOf(result.diagnostic);
  if (adData) return directoryError(codeForInvalidCredentials(result.diagnostic), { resultCode: result.resultCode, adData });
  const { policy, accountState } = why;
  if (policy === "ACCOUNT_LOCKED" && accountState === "ACCOUNT_DISABLED") {
    return directoryError("ACCOUNT_DISABLED", { resultCode: result.resultCode, reason: "ppolicy: locked until an administrator unlocks" });
  }
  if (policy) return directoryError(policy, { resultCode: result.resultCode, reason: "ppolicy response control" });
  if (accountState === "ACCOUNT_DISABLED" || accountState === "ACCOUNT_LOCKED" || accountState === "ACCOUNT_EXPIRED") {
    return directoryError(accountState, { resultCode: result.resultCode, reason: "bind refused; account state attributes" });
  }
  return directoryError("INVALID_CREDENTIALS", { resultCode: result.resultCode });
}

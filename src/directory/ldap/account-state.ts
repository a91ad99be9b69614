// The account's state as its attributes tell it: checked after a successful bind (for servers
// that let a bind through anyway), on lookup (where there is no bind), and to explain a bare
// resultCode 49 from a server without AD's sub-codes (OpenLDAP's ppolicy refuses a locked
// account's bind whatever the password).
// AD: userAccountControl, accountExpires, lockout (msDS-User-Account-Control-Computed when the
// server computes it, else lockoutTime), pwdLastSet = 0.
// OpenLDAP ppolicy: pwdAccountLockedTime (000001010000Z, "locked until an administrator unlocks",
// is OpenLDAP's nearest thing to a disabled account), pwdReset.
// Returns the failure code, or undefined when the account may log on.
import {
  isAccountExpired,
  isDisabled,
  isLockedAt,
  mustChangePassword,
  parseBigInt,
  UF_LOCKOUT,
  UF_PASSWORD_EXPIRED,
} from "../ad/account-control.ts";
import type { DirectoryErrorCode } from "../types.ts";
import { first } from "./user-entry.ts";

const PPOLICY_PERMANENT_LOCK = "000001010000Z";

export function accountProblem(attributes: Record<string, string[]>, now: Date): DirectoryErrorCode | undefined {
  const uac = first(attributes, "userAccountControl");
  if (isDisabled(uac)) return "ACCOUNT_DISABLED";
  if (isAccountExpired(first(attributes, "accountExpires"), now)) return "ACCOUNT_EXPIRED";
  const computed = parseBigInt(first(attributes, "msDS-User-Account-Control-Computed"));
  if (computed !== undefined) {
    if ((Number(computed) & UF_LOCKOUT) !== 0) return "ACCOUNT_LOCKED";
  } else if (isLockedAt(first(attributes, "lockoutTime"), now)) {
    return "ACCOUNT_LOCKED";
  }
  const ppolicyLock = first(attributes, "pwdAccountLockedTime");
  if (ppolicyLock !== undefined) return ppolicyLock === PPOLICY_PERMANENT_LOCK ? "ACCOUNT_DISABLED" : "ACCOUNT_LOCKED";
  if (mustChangePassword(first(attributes, "pwdLastSet"))) return "PASSWORD_EXPIRED";
  if (computed !== undefined && (Number(computed) & UF_PASSWORD_EXPIRED) !== 0) return "PASSWORD_EXPIRED";
  if (first(attributes, "pwdReset")?.toUpperCase() === "TRUE") return "PASSWORD_EXPIRED";
  return undefined;
}

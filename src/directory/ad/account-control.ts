// Active Directory account state: the userAccountControl flags and the FILETIME attributes
// (lockoutTime, pwdLastSet, accountExpires) that say whether an account may log on. Shared by the
// embedded server (which enforces them as AD does) and the LDAP client (which re-checks them
// after a successful bind, for servers that do not enforce them).

/** userAccountControl flags ([MS-ADTS] 2.2.16). */
export const UF_ACCOUNTDISABLE = 0x0002;
export const UF_LOCKOUT = 0x0010;
export const UF_DONT_EXPIRE_PASSWD = 0x10000;
export const UF_PASSWORD_EXPIRED = 0x800000;

/** accountExpires / lockoutDuration "never" values. */
export const FILETIME_NEVER = 0x7fffffffffffffffn;
const FILETIME_MIN = -0x8000000000000000n;
/** 100 ns intervals between 1601-01-01 and 1970-01-01. */
const EPOCH_DELTA = 116444736000000000n;

export type AccountProblem = "disabled" | "locked" | "accountExpired" | "mustChangePassword" | "passwordExpired";

/** Parses an integer attribute value; undefined when absent or not an integer. */
export function parseBigInt(value: string | undefined): bigint | undefined {
  if (value === undefined || !/^-?\d+$/.test(value.trim())) return undefined;
  return BigInt(value.trim());
}

export function dateToFiletime(date: Date): bigint {
  return BigInt(date.getTime()) * 10000n + EPOCH_DELTA;
}

/** An AD interval attribute (lockoutDuration, maxPwdAge: negative 100 ns counts); undefined = forever. */
export function adInterval(value: string | undefined): bigint | undefined {
  const v = parseBigInt(value);
  if (v === undefined || v === 0n || v === FILETIME_MIN) return undefined;
  return v < 0n ? -v : v;
}

export function isDisabled(userAccountControl: string | undefined): boolean {
  return ((Number(parseBigInt(userAccountControl) ?? 0n) >>> 0) & UF_ACCOUNTDISABLE) !== 0;
}

/** accountExpires in the past (0 and FILETIME_NEVER mean never). */
export function isAccountExpired(accountExpires: string | undefined, now: Date): boolean {
  const v = parseBigInt(accountExpires);
  if (v === undefined || v === 0n || v === FILETIME_NEVER) return false;
  return v <= dateToFiletime(now);
}

/** pwdLastSet = 0: "user must change password at next logon". */
export function mustChangePassword(pwdLastSet: string | undefined): boolean {
  return parseBigInt(pwdLastSet) === 0n;
}

/**
 * Locked by lockoutTime: set and non-zero, and the domain's lockoutDuration (if known and not
 * "until an administrator unlocks") has not elapsed since.
 */
export function isLockedAt(lockoutTime: string | undefined, now: Date, lockoutDuration?: bigint): boolean {
  const v = parseBigInt(lockoutTime);
  if (v === undefined || v === 0n) return false;
  if (lockoutDuration === undefined) return true;
  return v + lockoutDuration > dateToFiletime(now);
}

/** Password older than the domain's maxPwdAge, unless the account's password never expires. */
export function isPasswordAged(
  pwdLastSet: string | undefined,
  userAccountControl: string | undefined,
  now: Date,
  maxPwdAge?: bigint,
): boolean {
  const set = parseBigInt(pwdLastSet);
  if (maxPwdAge === undefined || set === undefined || set === 0n) return false;
  const uac = Number(parseBigInt(userAccountControl) ?? 0n) >>> 0;
  if ((uac & UF_DONT_EXPIRE_PASSWD) !== 0) return false;
  return set + maxPwdAge <= dateToFiletime(now);
}

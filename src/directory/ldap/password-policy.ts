// OpenLDAP's password policy control (draft-behera-ldap-password-policy, OID
// 1.3.6.1.4.1.42.2.27.8.5.1): sent with a bind, it makes slapd's ppolicy overlay say why it
// refused the bind (password expired, account locked) or that the password must be changed
// after a reset, where a bare resultCode 49 says nothing. ldapts hands the response control
// back to the request control of the same OID, whose parseControl reads it here.
import { Control, type BerReader } from "ldapts";
import type { DirectoryErrorCode } from "../types.ts";

export const PASSWORD_POLICY_OID = "1.3.6.1.4.1.42.2.27.8.5.1";

/** PasswordPolicyResponseValue.error values that mean something for a login. */
const PASSWORD_EXPIRED = 0;
const ACCOUNT_LOCKED = 1;
const CHANGE_AFTER_RESET = 2;

export class PasswordPolicyControl extends Control {
  /** The response's error (an ENUMERATED), when the server sent one. */
  error: number | undefined;

  constructor() {
    super(PASSWORD_POLICY_OID, { critical: false });
  }

  protected override parseControl(reader: BerReader): void {
    this.error = policyError(reader.buffer);
  }

  /** What the server's ppolicy error means for the login, if anything. */
  get code(): DirectoryErrorCode | undefined {
    switch (this.error) {
      case PASSWORD_EXPIRED:
      case CHANGE_AFTER_RESET:
        return "PASSWORD_EXPIRED";
      case ACCOUNT_LOCKED:
        return "ACCOUNT_LOCKED";
      default:
        return undefined;
    }
  }
}

/** Reads `SEQUENCE { warning [0] … OPTIONAL, error [1] ENUMERATED OPTIONAL }`; undefined if absent or malformed. */
function policyError(value: Buffer): number | undefined {
  const header = (at: number): { tag: number; start: number; end: number } | undefined => {
    let len = value[at + 1];
    if (len === undefined) return undefined;
    let start = at + 2;
    if (len & 0x80) {
      const count = len & 0x7f;
      len = 0;
      for (let i = 0; i < count; i++) len = len * 256 + (value[start + i] ?? 0);
      start += count;
    }
    return start + len <= value.length ? { tag: value[at] as number, start, end: start + len } : undefined;
  };
  const seq = header(0);
  if (!seq || seq.tag !== 0x30) return undefined;
  for (let at = seq.start; at < seq.end; ) {
    const element = header(at);
    if (!element) return undefined;
    if (element.tag === 0x81 && element.end > element.start) return value[element.end - 1];
    at = element.end;
  }
  return undefined;
}

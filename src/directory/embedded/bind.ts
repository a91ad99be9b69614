// Simple bind against the embedded directory, decided as Active Directory decides it: the name
// may be a DN, a UPN, `CORP\user` or a bare sAMAccountName; a locked account is refused whatever
// the password; the other account states are reported only to someone who knows the password;
// every refusal is resultCode 49 with AD's own diagnostic message and data sub-code.
import { safeEqual } from "../../crypto/index.ts";
import { isAccountExpired, isDisabled, isLockedAt, isPasswordAged, mustChangePassword } from "../ad/account-control.ts";
import { AD_BIND_DATA, adBindDiagnostic, type AdBindData } from "../ad/bind-error.ts";
import { ResultCode } from "./protocol.ts";
import { firstString, type DirectoryTree, type Entry } from "./tree.ts";

export type BindOutcome =
  /** `principal` undefined: an anonymous or unauthenticated bind (RFC 4513 §5.1). */
  | { ok: true; principal: Entry | undefined }
  | { ok: false; resultCode: number; diagnostic: string; data: AdBindData };

function refuse(data: AdBindData): BindOutcome {
  return { ok: false, resultCode: ResultCode.invalidCredentials, diagnostic: adBindDiagnostic(data), data };
}

export function simpleBind(tree: DirectoryTree, name: string, password: string, now: Date): BindOutcome {
  // An empty password is an unauthenticated bind: AD lets it "succeed" as anonymous, which is why
  // clients must never send one for a login.
  if (password === "") return { ok: true, principal: undefined };
  const principal = tree.findPrincipal(name);
  if (!principal) return refuse(AD_BIND_DATA.noSuchUser);
  const stored = firstString(principal, "userpassword");
  if (isLockedAt(firstString(principal, "lockouttime"), now, tree.lockoutDuration)) return refuse(AD_BIND_DATA.accountLocked);
  if (stored === undefined || !safeEqual(password, stored)) return refuse(AD_BIND_DATA.invalidPassword);
  const uac = firstString(principal, "useraccountcontrol");
  if (isDisabled(uac)) return refuse(AD_BIND_DATA.accountDisabled);
  if (isAccountExpired(firstString(principal, "accountexpires"), now)) return refuse(AD_BIND_DATA.accountExpired);
  const pwdLastSet = firstString(principal, "pwdlastset");
  if (mustChangePassword(pwdLastSet)) return refuse(AD_BIND_DATA.mustResetPassword);
  if (isPasswordAged(pwdLastSet, uac, now, tree.maxPwdAge)) return refuse(AD_BIND_DATA.passwordExpired);
  return { ok: true, principal };
}

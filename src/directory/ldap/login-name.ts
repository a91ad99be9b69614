// The login names a person may type: `alice`, `alice@corp.example.test` (a UPN) and
// `CORP\alice` (down-level), as Active Directory accepts them. A name for another domain, or one
// that is not a name at all, resolves to nothing: the login fails as UNKNOWN_USER.

export interface LoginName {
  /** The account name without domain (the `{0}` of the user filter), when known. */
  account: string | undefined;
  /** The name as a UPN, when it was typed as one. */
  upn: string | undefined;
}

export interface Domains {
  /** NetBIOS name, upper case. */
  domain: string;
  dnsDomain: string;
  /** Active Directory: refuse names AD could not hold, before any search or bind. */
  flavour?: "ad" | "openldap";
}

/**
 * Characters AD forbids in a sAMAccountName (and that no sane UPN prefix holds), control
 * characters included. Such a name is UNKNOWN_USER without reaching the server, which matters in
 * direct-bind mode, where the name is sent as a bind name rather than as an escaped filter value.
 */
const AD_FORBIDDEN = /["\/\\[\]:;|=,+*?<>\u0000-\u001f]/;
const DNS_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

export function parseLoginName(input: string, domains: Domains): LoginName | undefined {
  const login = parse(input, domains);
  if (!login || domains.flavour !== "ad") return login;
  const local = login.account ?? login.upn?.slice(0, login.upn.lastIndexOf("@")) ?? "";
  if (AD_FORBIDDEN.test(local)) return undefined;
  if (login.upn !== undefined && !DNS_NAME.test(login.upn.slice(login.upn.lastIndexOf("@") + 1))) return undefined;
  return login;
}

function parse(input: string, domains: Domains): LoginName | undefined {
  const name = input.trim();
  if (name === "" || name.length > 256) return undefined;
  const backslash = name.indexOf("\\");
  if (backslash >= 0) {
    const domain = name.slice(0, backslash).toUpperCase();
    const account = name.slice(backslash + 1);
    if (account === "" || account.includes("\\")) return undefined;
    if (domain !== domains.domain && domain !== domains.dnsDomain.toUpperCase()) return undefined;
    return { account, upn: undefined };
  }
  const at = name.lastIndexOf("@");
  if (at > 0 && at < name.length - 1) {
    const suffix = name.slice(at + 1).toLowerCase();
    return { account: suffix === domains.dnsDomain.toLowerCase() ? name.slice(0, at) : undefined, upn: name };
  }
  if (at >= 0) return undefined;
  return { account: name, upn: undefined };
}

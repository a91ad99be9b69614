// The LDAP client's settings: the configuration with each flavour's defaults filled in. Active
// Directory ("ad") finds users by sAMAccountName and resolves nested groups with
// LDAP_MATCHING_RULE_IN_CHAIN; OpenLDAP ("openldap") finds them by uid and walks memberOf.
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import type { ConnectionOptions } from "node:tls";
import { ConfigError } from "../../shared/index.ts";
import type { LdapDirectoryConfig } from "../../config/index.ts";
import { dnsDomainOf } from "../dn.ts";

export type Flavour = "ad" | "openldap";
export type GroupStrategy = "memberOf" | "inChain" | "tokenGroups";

export interface LdapSettings {
  url: string;
  secure: boolean;
  startTls: boolean;
  /** For ldaps:// and StartTLS: CA, certificate checking, server name. */
  tls: ConnectionOptions;
  flavour: Flavour;
  /** The service account; absent = direct user bind (see ldap-directory.ts). */
  service: { dn: string; password: string } | undefined;
  baseDn: string;
  /** The configured user filter, or undefined for the flavour's default. */
  customUserFilter: string | undefined;
  userFilter: string;
  /** sAMAccountName or uid: where DirectoryUser.username comes from. */
  usernameAttribute: string;
  /** NetBIOS domain (CORP) and DNS domain (corp.example.test). */
  domain: string;
  dnsDomain: string;
  groupStrategy: GroupStrategy;
  /** Filter that restricts group searches to group entries. */
  groupClassFilter: string;
  /** Attributes read with the user in one search. */
  userAttributes: string[];
  timeoutMs: number;
  searchPoolSize: number;
  bindPoolSize: number;
}

const FLAVOURS: Record<Flavour, { userFilter: string; usernameAttribute: string; groupStrategy: GroupStrategy; groupClassFilter: string; userAttributes: string[] }> = {
  ad: {
    userFilter: "(&(objectClass=user)(sAMAccountName={0}))",
    usernameAttribute: "sAMAccountName",
    groupStrategy: "inChain",
    groupClassFilter: "(objectClass=group)",
    // memberOf is returned by `*` in AD, but not by every server: ask for it by name.
    userAttributes: ["*", "memberOf", "msDS-User-Account-Control-Computed"],
  },
  openldap: {
    userFilter: "(&(objectClass=inetOrgPerson)(uid={0}))",
    usernameAttribute: "uid",
    groupStrategy: "memberOf",
    groupClassFilter: "(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))",
    // memberOf, entryUUID and the ppolicy attributes are operational: only returned when named.
    userAttributes: ["*", "memberOf", "entryUUID", "pwdAccountLockedTime", "pwdReset"],
  },
};

/** Pool sizes: enough for several hundred logins a second on loopback; see pool.ts. */
export const SEARCH_POOL_SIZE = 4;
export const BIND_POOL_SIZE = 8;

function readCa(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ConfigError(`directory.caFile: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

export function resolveSettings(config: LdapDirectoryConfig): LdapSettings {
  const flavour = FLAVOURS[config.flavour];
  const dnsDomain = dnsDomainOf(config.baseDn);
  if ((config.bindDn === undefined) !== (config.bindPassword === undefined)) {
    throw new ConfigError("directory.bindPassword: bindDn and bindPassword go together");
  }
  if (config.userFilter !== undefined && !config.userFilter.includes("{0}")) {
    throw new ConfigError("directory.userFilter: must contain {0} (the escaped account name)");
  }
  const host = new URL(config.url).hostname.replace(/^\[|\]$/g, "");
  // The certificate is checked against the URL's host; SNI only for names (RFC 6066 forbids IPs).
  const tls: ConnectionOptions = { rejectUnauthorized: config.rejectUnauthorized, host };
  if (isIP(host) === 0) tls.servername = host;
  if (config.caFile !== undefined) tls.ca = readCa(config.caFile);
  return {
    url: config.url,
    secure: config.url.startsWith("ldaps://"),
    startTls: config.startTls,
    tls,
    flavour: config.flavour,
    service: config.bindDn !== undefined ? { dn: config.bindDn, password: config.bindPassword ?? "" } : undefined,
    baseDn: config.baseDn,
    customUserFilter: config.userFilter,
    userFilter: config.userFilter ?? flavour.userFilter,
    usernameAttribute: flavour.usernameAttribute,
    domain: (config.domain ?? dnsDomain.split(".")[0] ?? "").toUpperCase(),
    dnsDomain,
    groupStrategy: config.groupStrategy ?? flavour.groupStrategy,
    groupClassFilter: flavour.groupClassFilter,
    userAttributes: flavour.userAttributes,
    timeoutMs: config.timeoutMs,
    searchPoolSize: SEARCH_POOL_SIZE,
    bindPoolSize: BIND_POOL_SIZE,
  };
}

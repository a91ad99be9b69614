// The Directory over LDAP (ldapts), for every server: the embedded one, OpenLDAP, Samba AD and
// Active Directory.
//
// With a service account (bindDn/bindPassword), a login is: find the user with the service
// account (one search returns the attributes too), then the password bind on a pooled bind
// connection and the group search on the service connection, side by side; the groups are
// returned only if the bind succeeded. Over a static tree (the embedded directory), the entry
// and groups found at a user's first login are reused, and a login is the password bind alone.
//
// Without one (direct user bind):
// - ad: bind as the user's UPN (`alice@corp.example.test`, however the name was typed), then read
//   the entry and the groups over that same connection, with the user's own rights;
// - openldap: find the user's DN with an anonymous search (slapd's default ACL allows it), bind
//   as that DN, then re-read the entry and the groups over that connection with the user's
//   rights (anonymous may see no more than the uid).
// lookup() needs to search without a password: with the service account, or anonymously (which
// AD refuses: configure a service account for AD).
import { systemClock, type Clock, type Logger } from "../../shared/index.ts";
import type { LdapDirectoryConfig } from "../../config/index.ts";
import { cachedNormalizeDn } from "../dn.ts";
import { fillFilterTemplate, escapeFilterValue } from "../escape.ts";
import { DirectoryError, type Directory, type DirectoryUser } from "../types.ts";
import { accountProblem } from "./account-state.ts";
import type { LdapConnection, LdapEntry } from "./connection.ts";
import { bindFailure, directoryError, unavailable } from "./errors.ts";
import { resolveGroups, type Group, type Searcher } from "./groups.ts";
import { parseLoginName, type LoginName } from "./login-name.ts";
import { PasswordPolicyControl } from "./password-policy.ts";
import { BindPool, SearchPool } from "./pool.ts";
import { resolveSettings, type LdapSettings } from "./settings.ts";
import { EXPLICIT_BUFFER_ATTRIBUTES, entryAttributes, first } from "./user-entry.ts";

export interface DirectoryDeps {
  logger: Logger;
  clock?: Clock;
}

/** The filter that finds the login's entry; undefined when the name cannot be in this directory. */
function userFilterFor(s: LdapSettings, login: LoginName): string | undefined {
  if (login.upn !== undefined && s.flavour === "ad" && s.customUserFilter === undefined) {
    const byUpn = `(userPrincipalName=${escapeFilterValue(login.upn)})`;
    const bySam = login.account === undefined ? "" : `(sAMAccountName=${escapeFilterValue(login.account)})`;
    return `(&(objectClass=user)(|${byUpn}${bySam}))`;
  }
  return login.account === undefined ? undefined : fillFilterTemplate(s.userFilter, login.account);
}

async function findUser(search: Searcher, s: LdapSettings, login: LoginName): Promise<LdapEntry> {
  const filter = userFilterFor(s, login);
  if (filter === undefined) throw directoryError("UNKNOWN_USER", { reason: "name outside this directory" });
  let entries: LdapEntry[];
  try {
    entries = await search(s.baseDn, {
      scope: "sub",
      filter,
      attributes: s.userAttributes,
      explicitBufferAttributes: EXPLICIT_BUFFER_ATTRIBUTES,
      sizeLimit: 2,
    });
  } catch (err) {
    if (err instanceof DirectoryError) throw err;
    throw unavailable("user search failed", err);
  }
  if (entries.length > 1) throw directoryError("UNKNOWN_USER", { reason: "ambiguous: several entries match" });
  const [entry] = entries;
  if (!entry) throw directoryError("UNKNOWN_USER");
  return entry;
}

/** A searcher over one connection (the user-bound one, in direct-bind mode). */
function searcherOn(conn: LdapConnection): Searcher {
  return (base, options) => conn.search(base, options);
}

export interface LdapDirectoryOptions {
  /**
   * The server's tree never changes while it runs (the embedded directory: a read-only tree
   * loaded once), so a user's entry and groups, once found, are reused instead of being searched
   * again at every login. The password bind still goes to the server every time and decides,
   * account state included (the embedded server refuses a locked, disabled, expired or aged
   * account at the bind, at the time of the bind); the entry's state is checked again at `now`.
   */
  staticTree?: boolean;
}

/** Bound on the reused entries and group lists (users); a cache starts over when full. */
const CACHE_LIMIT = 10_000;

export function createLdapDirectory(config: LdapDirectoryConfig, deps: DirectoryDeps, options: LdapDirectoryOptions = {}): Directory {
  const s = resolveSettings(config);
  const clock = deps.clock ?? systemClock;
  const log = deps.logger;
  const searchPool = new SearchPool(s, s.service ?? { dn: "", password: "" });
  const bindPool = new BindPool(s);
  const poolSearch: Searcher = (base, options) => searchPool.run((conn) => conn.search(base, options));
  if (s.flavour === "openldap" && s.groupStrategy !== "memberOf") {
    log.warn({ event: "directory.config", groupStrategy: s.groupStrategy }, `groupStrategy ${s.groupStrategy} is an Active Directory feature: OpenLDAP finds no groups with it`);
  }

  const groupCache = options.staticTree ? new Map<string, Group[]>() : undefined;
  const entryCache = options.staticTree ? new Map<string, LdapEntry>() : undefined;

  /**
   * The login's entry found with the service account (or anonymously): reused when static, but
   * only while the account is in good standing. A locked or expired account's state is computed
   * at the time of the search (a lockout ends), so such an entry is read again at every login.
   */
  async function poolFindUser(login: LoginName): Promise<LdapEntry> {
    const key = entryCache && userFilterFor(s, login);
    const cached = key === undefined ? undefined : entryCache?.get(key);
    if (cached) return cached;
    const entry = await findUser(poolSearch, s, login);
    if (entryCache && key !== undefined && accountProblem(entryAttributes(entry), clock.now()) === undefined) {
      if (entryCache.size >= CACHE_LIMIT) entryCache.clear();
      entryCache.set(key, entry);
    }
    return entry;
  }

  /** The groups of `entry` found with the service account (or anonymously): reused when static. */
  function poolGroups(entry: LdapEntry): Promise<Group[]> {
    if (!groupCache) return resolveGroups(poolSearch, s, entry);
    const key = cachedNormalizeDn(entry.dn) ?? entry.dn;
    const cached = groupCache.get(key);
    if (cached) return Promise.resolve(cached);
    return resolveGroups(poolSearch, s, entry).then((groups) => {
      if (groupCache.size >= CACHE_LIMIT) groupCache.clear();
      groupCache.set(key, groups);
      return groups;
    });
  }

  function toUser(entry: LdapEntry, groups: Group[]): DirectoryUser {
    const attributes = entryAttributes(entry);
    const code = accountProblem(attributes, clock.now());
    if (code) throw directoryError(code, { reason: "account state attributes" });
    return {
      username: first(attributes, s.usernameAttribute) ?? "",
      domain: s.domain,
      dn: entry.dn,
      attributes,
      groups: groups.map((g) => g.name),
      groupDns: groups.map((g) => g.dn),
    };
  }

  /**
   * The password bind. On OpenLDAP it carries the password policy control, whose answer says
   * why a bind was refused, or that a reset password must be changed (the bind then succeeds,
   * but the connection may do nothing else). `entry`, when already read, helps explain a refusal.
   */
  async function passwordBind(conn: LdapConnection, name: string, password: string, entry?: LdapEntry): Promise<void> {
    const policy = s.flavour === "openldap" ? new PasswordPolicyControl() : undefined;
    try {
      await conn.bind(name, password, policy ? [policy] : undefined);
    } catch (err) {
      throw bindFailure(err, { policy: policy?.code, accountState: entry ? accountProblem(entryAttributes(entry), clock.now()) : undefined });
    }
    if (policy?.code === "PASSWORD_EXPIRED") throw directoryError("PASSWORD_EXPIRED", { reason: "ppolicy: the password must be changed" });
  }

  /** The user's entry as the user sees it (direct bind); the anonymous view if she may not read it. */
  async function reread(conn: LdapConnection, entry: LdapEntry): Promise<LdapEntry> {
    try {
      const [own] = await conn.search(entry.dn, {
        scope: "base",
        filter: "(objectClass=*)",
        attributes: s.userAttributes,
        explicitBufferAttributes: EXPLICIT_BUFFER_ATTRIBUTES,
      });
      return own ?? entry;
    } catch (err) {
      if (err instanceof DirectoryError) throw err;
      return entry;
    }
  }

  async function withServiceAccount(login: LoginName, password: string): Promise<DirectoryUser> {
    const entry = await poolFindUser(login);
    const groups = poolGroups(entry);
    groups.catch(() => undefined); // awaited below only if the bind succeeds
    await bindPool.run((conn) => passwordBind(conn, entry.dn, password, entry));
    return toUser(entry, await groups);
  }

  async function directBind(login: LoginName, password: string): Promise<DirectoryUser> {
    if (s.flavour === "ad") {
      if (login.upn === undefined && login.account === undefined) throw directoryError("UNKNOWN_USER");
      const upn = login.upn ?? `${login.account}@${s.dnsDomain}`;
      return bindPool.run(async (conn) => {
        await passwordBind(conn, upn, password);
        const entry = await findUser(searcherOn(conn), s, login);
        return toUser(entry, await resolveGroups(searcherOn(conn), s, entry));
      });
    }
    const found = await poolFindUser(login);
    return bindPool.run(async (conn) => {
      await passwordBind(conn, found.dn, password, found);
      const entry = await reread(conn, found);
      return toUser(entry, await resolveGroups(searcherOn(conn), s, entry));
    });
  }

  function failed(err: unknown, username: string, operation: string): DirectoryError {
    const error = err instanceof DirectoryError ? err : unavailable(`${operation} failed`, err);
    const fields = { event: `directory.${operation}_failed`, code: error.code, username: username.slice(0, 128), ...error.detail };
    if (error.code === "DIRECTORY_UNAVAILABLE") log.warn(fields, "directory unavailable");
    else log.info(fields, `directory ${operation} refused`);
    return error;
  }

  return {
    async authenticate(username: string, password: string): Promise<DirectoryUser> {
      try {
        // An empty password would make a simple bind "unauthenticated", which servers accept
        // as anonymous (RFC 4513 §5.1.2): refuse it before any bind.
        if (typeof password !== "string" || password === "") throw directoryError("INVALID_CREDENTIALS", { reason: "empty password" });
        const login = typeof username === "string" ? parseLoginName(username, s) : undefined;
        if (!login) throw directoryError("UNKNOWN_USER", { reason: "not a login name" });
        const user = s.service ? await withServiceAccount(login, password) : await directBind(login, password);
        log.debug({ event: "directory.authenticated", username: user.username, groups: user.groups.length }, "directory login");
        return user;
      } catch (err) {
        throw failed(err, String(username), "authenticate");
      }
    },

    async lookup(username: string): Promise<DirectoryUser> {
      try {
        const login = typeof username === "string" ? parseLoginName(username, s) : undefined;
        if (!login) throw directoryError("UNKNOWN_USER", { reason: "not a login name" });
        const entry = await poolFindUser(login);
        return toUser(entry, await poolGroups(entry));
      } catch (err) {
        throw failed(err, String(username), "lookup");
      }
    },

    async close(): Promise<void> {
      await Promise.all([searchPool.close(), bindPool.close()]);
    },
  };
}


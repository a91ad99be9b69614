// A user's groups, nested groups included, by one of three strategies:
// - inChain: one subtree search with AD's LDAP_MATCHING_RULE_IN_CHAIN on member (AD's default);
// - tokenGroups: the user's tokenGroups SIDs (a base search), resolved to groups in one search;
// - memberOf: the user's memberOf values, then each group's memberOf, level by level, with a
//   cycle guard (OpenLDAP's default, memberOf overlay); when the user has no memberOf at all
//   (no overlay), groupOfNames/groupOfUniqueNames are searched by member, level by level.
// Every DN written into a filter is filter-escaped.
import { EqualityFilter, OrFilter, AndFilter, FilterParser, type Filter, type SearchOptions } from "ldapts";
import { cachedNormalizeDn, firstRdnValue } from "../dn.ts";
import { escapeFilterValue } from "../escape.ts";
import { DirectoryError } from "../types.ts";
import type { LdapEntry } from "./connection.ts";
import { NO_SUCH_OBJECT, resultOf, unavailable } from "./errors.ts";
import { EXPLICIT_BUFFER_ATTRIBUTES } from "./user-entry.ts";
import type { LdapSettings } from "./settings.ts";

export const IN_CHAIN = "1.2.840.113556.1.4.1941";
const MAX_DEPTH = 32;
const MAX_GROUPS = 2000;
const SID_BATCH = 200;

export type Searcher = (base: string, options: SearchOptions) => Promise<LdapEntry[]>;

export interface Group {
  dn: string;
  name: string;
}

function values(entry: LdapEntry, name: string): (string | Buffer)[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
  const raw = key === undefined ? [] : entry[key];
  return raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
}

function stringValues(entry: LdapEntry, name: string): string[] {
  return values(entry, name).filter((v): v is string => typeof v === "string");
}

function groupOf(entry: LdapEntry): Group {
  return { dn: entry.dn, name: stringValues(entry, "cn")[0] ?? firstRdnValue(entry.dn) ?? entry.dn };
}

/** Adds groups not seen before (by normalised DN); returns the new ones. */
function collect(found: Map<string, Group>, groups: Group[]): Group[] {
  const fresh: Group[] = [];
  for (const g of groups) {
    const key = cachedNormalizeDn(g.dn) ?? g.dn.toLowerCase();
    if (found.has(key)) continue;
    found.set(key, g);
    fresh.push(g);
  }
  if (found.size > MAX_GROUPS) throw unavailable("too many groups");
  return fresh;
}

async function inChain(search: Searcher, s: LdapSettings, userDn: string): Promise<Group[]> {
  const filter = `(&${s.groupClassFilter}(member:${IN_CHAIN}:=${escapeFilterValue(userDn)}))`;
  return (await search(s.baseDn, { scope: "sub", filter, attributes: ["cn"] })).map(groupOf);
}

async function tokenGroups(search: Searcher, s: LdapSettings, userDn: string): Promise<Group[]> {
  const [user] = await search(userDn, { scope: "base", filter: "(objectClass=*)", attributes: ["tokenGroups"], explicitBufferAttributes: EXPLICIT_BUFFER_ATTRIBUTES });
  const sids = user ? values(user, "tokenGroups").filter((v): v is Buffer => Buffer.isBuffer(v)) : [];
  const found = new Map<string, Group>();
  for (let i = 0; i < sids.length; i += SID_BATCH) {
    const anySid = new OrFilter({ filters: sids.slice(i, i + SID_BATCH).map((sid) => new EqualityFilter({ attribute: "objectSid", value: sid })) });
    const filter: Filter = new AndFilter({ filters: [FilterParser.parseString(s.groupClassFilter), anySid] });
    collect(found, (await search(s.baseDn, { scope: "sub", filter, attributes: ["cn"] })).map(groupOf));
  }
  return [...found.values()];
}

/** Base search of one group; a group that vanished (noSuchObject) is kept by its DN, without parents. */
async function readGroup(search: Searcher, dn: string): Promise<{ group: Group; parents: string[] }> {
  try {
    const [entry] = await search(dn, { scope: "base", filter: "(objectClass=*)", attributes: ["cn", "memberOf"] });
    if (!entry) return { group: { dn, name: firstRdnValue(dn) ?? dn }, parents: [] };
    return { group: groupOf(entry), parents: stringValues(entry, "memberOf") };
  } catch (err) {
    if (resultOf(err)?.resultCode === NO_SUCH_OBJECT) return { group: { dn, name: firstRdnValue(dn) ?? dn }, parents: [] };
    throw err;
  }
}

async function memberOfWalk(search: Searcher, directMemberOf: string[]): Promise<Group[]> {
  const found = new Map<string, Group>();
  const seen = new Set<string>();
  let level = directMemberOf;
  for (let depth = 0; level.length && depth < MAX_DEPTH; depth++) {
    const todo = level.filter((dn) => {
      const key = cachedNormalizeDn(dn) ?? dn.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const read = await Promise.all(todo.map((dn) => readGroup(search, dn)));
    collect(found, read.map((r) => r.group));
    level = read.flatMap((r) => r.parents);
  }
  return [...found.values()];
}

async function memberSearchWalk(search: Searcher, s: LdapSettings, userDn: string): Promise<Group[]> {
  const found = new Map<string, Group>();
  let targets = [userDn];
  for (let depth = 0; targets.length && depth < MAX_DEPTH; depth++) {
    const anyMember = targets.map((dn) => `(member=${escapeFilterValue(dn)})(uniqueMember=${escapeFilterValue(dn)})`).join("");
    const filter = `(&${s.groupClassFilter}(|${anyMember}))`;
    const fresh = collect(found, (await search(s.baseDn, { scope: "sub", filter, attributes: ["cn"] })).map(groupOf));
    targets = fresh.map((g) => g.dn);
  }
  return [...found.values()];
}

/** The user's groups. `user` is the user's entry as found (its memberOf values are used). */
export async function resolveGroups(search: Searcher, s: LdapSettings, user: LdapEntry): Promise<Group[]> {
  try {
    switch (s.groupStrategy) {
      case "inChain":
        return await inChain(search, s, user.dn);
      case "tokenGroups":
        return await tokenGroups(search, s, user.dn);
      case "memberOf": {
        const direct = stringValues(user, "memberOf");
        if (direct.length === 0 && s.flavour === "openldap") return await memberSearchWalk(search, s, user.dn);
        return await memberOfWalk(search, direct);
      }
    }
  } catch (err) {
    if (err instanceof DirectoryError) throw err;
    throw unavailable("group search failed", err);
  }
}

// Search over the embedded directory: scope (base, one level, subtree), filter, size limit and
// attribute selection, answered as a domain controller answers: only the root DSE is readable
// without a bind, a missing base is noSuchObject with AD's wording, and a subtree search from the
// domain root also returns AD's continuation references (which clients must ignore).
import { projectEntry, selection } from "./attributes.ts";
import { matchesFilter, type FilterNode } from "./filter.ts";
import { ResultCode, type SearchOp, type SearchResult } from "./protocol.ts";
import { rootDse } from "./root-dse.ts";
import { parseDn, normalizeRdns } from "../dn.ts";
import type { DirectoryTree, Entry } from "./tree.ts";

export const AD_NEEDS_BIND =
  "000004DC: LdapErr: DSID-0C090A5C, comment: In order to perform this operation a successful bind must be completed on the connection., data 0, v4563";

export interface SearchContext {
  tree: DirectoryTree;
  now: Date;
  authenticated: boolean;
  startTls: boolean;
  /** Send AD's ForestDnsZones/DomainDnsZones/Configuration references on subtree searches. */
  references: boolean;
}

function noSuchObject(tree: DirectoryTree, baseDn: string): SearchResult {
  let matched = "";
  try {
    const rdns = parseDn(baseDn);
    for (let i = 1; i < rdns.length && matched === ""; i++) {
      matched = tree.getByNdn(normalizeRdns(rdns.slice(i)))?.dn ?? "";
    }
  } catch {
    // not a DN: nothing matched
  }
  return {
    resultCode: ResultCode.noSuchObject,
    matchedDn: matched,
    diagnostic: `0000208D: NameErr: DSID-0310028C, problem 2001 (NO_OBJECT), data 0, best match of:\n\t'${matched}'\n`,
    entries: [],
    references: [],
  };
}

/** Scopes: 0 base, 1 one level, 2 subtree, 3 subordinates (subtree without the base). */
function* inScope(base: Entry, scope: number): Generator<Entry> {
  if (scope === 0) {
    yield base;
    return;
  }
  if (scope === 1) {
    yield* base.children;
    return;
  }
  const stack: Entry[] = [base];
  while (stack.length) {
    const e = stack.pop() as Entry;
    if (scope !== 3 || e !== base) yield e;
    for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i] as Entry);
  }
}

/**
 * Equality lookups on the attributes a login searches by (sAMAccountName, userPrincipalName),
 * indexed once per tree (it is read-only): a filter that needs one of them narrows the search to
 * the entries holding the value, which are then checked against the whole filter as before, in
 * tree order. An attribute with a binary (non-UTF-8) value anywhere is not indexed.
 */
const INDEXED_ATTRIBUTES = ["samaccountname", "userprincipalname"];

interface SearchIndex {
  /** Entry → its position in a depth-first walk of the tree (the order a scan returns). */
  order: Map<Entry, number>;
  /** Attribute → lower-cased value → entries. */
  byValue: Map<string, Map<string, Entry[]>>;
}

const INDEXES = new WeakMap<DirectoryTree, SearchIndex>();

function indexOf(tree: DirectoryTree): SearchIndex {
  let index = INDEXES.get(tree);
  if (index) return index;
  const order = new Map<Entry, number>();
  for (const root of tree.namingContexts) for (const e of inScope(root, 2)) order.set(e, order.size);
  const byValue = new Map<string, Map<string, Entry[]>>();
  for (const attribute of INDEXED_ATTRIBUTES) {
    const values = new Map<string, Entry[]>();
    let binary = false;
    for (const entry of tree.entries) {
      for (const v of entry.attrs.get(attribute)?.values ?? []) {
        if (typeof v !== "string") binary = true;
        else {
          const key = v.toLowerCase();
          const list = values.get(key);
          if (!list) values.set(key, [entry]);
          else if (!list.includes(entry)) list.push(entry);
        }
      }
    }
    if (!binary) byValue.set(attribute, values);
  }
  index = { order, byValue };
  INDEXES.set(tree, index);
  return index;
}

/** A superset of the entries that can match `filter`, or undefined when the index cannot tell. */
function candidates(index: SearchIndex, filter: FilterNode): Set<Entry> | undefined {
  switch (filter.type) {
    case "equality": {
      const semi = filter.attribute.indexOf(";");
      const attribute = (semi < 0 ? filter.attribute : filter.attribute.slice(0, semi)).toLowerCase();
      const values = index.byValue.get(attribute);
      return values ? new Set(values.get(filter.value.toString("utf8").toLowerCase()) ?? []) : undefined;
    }
    case "and":
      for (const f of filter.filters) {
        const found = candidates(index, f);
        if (found) return found;
      }
      return undefined;
    case "or": {
      if (filter.filters.length === 0) return undefined;
      const all = new Set<Entry>();
      for (const f of filter.filters) {
        const found = candidates(index, f);
        if (!found) return undefined;
        for (const e of found) all.add(e);
      }
      return all;
    }
    default:
      return undefined;
  }
}

function inScopeOf(base: Entry, scope: number, entry: Entry): boolean {
  if (scope === 0) return entry === base;
  if (scope === 1) return entry.parent === base;
  if (scope === 3 && entry === base) return false;
  for (let e: Entry | undefined = entry; e; e = e.parent) if (e === base) return true;
  return false;
}

/** The entries a search looks at, in scan order: narrowed by the index when the filter allows. */
function searched(tree: DirectoryTree, base: Entry, scope: number, filter: FilterNode): Iterable<Entry> {
  if (scope === 0) return inScope(base, scope);
  const index = indexOf(tree);
  const found = candidates(index, filter);
  if (!found) return inScope(base, scope);
  const order = index.order;
  return [...found].filter((e) => inScopeOf(base, scope, e)).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

function adReferences(tree: DirectoryTree): string[][] {
  const base = tree.defaultNamingContext.dn;
  const domain = tree.dnsDomain;
  return [
    [`ldap://ForestDnsZones.${domain}/DC=ForestDnsZones,${base}`],
    [`ldap://DomainDnsZones.${domain}/DC=DomainDnsZones,${base}`],
    [`ldap://${domain}/CN=Configuration,${base}`],
  ];
}

export function search(ctx: SearchContext, op: SearchOp): SearchResult {
  const { tree, now } = ctx;
  const sel = selection(op.attributes);
  if (op.baseDn.trim() === "") {
    if (op.scope !== 0) return noSuchObject(tree, op.baseDn);
    const dse = rootDse(tree, now, ctx.startTls);
    const entries = matchesFilter(tree, dse, op.filter) ? [projectEntry(tree, dse, sel, true, op.typesOnly, now)] : [];
    return { resultCode: ResultCode.success, entries, references: [] };
  }
  if (!ctx.authenticated) return { resultCode: ResultCode.operationsError, diagnostic: AD_NEEDS_BIND, entries: [], references: [] };
  const base = tree.get(op.baseDn);
  if (!base) return noSuchObject(tree, op.baseDn);
  const result: SearchResult = { resultCode: ResultCode.success, entries: [], references: [] };
  for (const entry of searched(tree, base, op.scope, op.filter)) {
    if (!matchesFilter(tree, entry, op.filter)) continue;
    if (op.sizeLimit > 0 && result.entries.length >= op.sizeLimit) {
      result.resultCode = ResultCode.sizeLimitExceeded;
      break;
    }
    result.entries.push(projectEntry(tree, entry, sel, op.scope === 0, op.typesOnly, now));
  }
  if (ctx.references && op.scope === 2 && base === tree.defaultNamingContext) result.references = adReferences(tree);
  return result;
}

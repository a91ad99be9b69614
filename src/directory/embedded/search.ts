// Search over the embedded directory: scope (base, one level, subtree), filter, size limit and
// attribute selection, answered as a domain controller answers: only the root DSE is readable
// without a bind, a missing base is noSuchObject with AD's wording, and a subtree search from the
// domain root also returns AD's continuation references (which clients must ignore).
import { projectEntry, selection } from "./attributes.ts";
import { matchesFilter } from "./filter.ts";
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
  for (const entry of inScope(base, op.scope)) {
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

// The "Active Directory" attribute store: answers AD FS queries such as
// `";mail,tokenGroups;{0}"` with param `CORP\alice` from a user that `resolve` reads from the
// directory. Structural types only: claims does not depend on src/directory.
import { AD_AUTHORITY } from "./claim-types.ts";
import type { AttributeStore } from "./claim.ts";
import { ClaimRulesStoreError, ClaimRulesUnsupportedQueryError } from "./errors.ts";
import { formatQuery, maxPlaceholder, parseAdQuery, type AdAttribute, type AdQuery } from "./store-query.ts";

/** What the store needs of a directory user (the shape of src/directory's DirectoryUser). */
export interface DirectoryUserLike {
  /** sAMAccountName (or uid), without domain. */
  username: string;
  /** NetBIOS-style domain: CORP. */
  domain: string;
  dn: string;
  /** Values by lower-cased attribute name. */
  attributes: Record<string, string[]>;
  /** Every group, nested ones included: short names. */
  groups: string[];
}

/** Reads a user by account name (without domain: `alice`). Its errors pass through evaluate() unchanged. */
export type ResolveAccount = (accountName: string) => Promise<DirectoryUserLike>;

/** `corp.example.test` from `CN=alice,OU=People,DC=corp,DC=example,DC=test`, or "" without DC= parts. */
function dnsDomainOf(dn: string): string {
  return dn
    .split(/(?<!\\),/)
    .map((rdn) => rdn.trim())
    .filter((rdn) => /^dc=/i.test(rdn))
    .map((rdn) => rdn.slice(3))
    .join(".");
}

function own(record: Record<string, string[]>, name: string): string[] | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

function valuesOf(user: DirectoryUserLike, attribute: AdAttribute): string[] {
  if (attribute.kind === "tokenGroups") {
    if (attribute.qualifier === "none") return user.groups.slice();
    const prefix = attribute.qualifier === "domainQualifiedName" ? user.domain : dnsDomainOf(user.dn) || user.domain;
    return user.groups.map((group) => `${prefix}\\${group}`);
  }
  const values = own(user.attributes, attribute.name);
  if (values !== undefined) return values.slice();
  if (attribute.name === "samaccountname") return [user.username];
  if (attribute.name === "distinguishedname") return [user.dn];
  return [];
}

/** `CORP\alice` → { domain: "CORP", account: "alice" }; `alice` → { domain: null, account: "alice" }. */
function splitAccount(name: string): { domain: string | null; account: string } {
  const slash = name.indexOf("\\");
  return slash === -1 ? { domain: null, account: name } : { domain: name.slice(0, slash), account: name.slice(slash + 1) };
}

/** `CORP\alice` and `corp.example.test\alice` both name alice of CORP (corp.example.test). */
function sameDomain(domain: string, user: DirectoryUserLike): boolean {
  const d = domain.toLowerCase();
  return d === user.domain.toLowerCase() || d === dnsDomainOf(user.dn).toLowerCase();
}

/** Checks an Active Directory query at start-up: returns a message, or null when federa can run it. */
export function checkActiveDirectoryQuery(query: string, typeCount: number): string | null {
  const parsed = parseAdQuery(query);
  if (typeof parsed === "string") return parsed;
  if (parsed.attributes.length !== typeCount) {
    return `the query asks for ${parsed.attributes.length} attribute(s) but types = (...) names ${typeCount} claim type(s)`;
  }
  return null;
}

export function createActiveDirectoryStore(resolve: ResolveAccount): AttributeStore {
  const parsed = new Map<string, AdQuery>();
  const parse = (query: string): AdQuery => {
    let q = parsed.get(query);
    if (q === undefined) {
      const result = parseAdQuery(query);
      if (typeof result === "string") throw new ClaimRulesUnsupportedQueryError(`Active Directory attribute store: ${result}`);
      const placeholders = maxPlaceholder(result.template);
      if (typeof placeholders === "string") throw new ClaimRulesUnsupportedQueryError(`Active Directory attribute store: ${placeholders}`);
      q = result;
      parsed.set(query, q);
    }
    return q;
  };

  return {
    issuer: AD_AUTHORITY,
    async query(query: string, params: string[]): Promise<string[][]> {
      const q = parse(query);
      const name = formatQuery(q.template, params).trim();
      const { domain, account } = splitAccount(name);
      if (account === "") throw new ClaimRulesStoreError("Active Directory attribute store: the query names no account");
      const user = await resolve(account);
      if (domain !== null && user.domain !== "" && !sameDomain(domain, user)) {
        throw new ClaimRulesStoreError(`Active Directory attribute store: the account's domain "${domain}" is not the directory's domain "${user.domain}"`, {
          account: name,
        });
      }
      return q.attributes.map((attribute) => valuesOf(user, attribute));
    },
  };
}

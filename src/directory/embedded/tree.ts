// The embedded directory's data: the LDIF's entries in memory, read-only, indexed by normalised
// DN, with what AD computes itself: distinguishedName, memberOf (from the groups' member values),
// nested-group closures, and the principal names a simple bind accepts.
import { cachedNormalizeDn, dnsDomainOf, normalizeDn, normalizeRdns, parseDn, tryNormalizeDn, DnSyntaxError } from "../dn.ts";
import { adInterval } from "../ad/account-control.ts";
import { parseLdif, LdifSyntaxError } from "./ldif.ts";

export type Value = string | Buffer;

export interface Attr {
  /** The name as written in the LDIF (or AD's spelling for computed attributes). */
  name: string;
  values: Value[];
}

export interface Entry {
  dn: string;
  ndn: string;
  parent: Entry | undefined;
  children: Entry[];
  /** By lower-cased attribute name. */
  attrs: Map<string, Attr>;
}

/** Attributes held as bytes, whatever the LDIF wrote. */
export const BINARY_ATTRIBUTES = new Set([
  "objectguid", "objectsid", "sidhistory", "tokengroups", "thumbnailphoto", "jpegphoto",
  "usercertificate", "ms-ds-consistencyguid", "msexchmailboxguid",
]);

/** Attributes whose values are DNs: compared as DNs, followed by LDAP_MATCHING_RULE_IN_CHAIN. */
export const DN_ATTRIBUTES = new Set([
  "member", "memberof", "distinguishedname", "manager", "directreports", "managedby",
  "objectcategory", "seealso", "owner", "uniquemember", "secretary",
]);

/** Never sent to a client, as AD never returns unicodePwd. */
export const SECRET_ATTRIBUTES = new Set(["userpassword", "unicodepwd", "dbcspwd", "ntpwdhistory", "lmpwdhistory", "supplementalcredentials"]);

export class DirectoryLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DirectoryLoadError";
  }
}

function toValue(attribute: string, value: string | Buffer): Value {
  if (BINARY_ATTRIBUTES.has(attribute)) return typeof value === "string" ? Buffer.from(value, "utf8") : value;
  if (typeof value === "string") return value;
  const text = value.toString("utf8");
  return Buffer.from(text, "utf8").equals(value) ? text : value;
}

export function firstString(entry: Entry, attribute: string): string | undefined {
  const v = entry.attrs.get(attribute)?.values[0];
  return typeof v === "string" ? v : undefined;
}

export interface TreeOptions {
  /** The NetBIOS name accepted in `NETBIOS\user` binds; default: the first DC, upper-cased. */
  netbiosName?: string;
}

export class DirectoryTree {
  readonly entries: Entry[] = [];
  readonly namingContexts: Entry[] = [];
  readonly netbiosName: string;
  readonly dnsDomain: string;
  /** Domain policy from the naming context's entry (AD keeps it on the domain object). */
  readonly lockoutDuration: bigint | undefined;
  readonly maxPwdAge: bigint | undefined;
  readonly #byNdn = new Map<string, Entry>();
  readonly #bySam = new Map<string, Entry>();
  readonly #byUpn = new Map<string, Entry>();
  readonly #closures = new Map<string, Set<string>>();

  constructor(text: string, options: TreeOptions = {}) {
    let records;
    try {
      records = parseLdif(text);
    } catch (err) {
      if (err instanceof LdifSyntaxError) throw new DirectoryLoadError(err.message);
      throw err;
    }
    const parentNdns = new Map<Entry, string | undefined>();
    for (const record of records) {
      let ndn: string;
      let parentNdn: string | undefined;
      try {
        const rdns = parseDn(record.dn);
        if (rdns.length === 0) throw new DnSyntaxError("empty DN");
        ndn = normalizeDn(record.dn);
        parentNdn = rdns.length > 1 ? normalizeRdns(rdns.slice(1)) : undefined;
      } catch (err) {
        throw new DirectoryLoadError(`LDIF line ${record.line}: invalid DN: ${(err as Error).message}`);
      }
      if (this.#byNdn.has(ndn)) throw new DirectoryLoadError(`LDIF line ${record.line}: duplicate entry ${record.dn}`);
      const attrs = new Map<string, Attr>();
      for (const a of record.attributes) {
        const key = a.name.toLowerCase();
        attrs.set(key, { name: a.name, values: a.values.map((v) => toValue(key, v)) });
      }
      if (!attrs.has("distinguishedname")) attrs.set("distinguishedname", { name: "distinguishedName", values: [record.dn] });
      const entry: Entry = { dn: record.dn, ndn, parent: undefined, children: [], attrs };
      this.entries.push(entry);
      this.#byNdn.set(ndn, entry);
      parentNdns.set(entry, parentNdn);
    }
    for (const entry of this.entries) {
      const parentNdn = parentNdns.get(entry);
      const parent = parentNdn === undefined ? undefined : this.#byNdn.get(parentNdn);
      if (parent) {
        entry.parent = parent;
        parent.children.push(entry);
      } else {
        this.namingContexts.push(entry);
      }
    }
    if (this.namingContexts.length === 0) throw new DirectoryLoadError("the LDIF holds no entries");
    this.#computeMemberOf();
    this.#indexPrincipals();
    const root = this.namingContexts[0] as Entry;
    this.dnsDomain = dnsDomainOf(root.dn);
    this.netbiosName = (options.netbiosName ?? this.dnsDomain.split(".")[0] ?? "").toUpperCase();
    this.lockoutDuration = adInterval(firstString(root, "lockoutduration"));
    this.maxPwdAge = adInterval(firstString(root, "maxpwdage"));
  }

  get defaultNamingContext(): Entry {
    return this.namingContexts[0] as Entry;
  }

  get(dn: string): Entry | undefined {
    const ndn = cachedNormalizeDn(dn);
    return ndn === undefined ? undefined : this.#byNdn.get(ndn);
  }

  getByNdn(ndn: string): Entry | undefined {
    return this.#byNdn.get(ndn);
  }

  /** memberOf is computed from the groups' member values, as AD maintains its back-link. */
  #computeMemberOf(): void {
    for (const group of this.entries) {
      for (const member of group.attrs.get("member")?.values ?? []) {
        if (typeof member !== "string") continue;
        const target = this.get(member);
        if (!target) continue;
        const memberOf = target.attrs.get("memberof") ?? { name: "memberOf", values: [] };
        const known = new Set(memberOf.values.map((v) => (typeof v === "string" ? tryNormalizeDn(v) : undefined)));
        if (!known.has(group.ndn)) memberOf.values.push(group.dn);
        target.attrs.set("memberof", memberOf);
      }
    }
  }

  #indexPrincipals(): void {
    for (const entry of this.entries) {
      const sam = firstString(entry, "samaccountname");
      if (sam) this.#bySam.set(sam.toLowerCase(), entry);
      const upn = firstString(entry, "userprincipalname");
      if (upn) this.#byUpn.set(upn.toLowerCase(), entry);
    }
  }

  /**
   * The entry a simple bind names, in any form AD accepts: a DN, a UPN (`alice@corp.example.test`),
   * a down-level name (`CORP\alice`) or a bare sAMAccountName.
   */
  findPrincipal(name: string): Entry | undefined {
    const backslash = name.indexOf("\\");
    if (backslash > 0 && !name.includes("=")) {
      const domain = name.slice(0, backslash).toUpperCase();
      if (domain !== this.netbiosName && domain !== this.dnsDomain.toUpperCase()) return undefined;
      return this.#bySam.get(name.slice(backslash + 1).toLowerCase());
    }
    if (name.includes("=")) return this.get(name);
    const at = name.lastIndexOf("@");
    if (at > 0) {
      const byUpn = this.#byUpn.get(name.toLowerCase());
      if (byUpn) return byUpn;
      if (name.slice(at + 1).toLowerCase() !== this.dnsDomain.toLowerCase()) return undefined;
      return this.#bySam.get(name.slice(0, at).toLowerCase());
    }
    return this.#bySam.get(name.toLowerCase());
  }

  /**
   * Every DN reached from `entry` by following `attribute` (member or memberOf) transitively: the
   * set LDAP_MATCHING_RULE_IN_CHAIN tests against. Cycles are harmless; results are cached
   * because the tree never changes.
   */
  closure(entry: Entry, attribute: string): Set<string> {
    const key = `${attribute}\u0000${entry.ndn}`;
    const cached = this.#closures.get(key);
    if (cached) return cached;
    const seen = new Set<string>();
    const queue: Entry[] = [entry];
    while (queue.length) {
      const current = queue.shift() as Entry;
      for (const v of current.attrs.get(attribute)?.values ?? []) {
        const ndn = typeof v === "string" ? tryNormalizeDn(v) : undefined;
        if (ndn === undefined || seen.has(ndn)) continue;
        seen.add(ndn);
        const next = this.#byNdn.get(ndn);
        if (next) queue.push(next);
      }
    }
    this.#closures.set(key, seen);
    return seen;
  }
}

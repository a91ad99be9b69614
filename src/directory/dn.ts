// Distinguished names (RFC 4514): parsing, and a normalised form for comparison. Active Directory
// and OpenLDAP compare DNs case-insensitively, ignore spaces around separators and accept any
// escaping of the same value, so `CN=Okafor\, Erin` and `cn=okafor\2C erin` are the same entry.
import { escapeDnValue } from "./escape.ts";

export interface Ava {
  /** The attribute type as written (cn, CN, 2.5.4.3). */
  type: string;
  /** The unescaped value; a `#hex` value is kept as written, lower-cased. */
  value: string;
}

/** One RDN: usually one AVA, several for multi-valued RDNs (`cn=a+sn=b`). */
export type Rdn = Ava[];

export class DnSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DnSyntaxError";
  }
}

const HEX = /^[0-9a-fA-F]{2}$/;

/** Parses a DN into its RDNs, most specific first. The empty string is the root DSE (no RDNs). */
export function parseDn(dn: string): Rdn[] {
  const rdns: Rdn[] = [];
  if (dn.trim() === "") return rdns;
  let i = 0;
  let rdn: Rdn = [];
  const n = dn.length;
  while (i < n) {
    while (i < n && dn[i] === " ") i++;
    const typeStart = i;
    while (i < n && dn[i] !== "=" && dn[i] !== "," && dn[i] !== "+") i++;
    const type = dn.slice(typeStart, i).trim();
    if (dn[i] !== "=" || !/^([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)*)$/.test(type)) {
      throw new DnSyntaxError(`invalid attribute type at offset ${typeStart}`);
    }
    i++;
    while (i < n && dn[i] === " ") i++;
    let value: string;
    if (dn[i] === "#") {
      const start = i;
      i++;
      while (i < n && /[0-9a-fA-F]/.test(dn[i] as string)) i++;
      value = dn.slice(start, i).toLowerCase();
      while (i < n && dn[i] === " ") i++;
    } else {
      const bytes: number[] = [];
      let trailingSpaces = 0;
      while (i < n && dn[i] !== "," && dn[i] !== "+" && dn[i] !== ";") {
        const ch = dn[i] as string;
        if (ch === "\\") {
          const pair = dn.slice(i + 1, i + 3);
          if (HEX.test(pair)) {
            bytes.push(parseInt(pair, 16));
            i += 3;
          } else if (i + 1 < n) {
            bytes.push(...Buffer.from(dn[i + 1] as string, "utf8"));
            i += 2;
          } else {
            throw new DnSyntaxError("DN ends with an escape character");
          }
          trailingSpaces = 0;
        } else {
          bytes.push(...Buffer.from(ch, "utf8"));
          trailingSpaces = ch === " " ? trailingSpaces + 1 : 0;
          i++;
        }
      }
      value = Buffer.from(bytes.slice(0, bytes.length - trailingSpaces)).toString("utf8");
    }
    rdn.push({ type, value });
    if (i >= n) break;
    const sep = dn[i];
    i++;
    if (sep === "," || sep === ";") {
      rdns.push(rdn);
      rdn = [];
      if (i >= n) throw new DnSyntaxError("DN ends with a separator");
    }
  }
  rdns.push(rdn);
  return rdns;
}

function normalizeRdn(rdn: Rdn): string {
  return rdn
    .map((ava) => `${ava.type.toLowerCase()}=${escapeDnValue(ava.value.toLowerCase())}`)
    .sort()
    .join("+");
}

/** The comparison form: lower-cased, canonically escaped, no optional spaces. Throws DnSyntaxError. */
export function normalizeDn(dn: string): string {
  return normalizeRdns(parseDn(dn));
}

/** The comparison form of already parsed RDNs (a parent DN is `normalizeRdns(rdns.slice(1))`). */
export function normalizeRdns(rdns: Rdn[]): string {
  return rdns.map(normalizeRdn).join(",");
}

/** normalizeDn, or undefined for a string that is not a DN. */
export function tryNormalizeDn(dn: string): string | undefined {
  try {
    return normalizeDn(dn);
  } catch {
    return undefined;
  }
}

const cache = new Map<string, string | undefined>();
const CACHE_LIMIT = 50_000;

/**
 * tryNormalizeDn with a bounded memo: the same few DNs (bases, groups, users) are normalised on
 * every login. The memo is dropped whole when full.
 */
export function cachedNormalizeDn(dn: string): string | undefined {
  let ndn = cache.get(dn);
  if (ndn === undefined && !cache.has(dn)) {
    ndn = tryNormalizeDn(dn);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(dn, ndn);
  }
  return ndn;
}

/** The value of the first RDN (the `cn` of a group's DN), or undefined. */
export function firstRdnValue(dn: string): string | undefined {
  try {
    return parseDn(dn)[0]?.[0]?.value;
  } catch {
    return undefined;
  }
}

/** `DC=corp,DC=example,DC=test` → `corp.example.test` (only the DC components, in order). */
export function dnsDomainOf(dn: string): string {
  try {
    return parseDn(dn)
      .filter((rdn) => rdn.length === 1 && rdn[0]?.type.toLowerCase() === "dc")
      .map((rdn) => rdn[0]?.value ?? "")
      .join(".");
  } catch {
    return "";
  }
}

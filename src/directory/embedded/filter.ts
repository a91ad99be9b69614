// Search filter evaluation for the embedded directory, with Active Directory's matching: values
// compare case-insensitively, DN-valued attributes compare as DNs, SIDs match in binary or
// `S-1-…` form, and the extensible rules AD clients use: LDAP_MATCHING_RULE_IN_CHAIN
// (1.2.840.113556.1.4.1941) and the bitwise AND/OR rules (…803, …804).
// Password attributes never match anything, so a filter cannot be used to guess one.
import { cachedNormalizeDn as cachedNdn, parseDn } from "../dn.ts";
import { sidToString } from "../ad/binary-values.ts";
import { DN_ATTRIBUTES, SECRET_ATTRIBUTES, type DirectoryTree, type Entry, type Value } from "./tree.ts";

/** A parsed search filter (RFC 4511 §4.5.1.7), independent of the library that decoded it. */
export type FilterNode =
  | { type: "and" | "or"; filters: FilterNode[] }
  | { type: "not"; filter: FilterNode }
  | { type: "equality" | "ge" | "le" | "approx"; attribute: string; value: Buffer }
  | { type: "substring"; attribute: string; initial?: string | undefined; any: string[]; final?: string | undefined }
  | { type: "present"; attribute: string }
  | { type: "extensible"; attribute?: string | undefined; rule?: string | undefined; value: string; dnAttributes: boolean };

export const IN_CHAIN = "1.2.840.113556.1.4.1941";
const BIT_AND = "1.2.840.113556.1.4.803";
const BIT_OR = "1.2.840.113556.1.4.804";
const SID_ATTRIBUTES = new Set(["objectsid", "tokengroups", "sidhistory"]);

/** The attribute type without options (`cn;lang-en` → `cn`), lower-cased. */
function baseName(attribute: string): string {
  const semi = attribute.indexOf(";");
  return (semi < 0 ? attribute : attribute.slice(0, semi)).toLowerCase();
}

function valuesOf(entry: Entry, attribute: string): Value[] {
  if (SECRET_ATTRIBUTES.has(attribute)) return [];
  return entry.attrs.get(attribute)?.values ?? [];
}

function equalsValue(attribute: string, stored: Value, asserted: string | Buffer): boolean {
  if (typeof stored !== "string") {
    const bytes = typeof asserted === "string" ? Buffer.from(asserted, "utf8") : asserted;
    if (stored.equals(bytes)) return true;
    if (!SID_ATTRIBUTES.has(attribute)) return false;
    const text = bytes.toString("utf8");
    return /^S-\d/i.test(text) && sidToString(stored)?.toUpperCase() === text.toUpperCase();
  }
  const text = typeof asserted === "string" ? asserted : asserted.toString("utf8");
  if (DN_ATTRIBUTES.has(attribute)) {
    const want = cachedNdn(text);
    if (want !== undefined) return want === cachedNdn(stored);
    // AD expands `(objectCategory=person)` to the category's DN.
    return attribute === "objectcategory" && parseDn(stored)[0]?.[0]?.value.toLowerCase() === text.toLowerCase();
  }
  return stored.toLowerCase() === text.toLowerCase();
}

function compareOrdered(stored: Value, asserted: Buffer): number | undefined {
  if (typeof stored !== "string") return undefined;
  const text = asserted.toString("utf8");
  if (/^-?\d+$/.test(stored) && /^-?\d+$/.test(text)) {
    const a = BigInt(stored);
    const b = BigInt(text);
    return a === b ? 0 : a < b ? -1 : 1;
  }
  const a = stored.toLowerCase();
  const b = text.toLowerCase();
  return a === b ? 0 : a < b ? -1 : 1;
}

function matchesSubstring(stored: Value, f: Extract<FilterNode, { type: "substring" }>): boolean {
  if (typeof stored !== "string") return false;
  let rest = stored.toLowerCase();
  if (f.initial !== undefined) {
    const initial = f.initial.toLowerCase();
    if (!rest.startsWith(initial)) return false;
    rest = rest.slice(initial.length);
  }
  for (const part of f.any) {
    const at = rest.indexOf(part.toLowerCase());
    if (at < 0) return false;
    rest = rest.slice(at + part.length);
  }
  return f.final === undefined || rest.endsWith(f.final.toLowerCase());
}

function matchesBits(stored: Value, asserted: string, rule: string): boolean {
  if (typeof stored !== "string" || !/^-?\d+$/.test(stored) || !/^\d+$/.test(asserted)) return false;
  const mask = BigInt(asserted);
  const value = BigInt.asUintN(64, BigInt(stored));
  return rule === BIT_AND ? (value & mask) === mask : (value & mask) !== 0n;
}

function matchesExtensible(tree: DirectoryTree, entry: Entry, f: Extract<FilterNode, { type: "extensible" }>): boolean {
  const attribute = f.attribute === undefined ? undefined : baseName(f.attribute);
  const rule = f.rule?.toLowerCase();
  const test = (attr: string, stored: Value): boolean => {
    switch (rule) {
      case undefined:
      case "2.5.13.2":
      case "caseignorematch":
        return equalsValue(attr, stored, f.value);
      case "2.5.13.5":
      case "caseexactmatch":
        return typeof stored === "string" && stored === f.value;
      case "2.5.13.1":
      case "distinguishednamematch":
        return typeof stored === "string" && cachedNdn(stored) !== undefined && cachedNdn(stored) === cachedNdn(f.value);
      case BIT_AND:
      case BIT_OR:
        return matchesBits(stored, f.value, rule);
      default:
        return false;
    }
  };
  if (rule === IN_CHAIN) {
    if (attribute === undefined || SECRET_ATTRIBUTES.has(attribute)) return false;
    const target = cachedNdn(f.value);
    return target !== undefined && tree.closure(entry, attribute).has(target);
  }
  if (attribute !== undefined && valuesOf(entry, attribute).some((v) => test(attribute, v))) return true;
  if (!f.dnAttributes) return false;
  return parseDn(entry.dn).some((rdn) =>
    rdn.some((ava) => (attribute === undefined || ava.type.toLowerCase() === attribute) && test(ava.type.toLowerCase(), ava.value)),
  );
}

/** Whether `entry` matches `filter` (two-valued: an undefined comparison counts as false). */
export function matchesFilter(tree: DirectoryTree, entry: Entry, filter: FilterNode): boolean {
  switch (filter.type) {
    case "and":
      return filter.filters.every((f) => matchesFilter(tree, entry, f));
    case "or":
      return filter.filters.some((f) => matchesFilter(tree, entry, f));
    case "not":
      return !matchesFilter(tree, entry, filter.filter);
    case "present": {
      const attribute = baseName(filter.attribute);
      return attribute === "objectclass" || valuesOf(entry, attribute).length > 0;
    }
    case "equality":
    case "approx": {
      const attribute = baseName(filter.attribute);
      return valuesOf(entry, attribute).some((v) => equalsValue(attribute, v, filter.value));
    }
    case "ge":
    case "le": {
      const sign = filter.type === "ge" ? 1 : -1;
      return valuesOf(entry, baseName(filter.attribute)).some((v) => {
        const c = compareOrdered(v, filter.value);
        return c !== undefined && c * sign >= 0;
      });
    }
    case "substring":
      return valuesOf(entry, baseName(filter.attribute)).some((v) => matchesSubstring(v, filter));
    case "extensible":
      return matchesExtensible(tree, entry, filter);
  }
}

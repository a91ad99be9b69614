// Which attributes of an entry a search returns: the requested ones (`*` or none = every user
// attribute, `1.1` = none), never a password, plus AD's constructed attributes when asked for by
// name: tokenGroups (base-scope searches only, as in AD) and msDS-User-Account-Control-Computed.
import { isLockedAt, isPasswordAged, mustChangePassword, UF_LOCKOUT, UF_PASSWORD_EXPIRED } from "../ad/account-control.ts";
import type { OutEntry } from "./protocol.ts";
import { firstString, SECRET_ATTRIBUTES, type DirectoryTree, type Entry } from "./tree.ts";

export interface Selection {
  all: boolean;
  names: Set<string>;
  /** Identifies the selection in the encoded-entry cache key. */
  key: string;
}

export function selection(requested: string[]): Selection {
  const names = new Set(requested.map((a) => a.toLowerCase()).filter((a) => a !== "1.1"));
  const all = requested.length === 0 || names.has("*");
  return { all, names, key: `${all ? "*" : ""}:${[...names].sort().join(",")}` };
}

function tokenGroups(tree: DirectoryTree, entry: Entry): Buffer[] {
  const sids: Buffer[] = [];
  for (const ndn of tree.closure(entry, "memberof")) {
    const sid = tree.getByNdn(ndn)?.attrs.get("objectsid")?.values[0];
    if (Buffer.isBuffer(sid)) sids.push(sid);
  }
  return sids;
}

function computedUac(tree: DirectoryTree, entry: Entry, now: Date): string | undefined {
  const uac = firstString(entry, "useraccountcontrol");
  if (uac === undefined) return undefined;
  let flags = 0;
  if (isLockedAt(firstString(entry, "lockouttime"), now, tree.lockoutDuration)) flags |= UF_LOCKOUT;
  const pwdLastSet = firstString(entry, "pwdlastset");
  if (mustChangePassword(pwdLastSet) || isPasswordAged(pwdLastSet, uac, now, tree.maxPwdAge)) flags |= UF_PASSWORD_EXPIRED;
  return String(flags);
}

export function projectEntry(tree: DirectoryTree, entry: Entry, sel: Selection, baseScope: boolean, typesOnly: boolean, now: Date): OutEntry {
  const attributes: OutEntry["attributes"] = [];
  let computedKey = "";
  const add = (name: string, values: (string | Buffer)[]): void => {
    if (values.length) attributes.push({ name, values: typesOnly ? [] : values });
  };
  for (const [key, attr] of entry.attrs) {
    if (SECRET_ATTRIBUTES.has(key)) continue;
    if (sel.all || sel.names.has(key)) add(attr.name, attr.values);
  }
  if (sel.names.has("tokengroups") && baseScope) add("tokenGroups", tokenGroups(tree, entry));
  if (sel.names.has("msds-user-account-control-computed")) {
    const computed = computedUac(tree, entry, now);
    if (computed !== undefined) add("msDS-User-Account-Control-Computed", [computed]);
    computedKey = computed ?? "";
  }
  // The tree never changes, so the entry's encoding depends only on this key.
  const cacheKey = `${entry.ndn}|${sel.key}|${baseScope ? 1 : 0}${typesOnly ? 1 : 0}|${computedKey}`;
  return { dn: entry.dn, attributes, cacheKey };
}

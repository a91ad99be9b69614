// The query strings of attribute-store rules: `{0}`, `{1}`... placeholders (.NET String.Format,
// with `{{` and `}}` for literal braces), and the Active Directory store's
// `<LDAP filter>;<attr1>,<attr2>;<account template>` form, parsed once and checked at start-up.

export type AdAttribute =
  | { kind: "attribute"; name: string /* lower-cased */ }
  | { kind: "tokenGroups"; qualifier: "none" | "domainQualifiedName" | "fullyQualifiedDomainName" };

export interface AdQuery {
  filter: string;
  attributes: AdAttribute[];
  template: string;
}

/** Highest placeholder index used by a format string, -1 if none; a message string if malformed. */
export function maxPlaceholder(format: string): number | string {
  let max = -1;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if ((ch === "{" || ch === "}") && format[i + 1] === ch) {
      i++;
      continue;
    }
    if (ch === "}") return `unbalanced "}" at index ${i}`;
    if (ch !== "{") continue;
    const m = /^\{(\d+)\}/.exec(format.slice(i));
    if (!m) return `malformed placeholder at index ${i} (expected {0}, {1}...)`;
    max = Math.max(max, Number(m[1]));
    i += m[0].length - 1;
  }
  return max;
}

/** Fills `{n}` placeholders; the format is checked beforehand (maxPlaceholder). */
export function formatQuery(format: string, params: readonly string[]): string {
  return format.replace(/\{\{|\}\}|\{(\d+)\}/g, (whole, index: string | undefined) => {
    if (index === undefined) return whole[0]!;
    return params[Number(index)] ?? "";
  });
}

const TOKEN_GROUP_QUALIFIERS: Record<string, AdAttribute & { kind: "tokenGroups" }> = {
  __proto__: null,
  "": { kind: "tokenGroups", qualifier: "none" },
  domainqualifiedname: { kind: "tokenGroups", qualifier: "domainQualifiedName" },
  fullyqualifieddomainname: { kind: "tokenGroups", qualifier: "fullyQualifiedDomainName" },
  longdomainqualifiedname: { kind: "tokenGroups", qualifier: "fullyQualifiedDomainName" },
} as unknown as Record<string, AdAttribute & { kind: "tokenGroups" }>;

/** Parses an Active Directory store query; returns a message when federa cannot run it. */
export function parseAdQuery(query: string): AdQuery | string {
  const parts = query.split(";");
  if (parts.length !== 3) {
    return `an Active Directory query has three parts separated by ";" (<LDAP filter>;<attributes>;<account>, e.g. ";mail;{0}"), found ${parts.length}`;
  }
  const [filter, list, template] = parts as [string, string, string];
  if (filter.trim() !== "") {
    return `LDAP filters in Active Directory queries are not supported (found "${filter}"): leave the filter empty, as in ";mail;{0}", with {0} the account name DOMAIN\\user`;
  }
  if (template.trim() === "") return 'the Active Directory query names no account: end it with ";{0}"';
  const attributes: AdAttribute[] = [];
  for (const raw of list.split(",")) {
    const item = raw.trim();
    const m = /^([A-Za-z][A-Za-z0-9-]*)(?:\(\s*([A-Za-z]*)\s*\))?$/.exec(item);
    if (!m) return item === "" ? "an empty attribute name in the Active Directory query" : `invalid attribute "${item}" in the Active Directory query`;
    const name = m[1]!.toLowerCase();
    const qualifier = m[2];
    if (name === "tokengroups") {
      const attr = TOKEN_GROUP_QUALIFIERS[(qualifier ?? "").toLowerCase()];
      if (!attr) return `unsupported tokenGroups form "${item}" (use tokenGroups, tokenGroups(domainQualifiedName) or tokenGroups(fullyQualifiedDomainName))`;
      attributes.push(attr);
    } else {
      if (qualifier !== undefined) return `only tokenGroups takes a qualifier, found "${item}"`;
      attributes.push({ kind: "attribute", name });
    }
  }
  return { filter, attributes, template };
}

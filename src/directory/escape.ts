// Escaping of values placed into LDAP filters (RFC 4515) and DNs (RFC 4514). Every value that
// comes from a user (a login name) or from a server (a DN) goes through here before it is
// written into a filter or a DN, so `*)(objectClass=*` stays a literal that matches nobody.

/**
 * RFC 4515 §3: in an assertion value, `*`, `(`, `)`, `\` and NUL must be written as `\XX`.
 * Other characters, UTF-8 included, are left as they are: ldapts's filter parser decodes `\XX`
 * one byte per character, so escaping multi-byte characters would corrupt them.
 */
export function escapeFilterValue(value: string): string {
  let out = "";
  for (const ch of value) {
    switch (ch) {
      case "*":
        out += "\\2a";
        break;
      case "(":
        out += "\\28";
        break;
      case ")":
        out += "\\29";
        break;
      case "\\":
        out += "\\5c";
        break;
      case "\u0000":
        out += "\\00";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

/**
 * RFC 4514 §2.4: an attribute value in a DN escapes `"`, `+`, `,`, `;`, `<`, `>`, `\`, a leading
 * space or `#`, a trailing space, and NUL (as `\00`).
 */
export function escapeDnValue(value: string): string {
  let out = "";
  const last = value.length - 1;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch === "\u0000") out += "\\00";
    else if ('"+,;<>\\'.includes(ch)) out += "\\" + ch;
    else if (i === 0 && (ch === " " || ch === "#")) out += "\\" + ch;
    else if (i === last && ch === " ") out += "\\ ";
    else out += ch;
  }
  return out;
}

/** Replaces every `{0}` of a filter template with the escaped value. */
export function fillFilterTemplate(template: string, value: string): string {
  return template.split("{0}").join(escapeFilterValue(value));
}

// IAM's two wildcards, `*` (any run of characters, none included) and `?` (exactly one), turned into
// anchored regular expressions once, at compile time. Nothing else in a pattern is special.

const REGEX_SPECIAL = /[.+^${}()|[\]\\/*?]/g;

/** Escapes every character a RegExp would read specially, `*` and `?` included. */
export function escapeRegExp(text: string): string {
  return text.replace(REGEX_SPECIAL, "\\$&");
}

/** The regular-expression source of a glob: `*` → `.*`, `?` → `.`, the rest literal. */
export function globSource(pattern: string, star = "[\\s\\S]*", one = "[\\s\\S]"): string {
  let out = "";
  for (const ch of pattern) {
    if (ch === "*") out += star;
    else if (ch === "?") out += one;
    else out += escapeRegExp(ch);
  }
  return out;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

/** A compiled matcher for one glob: exact comparison when it has no wildcard, else a RegExp. */
export interface Glob {
  readonly test: (value: string) => boolean;
}

export function compileGlob(pattern: string, ignoreCase = false): Glob {
  if (pattern === "*") return { test: () => true };
  if (!hasWildcard(pattern)) {
    if (!ignoreCase) return { test: (value) => value === pattern };
    const lower = pattern.toLowerCase();
    return { test: (value) => value.toLowerCase() === lower };
  }
  const re = new RegExp(`^${globSource(pattern)}$`, ignoreCase ? "i" : "");
  return { test: (value) => re.test(value) };
}

// ARN globbing, shared by the Resource element and the ARN condition operators. IAM matches each
// of an ARN's six colon-delimited components separately: `*` and `?` stay inside their component,
// except in the last one (the resource, which may hold colons of its own). In the Resource element
// a `*` that ends a component may also run past the colon ("Using wildcards in resource ARNs");
// ARN operators do not allow that. A pattern of fewer than six components (`*`) is one plain glob.
// Variables substituted into a pattern are literal text.
import { escapeRegExp } from "./glob.ts";
import { parseTemplate, RegExpCache, type Segment, type VariableLookup } from "./variables.ts";

const ANY = "[\\s\\S]*";
const ONE = "[\\s\\S]";
const IN_COMPONENT = "[^:]*";
const ONE_IN_COMPONENT = "[^:]";

interface Char { readonly ch: string; readonly live: boolean }

function flatten(segments: readonly Segment[], lookup: VariableLookup | undefined): Char[] | undefined {
  const chars: Char[] = [];
  for (const segment of segments) {
    let text: string | undefined;
    if (segment.kind === "var") {
      text = lookup?.single(segment.key) ?? segment.fallback;
      if (text === undefined) return undefined;
    } else text = segment.text;
    for (const ch of text) chars.push({ ch, live: segment.kind === "text" });
  }
  return chars;
}

function source(chars: readonly Char[], trailingStarCrossesColon: boolean): string {
  const structured = chars.filter((c) => c.ch === ":").length >= 5;
  let out = "";
  let colons = 0;
  for (let i = 0; i < chars.length; i++) {
    const { ch, live } = chars[i] as Char;
    if (!live || (ch !== "*" && ch !== "?")) {
      if (ch === ":") colons++;
      out += escapeRegExp(ch);
      continue;
    }
    const inResource = !structured || colons >= 5;
    if (ch === "?") {
      out += inResource ? ONE : ONE_IN_COMPONENT;
      continue;
    }
    const next = chars[i + 1];
    const endsComponent = next === undefined || next.ch === ":";
    out += inResource || (trailingStarCrossesColon && endsComponent) ? ANY : IN_COMPONENT;
  }
  return out;
}

/** A compiled ARN pattern; `test` substitutes variables when the pattern has any. */
export interface ArnPattern {
  readonly test: (value: string, lookup: VariableLookup) => boolean;
}

export function compileArnPattern(pattern: string, options: { variables: boolean; trailingStarCrossesColon: boolean }): ArnPattern {
  if (pattern === "*") return { test: () => true };
  const template = options.variables ? parseTemplate(pattern) : null;
  if (!template) {
    if (!pattern.includes("*") && !pattern.includes("?")) return { test: (value) => value === pattern };
    const chars = flatten([{ kind: "text", text: pattern }], undefined) as Char[];
    const re = new RegExp(`^${source(chars, options.trailingStarCrossesColon)}$`);
    return { test: (value) => re.test(value) };
  }
  const cache = new RegExpCache();
  return {
    test: (value, lookup) => {
      const chars = flatten(template, lookup);
      if (!chars) return false;
      return cache.get(source(chars, options.trailingStarCrossesColon)).test(value);
    },
  };
}

/** Whether a value has the six components of an ARN. */
export function isArnShaped(value: string): boolean {
  let colons = 0;
  for (let i = 0; i < value.length && colons < 5; i++) if (value.charCodeAt(i) === 58) colons++;
  return colons >= 5 && value.startsWith("arn:");
}

// Policy variables (IAM "Policy elements: Variables and tags"), Version 2012-10-17 only:
// `${aws:username}` takes the request's value for that key; `${key, 'default'}` falls back to the
// quoted default (`''` is a quote inside it); `${*}`, `${?}` and `${$}` are a literal `*`, `?` and
// `$`. Key names are case-insensitive, defaults are not, spaces around either are ignored. One pass
// only: a substituted value is never read again for variables, and it never acts as a wildcard.
// A key that is absent or multivalued, with no default, leaves the value unresolved: it matches
// nothing.
import { escapeRegExp, globSource } from "./glob.ts";

export type Segment =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "var"; readonly key: string; readonly fallback: string | undefined };

/** Looks up a single-valued context key (lower-cased name); undefined when absent or multivalued. */
export interface VariableLookup {
  single(lowerKey: string): string | undefined;
}

const SPECIALS: ReadonlyMap<string, string> = new Map([["*", "*"], ["?", "?"], ["$", "$"]]);

/** Splits a value into text and variables; null when it holds no variable at all. */
export function parseTemplate(value: string): Segment[] | null {
  if (!value.includes("${")) return null;
  const segments: Segment[] = [];
  let text = "";
  let i = 0;
  let found = false;
  while (i < value.length) {
    const start = value.indexOf("${", i);
    if (start < 0) break;
    const parsed = parseVariable(value, start + 2);
    if (!parsed) {
      text += value.slice(i, start + 2);
      i = start + 2;
      continue;
    }
    text += value.slice(i, start);
    if (text) segments.push({ kind: "text", text });
    text = "";
    segments.push(parsed.segment);
    i = parsed.end;
    found = true;
  }
  text += value.slice(i);
  if (text) segments.push({ kind: "text", text });
  return found ? segments : null;
}

function parseVariable(value: string, from: number): { segment: Segment; end: number } | null {
  let i = from;
  let name = "";
  while (i < value.length && value[i] !== "}" && value[i] !== ",") name += value[i++];
  if (i >= value.length) return null;
  name = name.trim();
  if (!name) return null;
  if (value[i] === "}") {
    const special = SPECIALS.get(name);
    if (special !== undefined) return { segment: { kind: "literal", text: special }, end: i + 1 };
    return { segment: { kind: "var", key: name.toLowerCase(), fallback: undefined }, end: i + 1 };
  }
  // `, 'default'`
  i++;
  while (value[i] === " ") i++;
  if (value[i] !== "'") return null;
  i++;
  let fallback = "";
  for (;;) {
    if (i >= value.length) return null;
    if (value[i] === "'") {
      if (value[i + 1] === "'") {
        fallback += "'";
        i += 2;
        continue;
      }
      i++;
      break;
    }
    fallback += value[i++];
  }
  while (value[i] === " ") i++;
  if (value[i] !== "}") return null;
  return { segment: { kind: "var", key: name.toLowerCase(), fallback }, end: i + 1 };
}

function resolve(segment: Segment & { kind: "var" }, lookup: VariableLookup): string | undefined {
  return lookup.single(segment.key) ?? segment.fallback;
}

/** The value with variables substituted, read literally; undefined when a variable is unresolved. */
export function renderLiteral(segments: readonly Segment[], lookup: VariableLookup): string | undefined {
  let out = "";
  for (const segment of segments) {
    if (segment.kind === "var") {
      const value = resolve(segment, lookup);
      if (value === undefined) return undefined;
      out += value;
    } else out += segment.text;
  }
  return out;
}

/**
 * The value as a regular-expression source: wildcards in the policy's own text are live, every
 * substituted value and `${*}`-style literal is escaped. undefined when a variable is unresolved.
 */
export function renderPattern(segments: readonly Segment[], lookup: VariableLookup, star?: string, one?: string): string | undefined {
  let out = "";
  for (const segment of segments) {
    if (segment.kind === "text") out += globSource(segment.text, star, one);
    else if (segment.kind === "literal") out += escapeRegExp(segment.text);
    else {
      const value = resolve(segment, lookup);
      if (value === undefined) return undefined;
      out += escapeRegExp(value);
    }
  }
  return out;
}

/** A bounded cache of compiled patterns whose source depends on variables. */
export class RegExpCache {
  readonly #map = new Map<string, RegExp>();
  constructor(private readonly limit = 256) {}
  get(source: string): RegExp {
    let re = this.#map.get(source);
    if (!re) {
      if (this.#map.size >= this.limit) this.#map.clear();
      re = new RegExp(`^${source}$`);
      this.#map.set(source, re);
    }
    return re;
  }
}

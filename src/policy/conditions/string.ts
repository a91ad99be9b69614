// String operators: StringEquals (exact, case-sensitive), StringEqualsIgnoreCase, StringLike (`*`
// and `?` wildcards, case-sensitive); the Not forms are negations made by the evaluator. Policy
// variables are replaced in the values; a substituted value is literal, never a wildcard.
import { compileGlob, type Glob } from "../glob.ts";
import { parseTemplate, RegExpCache, renderLiteral, renderPattern, type Segment } from "../variables.ts";
import type { ValueTest } from "./matcher.ts";

export function stringTest(test: "equals" | "equalsIgnoreCase" | "like", values: readonly string[], variables: boolean): ValueTest {
  const templates: Segment[][] = [];
  const plain: string[] = [];
  for (const value of values) {
    const template = variables ? parseTemplate(value) : null;
    if (template) templates.push(template);
    else plain.push(value);
  }
  if (test === "like") return likeTest(plain, templates);
  const fold = test === "equalsIgnoreCase" ? (s: string) => s.toLowerCase() : (s: string) => s;
  const set = new Set(plain.map(fold));
  if (templates.length === 0) return (value) => set.has(fold(value));
  return (value, request) => {
    const folded = fold(value);
    if (set.has(folded)) return true;
    for (const template of templates) {
      const rendered = renderLiteral(template, request);
      if (rendered !== undefined && fold(rendered) === folded) return true;
    }
    return false;
  };
}

function likeTest(plain: readonly string[], templates: readonly Segment[][]): ValueTest {
  const globs: Glob[] = plain.map((p) => compileGlob(p));
  const cache = new RegExpCache();
  return (value, request) => {
    for (const glob of globs) if (glob.test(value)) return true;
    for (const template of templates) {
      const source = renderPattern(template, request);
      if (source !== undefined && cache.get(source).test(value)) return true;
    }
    return false;
  };
}

// Bool: "true" or "false", case-insensitively; policy variables are replaced in the values.
import { parseTemplate, renderLiteral, type Segment } from "../variables.ts";
import type { ValueTest } from "./matcher.ts";

export function boolTest(values: readonly string[], variables: boolean): ValueTest {
  const plain = new Set<string>();
  const templates: Segment[][] = [];
  for (const value of values) {
    const template = variables ? parseTemplate(value) : null;
    if (template) templates.push(template);
    else plain.add(value.toLowerCase());
  }
  return (value, request) => {
    const lower = value.toLowerCase();
    if (lower !== "true" && lower !== "false") return undefined;
    if (plain.has(lower)) return true;
    for (const template of templates) if (renderLiteral(template, request)?.toLowerCase() === lower) return true;
    return false;
  };
}

// Action and NotAction: `service:Action` patterns with `*` and `?`, matched case-insensitively
// (IAM treats both the service prefix and the action name that way). The request's action arrives
// lower-cased (context.ts).
import { globSource } from "./glob.ts";

export interface ActionMatcher {
  /** true when the (lower-cased) action is one the element lists. */
  readonly matches: (lowerAction: string) => boolean;
}

export function compileActions(patterns: readonly string[]): ActionMatcher {
  if (patterns.includes("*")) return { matches: () => true };
  const exact = new Set<string>();
  const globs: string[] = [];
  for (const pattern of patterns) {
    const lower = pattern.toLowerCase();
    if (lower.includes("*") || lower.includes("?")) globs.push(globSource(lower));
    else exact.add(lower);
  }
  // All wildcard patterns of the element in one alternation: one RegExp test per statement.
  const re = globs.length > 0 ? new RegExp(`^(?:${globs.join("|")})$`) : undefined;
  return { matches: (action) => exact.has(action) || (re !== undefined && re.test(action)) };
}

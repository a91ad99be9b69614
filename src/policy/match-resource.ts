// Resource and NotResource: ARN patterns matched case-sensitively, component by component, with
// IAM's wildcard rules (arn-pattern.ts) and, in Version 2012-10-17, policy variables.
import { compileArnPattern, type ArnPattern } from "./arn-pattern.ts";
import type { VariableLookup } from "./variables.ts";

export interface ResourceMatcher {
  readonly matches: (resource: string, lookup: VariableLookup) => boolean;
}

export function compileResources(patterns: readonly string[], variables: boolean): ResourceMatcher {
  if (patterns.includes("*")) return { matches: () => true };
  const compiled: ArnPattern[] = patterns.map((p) => compileArnPattern(p, { variables, trailingStarCrossesColon: true }));
  return {
    matches: (resource, lookup) => {
      for (const pattern of compiled) if (pattern.test(resource, lookup)) return true;
      return false;
    },
  };
}

// Whether one statement applies to a request: its principal (resource policies only), its action,
// its resource and all its conditions, cheapest test first. The answer for a resource policy is
// the level at which the statement names the caller (match-principal.ts); statements of identity,
// boundary and session policies name no principal and apply "directly".
import type { CompiledStatement } from "./compile.ts";
import { allConditionsHold } from "./conditions/evaluate.ts";
import type { PreparedRequest } from "./context.ts";
import { excludedByNotPrincipal, principalLevel, type MatchLevel } from "./match-principal.ts";

export function statementApplies(statement: CompiledStatement, request: PreparedRequest, hasBoundary: boolean): MatchLevel | undefined {
  // Principal sets are cheaper to consult than action globs, so resource policies test them first.
  let level: MatchLevel = "direct";
  if (statement.principal) {
    const named = principalLevel(statement.principal, request.principal);
    if (!named) return undefined;
    level = named;
  } else if (statement.notPrincipal && excludedByNotPrincipal(statement.notPrincipal, request.principal, hasBoundary)) {
    return undefined;
  }
  if (statement.actions.matches(request.action) === statement.notAction) return undefined;
  if (statement.resources && statement.resources.matches(request.resource, request) === statement.notResource) return undefined;
  return allConditionsHold(statement.conditions, request) ? level : undefined;
}

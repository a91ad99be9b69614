// ARN operators: ArnEquals and ArnLike behave alike (each of the six colon-delimited components
// matched separately, `*` and `?` wildcards, case-sensitively); the Not forms are negations made by
// the evaluator. A request value that is not an ARN fails the condition. Policy variables are
// replaced in the values.
import { compileArnPattern, isArnShaped } from "../arn-pattern.ts";
import type { ValueTest } from "./matcher.ts";

export function arnTest(values: readonly string[], variables: boolean): ValueTest {
  const patterns = values.map((value) => compileArnPattern(value, { variables, trailingStarCrossesColon: false }));
  return (value, request) => {
    if (!isArnShaped(value)) return undefined;
    for (const pattern of patterns) if (pattern.test(value, request)) return true;
    return false;
  };
}

// Whether one compiled condition holds for a request, with IAM's rules for absent keys and sets:
// - a plain operator on an absent key is false, and its negated form is true;
// - `…IfExists` on an absent key is true;
// - Null checks presence itself (an empty list counts as absent);
// - `ForAllValues:` is true when every request value passes (and when the key is absent or empty,
//   empty strings left out: IAM calls "" a null data set);
// - `ForAnyValue:` is true when at least one passes (false when absent or empty, unless IfExists);
// - a multivalued key without a set operator passes a positive operator when any value matches,
//   and a negated operator when none does;
// - a negated operator compares each request value against all policy values: "not any of them".
// A request value of the wrong type (a Numeric operator meeting "abc") fails the value either way.
import type { PreparedRequest } from "../context.ts";
import type { CompiledCondition } from "./compile.ts";

function passes(condition: CompiledCondition, value: string, request: PreparedRequest): boolean {
  const result = condition.test(value, request);
  if (result === undefined) return false;
  return condition.operator.negated ? !result : result;
}

export function conditionHolds(condition: CompiledCondition, request: PreparedRequest): boolean {
  const values = request.values(condition.lowerKey);
  const present = values !== undefined && values.length > 0;
  const operator = condition.operator;
  if (operator.family === "null") return condition.nullAnswers.includes(!present);
  if (operator.set !== undefined) {
    // A set operator's data set leaves out empty strings: "" is a null data set to IAM.
    const all = operator.set === "ForAllValues";
    let members = 0;
    if (present) {
      for (const value of values) {
        if (value === "") continue;
        members++;
        if (passes(condition, value, request) !== all) return !all;
      }
    }
    return all || (members === 0 && operator.ifExists);
  }
  if (!present) return operator.ifExists || operator.negated;
  if (!operator.negated) {
    for (const value of values) if (condition.test(value, request) === true) return true;
    return false;
  }
  for (const value of values) if (condition.test(value, request) !== false) return false;
  return true;
}

export function allConditionsHold(conditions: readonly CompiledCondition[], request: PreparedRequest): boolean {
  for (const condition of conditions) if (!conditionHolds(condition, request)) return false;
  return true;
}

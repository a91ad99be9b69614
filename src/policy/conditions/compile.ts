// A statement's Condition element compiled once: one entry per (operator, key) pair, each holding
// the value test of its operator family. The entries are ANDed; the values within one are ORed.
import type { ConditionElement, PolicyVersion } from "../types.ts";
import { arnTest } from "./arn.ts";
import { binaryTest } from "./binary.ts";
import { boolTest } from "./bool.ts";
import { dateTest } from "./date.ts";
import { ipTest } from "./ip.ts";
import type { ValueTest } from "./matcher.ts";
import { numericTest } from "./numeric.ts";
import { parseOperator, type ParsedOperator } from "./operators.ts";
import { stringTest } from "./string.ts";

export interface CompiledCondition {
  readonly operator: ParsedOperator;
  /** The key as written, and lower-cased for lookup. */
  readonly key: string;
  readonly lowerKey: string;
  readonly values: readonly string[];
  /** Null: which answers ("true" = the key is absent) the condition accepts. */
  readonly nullAnswers: readonly boolean[];
  readonly test: ValueTest;
}

export function valuesOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map((v) => String(v));
}

function testFor(operator: ParsedOperator, values: readonly string[], variables: boolean): ValueTest {
  switch (operator.test) {
    case "equals":
    case "equalsIgnoreCase":
    case "like":
      return stringTest(operator.test, values, variables);
    case "eq":
    case "lt":
    case "lte":
    case "gt":
    case "gte":
      return operator.family === "date" ? dateTest(operator.test, values) : numericTest(operator.test, values);
    case "bool":
      return boolTest(values, variables);
    case "binary":
      return binaryTest(values);
    case "ip":
      return ipTest(values);
    case "arn":
      return arnTest(values, variables);
    case "null":
      return () => undefined;
  }
}

export function compileConditions(element: ConditionElement | undefined, version: PolicyVersion): CompiledCondition[] {
  const out: CompiledCondition[] = [];
  if (!element) return out;
  for (const [name, block] of Object.entries(element)) {
    const operator = parseOperator(name);
    if (!operator) throw new TypeError(`unknown condition operator ${name}`);
    for (const [key, raw] of Object.entries(block)) {
      const values = valuesOf(raw);
      const variables = operator.variables && version === "2012-10-17";
      out.push({
        operator,
        key,
        lowerKey: key.toLowerCase(),
        values,
        nullAnswers: values.map((v) => v.toLowerCase()).filter((v) => v === "true" || v === "false").map((v) => v === "true"),
        test: testFor(operator, values, variables),
      });
    }
  }
  return out;
}

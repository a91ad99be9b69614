// Numeric operators: integers and decimals compared as numbers. A policy value that is not a
// number never matches; a request value that is not a number fails the condition.
import type { ValueTest } from "./matcher.ts";

const NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

export type Comparison = "eq" | "lt" | "lte" | "gt" | "gte";

export function compare(comparison: Comparison, left: number, right: number): boolean {
  switch (comparison) {
    case "eq": return left === right;
    case "lt": return left < right;
    case "lte": return left <= right;
    case "gt": return left > right;
    case "gte": return left >= right;
  }
}

/** Request value `comparison` policy value, for any of the policy values. */
export function comparisonTest(comparison: Comparison, values: readonly string[], parse: (text: string) => number | undefined): ValueTest {
  const numbers = values.map(parse).filter((n): n is number => n !== undefined);
  return (value) => {
    const left = parse(value);
    if (left === undefined) return undefined;
    for (const right of numbers) if (compare(comparison, left, right)) return true;
    return false;
  };
}

export function numericTest(comparison: Comparison, values: readonly string[]): ValueTest {
  return comparisonTest(comparison, values, parseNumber);
}

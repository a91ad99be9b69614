// Condition operator names (IAM "Condition operators"): a base operator, optionally prefixed by a
// set operator (`ForAllValues:` / `ForAnyValue:`) and suffixed by `IfExists`. Names are matched
// exactly, as IAM does; an unknown name is a syntax error.

export type Family = "string" | "numeric" | "date" | "bool" | "binary" | "ip" | "arn" | "null";

/** What the base operator compares; `negated` operators are the negation of `test`. */
export type Test =
  | "equals" | "equalsIgnoreCase" | "like"
  | "eq" | "lt" | "lte" | "gt" | "gte"
  | "bool" | "binary" | "ip" | "arn" | "null";

export interface OperatorSpec {
  readonly family: Family;
  readonly test: Test;
  readonly negated: boolean;
  /** Whether `${…}` variables are replaced in this operator's values (IAM documents which). */
  readonly variables: boolean;
}

const spec = (family: Family, test: Test, negated = false, variables = false): OperatorSpec => ({ family, test, negated, variables });

export const BASE_OPERATORS: Readonly<Record<string, OperatorSpec>> = {
  __proto__: null,
  StringEquals: spec("string", "equals", false, true),
  StringNotEquals: spec("string", "equals", true, true),
  StringEqualsIgnoreCase: spec("string", "equalsIgnoreCase", false, true),
  StringNotEqualsIgnoreCase: spec("string", "equalsIgnoreCase", true, true),
  StringLike: spec("string", "like", false, true),
  StringNotLike: spec("string", "like", true, true),
  NumericEquals: spec("numeric", "eq"),
  NumericNotEquals: spec("numeric", "eq", true),
  NumericLessThan: spec("numeric", "lt"),
  NumericLessThanEquals: spec("numeric", "lte"),
  NumericGreaterThan: spec("numeric", "gt"),
  NumericGreaterThanEquals: spec("numeric", "gte"),
  DateEquals: spec("date", "eq"),
  DateNotEquals: spec("date", "eq", true),
  DateLessThan: spec("date", "lt"),
  DateLessThanEquals: spec("date", "lte"),
  DateGreaterThan: spec("date", "gt"),
  DateGreaterThanEquals: spec("date", "gte"),
  Bool: spec("bool", "bool", false, true),
  BinaryEquals: spec("binary", "binary"),
  IpAddress: spec("ip", "ip"),
  NotIpAddress: spec("ip", "ip", true),
  ArnEquals: spec("arn", "arn", false, true),
  ArnLike: spec("arn", "arn", false, true),
  ArnNotEquals: spec("arn", "arn", true, true),
  ArnNotLike: spec("arn", "arn", true, true),
  Null: spec("null", "null"),
} as unknown as Record<string, OperatorSpec>;

export type SetOperator = "ForAllValues" | "ForAnyValue";

export interface ParsedOperator extends OperatorSpec {
  readonly name: string;
  readonly base: string;
  readonly set: SetOperator | undefined;
  readonly ifExists: boolean;
}

/** Reads an operator name; undefined when IAM does not know it. */
export function parseOperator(name: string): ParsedOperator | undefined {
  let rest = name;
  let set: SetOperator | undefined;
  if (rest.startsWith("ForAllValues:")) {
    set = "ForAllValues";
    rest = rest.slice("ForAllValues:".length);
  } else if (rest.startsWith("ForAnyValue:")) {
    set = "ForAnyValue";
    rest = rest.slice("ForAnyValue:".length);
  }
  let ifExists = false;
  if (rest.endsWith("IfExists")) {
    ifExists = true;
    rest = rest.slice(0, -"IfExists".length);
  }
  const base = BASE_OPERATORS[rest];
  // "You can add IfExists to the end of any condition operator name except the Null condition."
  if (!base || (ifExists && base.family === "null")) return undefined;
  return { ...base, name, base: rest, set, ifExists };
}

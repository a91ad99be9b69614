// The syntax tree of a claim rule set, as the parser builds it and the compiler reads it.
// Positions are kept wherever a later step (regex translation, store checks) may report an error.

export interface Position {
  line: number;
  column: number;
}

export interface StringLiteral {
  value: string;
  /** Position of the opening quote; the content starts one column to the right. */
  at: Position;
}

export type ClaimField = "type" | "value" | "valueType" | "issuer" | "originalIssuer";

/** A claim's field, or one of its properties (`Properties["uri"]`). */
export type FieldRef = { kind: "field"; field: ClaimField } | { kind: "property"; name: string };

export type Operator = "==" | "!=" | "=~" | "!~";

/** One `Field op "literal"` test inside `[...]`. */
export interface Test {
  field: FieldRef;
  op: Operator;
  operand: StringLiteral;
}

/** `tag:[tests]` or `[tests]`: selects claims; each selected claim binds the slot of this selector. */
export interface Selector {
  tag: string | null;
  tests: Test[];
  at: Position;
}

/** `EXISTS([tests])` / `NOT EXISTS([tests])`: true when some claim (no claim) passes the tests. */
export interface ExistsCondition {
  negated: boolean;
  tests: Test[];
  at: Position;
}

export type ValueExpr =
  | { kind: "literal"; value: string }
  /** `c.Value`: `slot` is the index of the selector that binds tag `c`. */
  | { kind: "ref"; slot: number; field: FieldRef }
  | { kind: "concat"; parts: ValueExpr[] }
  | { kind: "regexReplace"; input: ValueExpr; pattern: StringLiteral; replacement: StringLiteral };

export type Verb = "issue" | "add";

export interface PropertyAssignment {
  name: string;
  value: ValueExpr;
}

export type Action =
  /** `issue(claim = c)`: a copy of the bound claim. */
  | { kind: "copy"; verb: Verb; slot: number }
  /** `issue(Type = ..., Value = ..., ...)`. */
  | {
      kind: "new";
      verb: Verb;
      type: ValueExpr;
      value: ValueExpr;
      valueType: ValueExpr | null;
      issuer: ValueExpr | null;
      originalIssuer: ValueExpr | null;
      properties: PropertyAssignment[];
    }
  /** `issue(store = "...", types = (...), query = "...", param = ...)`. */
  | { kind: "store"; verb: Verb; store: StringLiteral; types: StringLiteral[]; query: StringLiteral; params: ValueExpr[] };

export interface Rule {
  /** `@Name = "value"` lines before the rule (RuleName, RuleTemplate, ...), by name as written. */
  annotations: Record<string, string>;
  at: Position;
  selectors: Selector[];
  exists: ExistsCondition[];
  action: Action;
}

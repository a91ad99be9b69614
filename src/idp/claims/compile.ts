// Compiles the syntax tree into closures, once, at start-up: condition tests become predicates
// (equality tests first, regexes precompiled), value expressions become functions of the bound
// claims, and what the parser cannot see is checked here with the rule's line and column: .NET
// regexes that have no faithful translation, store queries whose placeholders or (for the
// Active Directory store) attributes do not fit the rule.
import type { Action, ExistsCondition, FieldRef, Rule, StringLiteral, Test, ValueExpr } from "./ast.ts";
import { checkActiveDirectoryQuery } from "./ad-store.ts";
import { ACTIVE_DIRECTORY_STORE, LOCAL_AUTHORITY, XML_SCHEMA_STRING } from "./claim-types.ts";
import type { Claim } from "./claim.ts";
import { ClaimRulesParseError } from "./errors.ts";
import { compileDotNetRegex, RegexTranslationError, type DotNetRegex } from "./regex.ts";
import { compileDotNetReplacement } from "./replacement.ts";
import { maxPlaceholder } from "./store-query.ts";

/** The claims bound to a rule's selectors, by selector index. */
export type Binding = readonly Claim[];
export type ClaimTest = (claim: Claim) => boolean;
export type ValueFn = (binding: Binding) => string;

export type CompiledAction =
  | { kind: "emit"; issue: boolean; make: (binding: Binding) => Claim }
  | { kind: "store"; issue: boolean; store: string; types: readonly string[]; query: string; params: readonly ValueFn[] };

export interface CompiledRule {
  line: number;
  name: string | undefined;
  selectors: ClaimTest[];
  exists: { negated: boolean; test: ClaimTest }[];
  action: CompiledAction;
}

export function compileRules(rules: readonly Rule[], source?: string): CompiledRule[] {
  return new Compiler(source).rules(rules);
}

type Getter = (claim: Claim) => string | undefined;

function getter(ref: FieldRef): Getter {
  if (ref.kind === "property") {
    const name = ref.name;
    return (c) => (Object.hasOwn(c.properties, name) ? c.properties[name] : undefined);
  }
  switch (ref.field) {
    case "type":
      return (c) => c.type;
    case "value":
      return (c) => c.value;
    case "valueType":
      return (c) => c.valueType;
    case "issuer":
      return (c) => c.issuer;
    case "originalIssuer":
      return (c) => c.originalIssuer;
  }
}

function allOf(tests: ClaimTest[]): ClaimTest {
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [a, b] = tests as [ClaimTest, ClaimTest];
    return (c) => a(c) && b(c);
  }
  return (c) => {
    for (const t of tests) if (!t(c)) return false;
    return true;
  };
}

const COST: Record<Test["op"], number> = { "==": 0, "!=": 1, "=~": 2, "!~": 2 };

class Compiler {
  private readonly regexes = new Map<string, DotNetRegex>();

  constructor(private readonly source: string | undefined) {}

  rules(rules: readonly Rule[]): CompiledRule[] {
    return rules.map((rule) => ({
      line: rule.at.line,
      name: rule.annotations["RuleName"],
      selectors: rule.selectors.map((s) => this.tests(s.tests)),
      exists: rule.exists.map((e: ExistsCondition) => ({ negated: e.negated, test: this.tests(e.tests) })),
      action: this.action(rule.action),
    }));
  }

  private fail(reason: string, at: StringLiteral, index = -1): never {
    // A string cannot span lines, so index i of its content is at column + 1 + i.
    throw new ClaimRulesParseError(reason, at.at.line, at.at.column + 1 + index, this.source);
  }

  private regex(literal: StringLiteral): DotNetRegex {
    let regex = this.regexes.get(literal.value);
    if (regex === undefined) {
      try {
        regex = compileDotNetRegex(literal.value);
      } catch (err) {
        if (!(err instanceof RegexTranslationError)) throw err;
        this.fail(`bad regular expression: ${err.message}`, literal, err.index);
      }
      this.regexes.set(literal.value, regex);
    }
    return regex;
  }

  // ---- conditions ----

  private tests(tests: readonly Test[]): ClaimTest {
    const ordered = [...tests].sort((a, b) => COST[a.op] - COST[b.op]);
    return allOf(ordered.map((t) => this.test(t)));
  }

  /** `==` and `!=` compare case-insensitively (MS-CTA 2.1.4.3.6); a missing property equals nothing. */
  private test(test: Test): ClaimTest {
    const get = getter(test.field);
    const literal = test.operand.value;
    switch (test.op) {
      case "==":
      case "!=": {
        const upper = literal.toUpperCase();
        const equals = (v: string | undefined): boolean =>
          v !== undefined && (v === literal || (v.length === literal.length && v.toUpperCase() === upper));
        if (test.op === "==") return (c) => equals(get(c));
        return (c) => !equals(get(c));
      }
      case "=~":
      case "!~": {
        const re = this.regex(test.operand).matcher;
        if (test.op === "=~") return (c) => {
          const v = get(c);
          return v !== undefined && re.test(v);
        };
        return (c) => {
          const v = get(c);
          return v === undefined || !re.test(v);
        };
      }
    }
  }

  // ---- actions ----

  private action(action: Action): CompiledAction {
    const issue = action.verb === "issue";
    switch (action.kind) {
      case "copy": {
        const slot = action.slot;
        return {
          kind: "emit",
          issue,
          make: (b) => {
            const c = b[slot]!;
            return { type: c.type, value: c.value, valueType: c.valueType, issuer: c.issuer, originalIssuer: c.originalIssuer, properties: { ...c.properties } };
          },
        };
      }
      case "new": {
        const type = this.value(action.type);
        const value = this.value(action.value);
        const valueType = action.valueType && this.value(action.valueType);
        const issuer = action.issuer && this.value(action.issuer);
        const originalIssuer = action.originalIssuer && this.value(action.originalIssuer);
        const properties = action.properties.map((p) => ({ name: p.name, fn: this.value(p.value) }));
        return {
          kind: "emit",
          issue,
          make: (b) => {
            const iss = issuer ? issuer(b) : LOCAL_AUTHORITY;
            const props: Record<string, string> = {};
            for (const p of properties) Object.defineProperty(props, p.name, { value: p.fn(b), enumerable: true, writable: true, configurable: true });
            return {
              type: type(b),
              value: value(b),
              valueType: valueType ? valueType(b) : XML_SCHEMA_STRING,
              issuer: iss,
              originalIssuer: originalIssuer ? originalIssuer(b) : iss,
              properties: props,
            };
          },
        };
      }
      case "store": {
        for (const t of action.types) if (t.value.trim() === "") this.fail("a claim type cannot be empty", t, 0);
        const placeholders = maxPlaceholder(action.query.value);
        if (typeof placeholders === "string") this.fail(`bad query: ${placeholders}`, action.query, 0);
        if (placeholders >= action.params.length) {
          this.fail(`the query uses {${placeholders}} but the rule passes ${action.params.length} param(s)`, action.query, 0);
        }
        if (action.store.value === ACTIVE_DIRECTORY_STORE) {
          const problem = checkActiveDirectoryQuery(action.query.value, action.types.length);
          if (problem !== null) this.fail(problem, action.query, 0);
        }
        return {
          kind: "store",
          issue,
          store: action.store.value,
          types: action.types.map((t) => t.value),
          query: action.query.value,
          params: action.params.map((p) => this.value(p)),
        };
      }
    }
  }

  // ---- values ----

  private value(expr: ValueExpr): ValueFn {
    switch (expr.kind) {
      case "literal": {
        const v = expr.value;
        return () => v;
      }
      case "ref": {
        const get = getter(expr.field);
        const slot = expr.slot;
        return (b) => get(b[slot]!) ?? "";
      }
      case "concat": {
        const parts = expr.parts.map((p) => this.value(p));
        if (parts.length === 2) {
          const [a, c] = parts as [ValueFn, ValueFn];
          return (b) => a(b) + c(b);
        }
        return (b) => {
          let out = "";
          for (const p of parts) out += p(b);
          return out;
        };
      }
      case "regexReplace": {
        const input = this.value(expr.input);
        const regex = this.regex(expr.pattern);
        const replacement = compileDotNetReplacement(expr.replacement.value, regex);
        const global = regex.global;
        if (typeof replacement === "string") return (b) => input(b).replace(global, replacement);
        return (b) => input(b).replace(global, replacement as (substring: string, ...args: unknown[]) => string);
      }
    }
  }
}

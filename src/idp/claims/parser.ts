// Recursive-descent parser of the claim rule language subset (see index.ts for the grammar).
// Keywords are case-insensitive, as in AD FS (`issue`, `ISSUE`, `RegExReplace`, `regexreplace`);
// claim tags are case-sensitive. Scope is checked here: a tag is bound once per rule and every tag
// an action uses is bound by a condition (MS-CTA 2.1.4.2). Regexes are checked by the compiler.
import type { Action, ClaimField, ExistsCondition, FieldRef, Operator, Position, Rule, Selector, StringLiteral, Test, ValueExpr, Verb } from "./ast.ts";
import { ClaimRulesParseError } from "./errors.ts";
import { tokenize, type Token, type TokenKind } from "./lexer.ts";

const FIELDS: Record<string, ClaimField> = {
  __proto__: null,
  type: "type",
  value: "value",
  valuetype: "valueType",
  issuer: "issuer",
  originalissuer: "originalIssuer",
} as unknown as Record<string, ClaimField>;

const FIELD_NAMES = 'Type, Value, ValueType, Issuer, OriginalIssuer or Properties["..."]';

export function parseClaimRules(text: string, source?: string): Rule[] {
  return new Parser(tokenize(text, source), source).ruleSet();
}

function describe(token: Token): string {
  switch (token.kind) {
    case "eof":
      return "end of input";
    case "string":
      return `the string "${token.text.length > 40 ? `${token.text.slice(0, 40)}...` : token.text}"`;
    default:
      return `"${token.text}"`;
  }
}

class Parser {
  private pos = 0;
  /** Tag → selector slot, for the rule being parsed. */
  private tags = new Map<string, number>();

  constructor(
    private readonly tokens: Token[],
    private readonly source: string | undefined,
  ) {}

  ruleSet(): Rule[] {
    const rules: Rule[] = [];
    while (this.peek().kind !== "eof") rules.push(this.rule());
    return rules;
  }

  // ---- token helpers ----

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    const token = this.peek();
    if (token.kind !== "eof") this.pos++;
    return token;
  }
  private fail(reason: string, at: Position = this.peek()): never {
    throw new ClaimRulesParseError(reason, at.line, at.column, this.source);
  }
  private failExpected(what: string, token: Token = this.peek()): never {
    this.fail(`expected ${what}, found ${describe(token)}`, token);
  }
  private expect(kind: TokenKind, what = `"${kind}"`): Token {
    if (this.peek().kind !== kind) this.failExpected(what);
    return this.next();
  }
  private isKeyword(token: Token, word: string): boolean {
    return token.kind === "ident" && token.text.toLowerCase() === word;
  }
  private string(what = "a string"): StringLiteral {
    const token = this.expect("string", what);
    return { value: token.text, at: { line: token.line, column: token.column } };
  }

  // ---- rules ----

  private rule(): Rule {
    const annotations: Record<string, string> = Object.create(null) as Record<string, string>;
    while (this.peek().kind === "@") {
      this.next();
      const name = this.expect("ident", "an annotation name such as RuleName").text;
      this.expect("=");
      annotations[name] = this.string().value;
    }
    const start = this.peek();
    const at = { line: start.line, column: start.column };
    this.tags = new Map();
    const selectors: Selector[] = [];
    const exists: ExistsCondition[] = [];

    if (this.peek().kind !== "=>") {
      for (;;) {
        this.condition(selectors, exists);
        if (this.peek().kind !== "&&") break;
        this.next();
      }
    }
    this.expect("=>");
    const action = this.action();
    this.expect(";");
    return { annotations, at, selectors, exists, action };
  }

  private condition(selectors: Selector[], exists: ExistsCondition[]): void {
    const token = this.peek();
    const at = { line: token.line, column: token.column };
    if (token.kind === "ident" && this.peek(1).kind === ":") {
      if (this.tags.has(token.text)) this.fail(`the tag "${token.text}" is already bound in this rule`, token);
      if (exists.length > 0) this.failMixed(token);
      this.next();
      this.next();
      this.tags.set(token.text, selectors.length);
      selectors.push({ tag: token.text, tests: this.selectorBody(), at });
      return;
    }
    if (token.kind === "[") {
      if (exists.length > 0) this.failMixed(token);
      selectors.push({ tag: null, tests: this.selectorBody(), at });
      return;
    }
    const negated = this.isKeyword(token, "not");
    if (negated || this.isKeyword(token, "exists")) {
      if (selectors.length > 0) this.failMixed(token);
      if (negated) {
        this.next();
        if (!this.isKeyword(this.peek(), "exists")) this.failExpected('"EXISTS"');
      }
      this.next();
      this.expect("(");
      const tests = this.selectorBody();
      this.expect(")");
      exists.push({ negated, tests, at });
      return;
    }
    if (selectors.length === 0 && exists.length === 0) this.failExpected('a condition such as c:[Type == "..."], or "=>"');
    this.failExpected('a condition such as c:[Type == "..."]');
  }

  /** AD FS: claim selectors and aggregate functions (EXISTS) are not combined in one rule. */
  private failMixed(at: Token): never {
    this.fail("a rule's conditions are either claim selectors or EXISTS(...) conditions, not both", at);
  }

  private selectorBody(): Test[] {
    this.expect("[");
    const tests: Test[] = [];
    if (this.peek().kind === "]") {
      this.next();
      return tests;
    }
    for (;;) {
      tests.push(this.test());
      if (this.peek().kind === "]") break;
      if (this.peek().kind !== ",") this.failExpected('"," or "]"');
      this.next();
    }
    this.next();
    return tests;
  }

  private test(): Test {
    const field = this.fieldRef();
    const opToken = this.peek();
    if (opToken.kind !== "==" && opToken.kind !== "!=" && opToken.kind !== "=~" && opToken.kind !== "!~") {
      this.failExpected('"==", "!=", "=~" or "!~"');
    }
    this.next();
    return { field, op: opToken.kind as Operator, operand: this.string() };
  }

  private fieldRef(): FieldRef {
    const token = this.peek();
    if (token.kind !== "ident") this.failExpected(FIELD_NAMES);
    const lower = token.text.toLowerCase();
    if (lower === "properties") {
      this.next();
      this.expect("[");
      const name = this.string("a property name string").value;
      this.expect("]");
      return { kind: "property", name };
    }
    const field = FIELDS[lower];
    if (field === undefined) this.failExpected(FIELD_NAMES);
    this.next();
    return { kind: "field", field };
  }

  // ---- actions ----

  private action(): Action {
    const token = this.peek();
    let verb: Verb;
    if (this.isKeyword(token, "issue")) verb = "issue";
    else if (this.isKeyword(token, "add")) verb = "add";
    else this.failExpected('"issue" or "add"');
    this.next();
    this.expect("(");
    const first = this.peek();
    if (this.isKeyword(first, "claim")) return this.copyAction(verb);
    if (this.isKeyword(first, "store")) return this.storeAction(verb);
    return this.newAction(verb);
  }

  private copyAction(verb: Verb): Action {
    this.next();
    this.expect("=");
    const tag = this.expect("ident", "a claim tag");
    const slot = this.slotOf(tag);
    this.expect(")");
    return { kind: "copy", verb, slot };
  }

  private storeAction(verb: Verb): Action {
    let store: StringLiteral | null = null;
    let types: StringLiteral[] | null = null;
    let query: StringLiteral | null = null;
    const params: ValueExpr[] = [];
    for (;;) {
      const name = this.peek();
      const lower = name.kind === "ident" ? name.text.toLowerCase() : "";
      const duplicate = () => this.fail(`"${name.text}" is given twice`, name);
      if (lower === "store") {
        if (store) duplicate();
        this.next();
        this.expect("=");
        store = this.string("the attribute store name");
      } else if (lower === "types") {
        if (types) duplicate();
        this.next();
        this.expect("=");
        types = this.typeList();
      } else if (lower === "query") {
        if (query) duplicate();
        this.next();
        this.expect("=");
        query = this.string("the query string");
      } else if (lower === "param") {
        this.next();
        this.expect("=");
        params.push(this.valueExpr());
      } else {
        this.failExpected("store, types, query or param");
      }
      if (this.peek().kind === ")") break;
      if (this.peek().kind !== ",") this.failExpected('"," or ")"');
      this.next();
    }
    const close = this.next();
    if (!types) this.fail(`${verb}(store = ...) needs types = ("...")`, close);
    if (!query) this.fail(`${verb}(store = ...) needs query = "..."`, close);
    return { kind: "store", verb, store: store!, types, query, params };
  }

  private typeList(): StringLiteral[] {
    this.expect("(");
    const types = [this.string("a claim type string")];
    while (this.peek().kind === ",") {
      this.next();
      types.push(this.string("a claim type string"));
    }
    this.expect(")", '"," or ")"');
    return types;
  }

  private newAction(verb: Verb): Action {
    const assigned = new Map<string, ValueExpr>();
    const properties: { name: string; value: ValueExpr }[] = [];
    const seenProperties = new Set<string>();
    for (;;) {
      const name = this.peek();
      if (name.kind !== "ident") this.failExpected(`${FIELD_NAMES} (or claim = c, or store = "...")`);
      const lower = name.text.toLowerCase();
      if (lower === "properties") {
        this.next();
        this.expect("[");
        const key = this.string("a property name string");
        this.expect("]");
        if (seenProperties.has(key.value)) this.fail(`Properties["${key.value}"] is given twice`, name);
        seenProperties.add(key.value);
        this.expect("=");
        properties.push({ name: key.value, value: this.valueExpr() });
      } else {
        const field = FIELDS[lower];
        if (field === undefined) this.failExpected(`${FIELD_NAMES} (or claim = c, or store = "...")`);
        if (assigned.has(field)) this.fail(`"${name.text}" is given twice`, name);
        this.next();
        this.expect("=");
        assigned.set(field, this.valueExpr());
      }
      if (this.peek().kind === ")") break;
      if (this.peek().kind !== ",") this.failExpected('"," or ")"');
      this.next();
    }
    const close = this.next();
    const type = assigned.get("type");
    const value = assigned.get("value");
    if (!type) this.fail(`${verb}(...) needs Type = ...`, close);
    if (!value) this.fail(`${verb}(...) needs Value = ...`, close);
    return {
      kind: "new",
      verb,
      type,
      value,
      valueType: assigned.get("valueType") ?? null,
      issuer: assigned.get("issuer") ?? null,
      originalIssuer: assigned.get("originalIssuer") ?? null,
      properties,
    };
  }

  // ---- value expressions ----

  private valueExpr(): ValueExpr {
    const first = this.term();
    if (this.peek().kind !== "+") return first;
    const parts = [first];
    while (this.peek().kind === "+") {
      this.next();
      parts.push(this.term());
    }
    return { kind: "concat", parts };
  }

  private term(): ValueExpr {
    const token = this.peek();
    if (token.kind === "string") {
      this.next();
      return { kind: "literal", value: token.text };
    }
    if (token.kind === "ident" && this.peek(1).kind === ".") {
      const slot = this.slotOf(token);
      this.next();
      this.next();
      return { kind: "ref", slot, field: this.fieldRef() };
    }
    if (token.kind === "ident" && this.peek(1).kind === "(") {
      if (token.text.toLowerCase() !== "regexreplace") this.fail(`unknown function "${token.text}" (the only function is RegExReplace)`, token);
      this.next();
      this.next();
      const input = this.valueExpr();
      this.expect(",");
      const pattern = this.string("the pattern string");
      this.expect(",");
      const replacement = this.string("the replacement string");
      this.expect(")");
      return { kind: "regexReplace", input, pattern, replacement };
    }
    this.failExpected('a value: a string, a claim property such as c.Value, or RegExReplace(...)');
  }

  private slotOf(tag: Token): number {
    const slot = this.tags.get(tag.text);
    if (slot === undefined) this.fail(`unknown claim tag "${tag.text}": no condition of this rule binds it`, tag);
    return slot;
  }
}

// Runs compiled rules, as AD FS's claims engine does (MS-CTA 2.1.4.3): in order, each rule over
// the input claims plus what earlier rules added or issued, firing once per combination of claims
// that match its selectors (a join across tags), or once when it has no selector and its EXISTS
// conditions hold. `issue` claims go to the output and to the working set; `add` claims to the
// working set only. Synchronous until the first attribute-store rule, so a rule set that queries
// no store costs no promise turn per rule.
import type { AttributeStore, Claim, ClaimRuleSet } from "./claim.ts";
import { LOCAL_AUTHORITY, XML_SCHEMA_STRING } from "./claim-types.ts";
import type { Binding, CompiledAction, CompiledRule } from "./compile.ts";
import { ClaimRulesStoreError, ClaimRulesUnknownStoreError } from "./errors.ts";

interface State {
  /** The working set: input claims, then added and issued ones. */
  context: Claim[];
  output: Claim[];
}

type StoreAction = CompiledAction & { kind: "store" };

const NO_BINDING: Binding = [];

/** Every binding of the rule's selectors over the claims present when the rule starts. */
function bindings(rule: CompiledRule, context: readonly Claim[]): Binding[] {
  const n = context.length;
  if (rule.selectors.length === 0) {
    for (const e of rule.exists) {
      let found = false;
      for (let i = 0; i < n && !found; i++) found = e.test(context[i]!);
      if (found === e.negated) return [];
    }
    return [NO_BINDING];
  }
  const matches: Claim[][] = [];
  for (const test of rule.selectors) {
    const m: Claim[] = [];
    for (let i = 0; i < n; i++) if (test(context[i]!)) m.push(context[i]!);
    if (m.length === 0) return [];
    matches.push(m);
  }
  if (matches.length === 1) return matches[0]!.map((c) => [c]);
  // The cartesian product, first selector outermost.
  let result: Claim[][] = [[]];
  for (const m of matches) result = result.flatMap((prefix) => m.map((c) => [...prefix, c]));
  return result;
}

function put(state: State, issue: boolean, claim: Claim): void {
  state.context.push(claim);
  if (issue) state.output.push(claim);
}

export class CompiledClaimRuleSet implements ClaimRuleSet {
  readonly ruleCount: number;
  readonly storeNames: readonly string[];

  constructor(
    private readonly rules: readonly CompiledRule[],
    readonly source: string | undefined,
  ) {
    this.ruleCount = rules.length;
    this.storeNames = [...new Set(rules.flatMap((r) => (r.action.kind === "store" ? [r.action.store] : [])))];
  }

  evaluate(input: readonly Claim[], stores: Readonly<Record<string, AttributeStore>> = {}): Promise<Claim[]> {
    const state: State = { context: input.slice(), output: [] };
    try {
      for (let i = 0; i < this.rules.length; i++) {
        const rule = this.rules[i]!;
        if (rule.action.kind === "store") return this.continueAsync(i, state, stores);
        this.runEmit(rule, rule.action, state);
      }
      return Promise.resolve(state.output);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private async continueAsync(from: number, state: State, stores: Readonly<Record<string, AttributeStore>>): Promise<Claim[]> {
    for (let i = from; i < this.rules.length; i++) {
      const rule = this.rules[i]!;
      if (rule.action.kind === "store") await this.runStore(rule, rule.action, state, stores);
      else this.runEmit(rule, rule.action, state);
    }
    return state.output;
  }

  private runEmit(rule: CompiledRule, action: CompiledAction & { kind: "emit" }, state: State): void {
    // The fast path for the usual single-selector rule: no binding arrays beyond the one passed.
    if (rule.selectors.length === 1) {
      const test = rule.selectors[0]!;
      const context = state.context;
      const n = context.length;
      for (let i = 0; i < n; i++) {
        const c = context[i]!;
        if (test(c)) put(state, action.issue, action.make([c]));
      }
      return;
    }
    for (const b of bindings(rule, state.context)) put(state, action.issue, action.make(b));
  }

  private async runStore(rule: CompiledRule, action: StoreAction, state: State, stores: Readonly<Record<string, AttributeStore>>): Promise<void> {
    const store = Object.hasOwn(stores, action.store) ? stores[action.store] : undefined;
    if (store === undefined) throw new ClaimRulesUnknownStoreError(action.store, rule.line, this.source);
    const issuer = store.issuer ?? LOCAL_AUTHORITY;
    for (const b of bindings(rule, state.context)) {
      const params = action.params.map((p) => p(b));
      const columns = await store.query(action.query, params);
      if (!Array.isArray(columns) || columns.length !== action.types.length) {
        throw new ClaimRulesStoreError(
          `attribute store "${action.store}" answered ${Array.isArray(columns) ? columns.length : "no"} column(s) for ${action.types.length} claim type(s) (line ${rule.line})`,
        );
      }
      for (let col = 0; col < columns.length; col++) {
        const type = action.types[col]!;
        const values = columns[col];
        if (!Array.isArray(values)) throw new ClaimRulesStoreError(`attribute store "${action.store}" answered a column that is not an array (line ${rule.line})`);
        for (const value of values) {
          if (typeof value !== "string") throw new ClaimRulesStoreError(`attribute store "${action.store}" answered a value that is not a string (line ${rule.line})`);
          put(state, action.issue, { type, value, valueType: XML_SCHEMA_STRING, issuer, originalIssuer: issuer, properties: {} });
        }
      }
    }
  }
}

// A validated document compiled once into matchers, so evaluation does no parsing: actions and
// resources as globs or exact sets, principals as sets, conditions as value tests. A `Policy` is
// immutable and can be shared by any number of evaluations.
import { compileConditions, type CompiledCondition } from "./conditions/compile.ts";
import { compileActions, type ActionMatcher } from "./match-action.ts";
import { compilePrincipals, type PrincipalSet } from "./match-principal.ts";
import { compileResources, type ResourceMatcher } from "./match-resource.ts";
import type { Effect, OneOrMany, PolicyDocument, PolicyKind, PolicyStatement, PolicyVersion } from "./types.ts";

export interface CompiledStatement {
  /** Position in the document's Statement list, from 0. */
  readonly index: number;
  readonly sid: string | undefined;
  readonly effect: Effect;
  readonly principal: PrincipalSet | undefined;
  readonly notPrincipal: PrincipalSet | undefined;
  readonly actions: ActionMatcher;
  readonly notAction: boolean;
  /** undefined when the statement has neither Resource nor NotResource (trust policies). */
  readonly resources: ResourceMatcher | undefined;
  readonly notResource: boolean;
  readonly conditions: readonly CompiledCondition[];
}

export interface Policy {
  readonly kind: PolicyKind;
  /** How decisions name this policy: a policy name or ARN, a key ARN, a bucket name. */
  readonly label: string;
  /** The document's Version; a document without one is read as 2008-10-17. */
  readonly version: PolicyVersion;
  readonly id: string | undefined;
  readonly document: PolicyDocument;
  readonly statements: readonly CompiledStatement[];
}

export function asList<T>(value: OneOrMany<T> | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function statementsOf(document: PolicyDocument): PolicyStatement[] {
  return asList(document.Statement);
}

function compileStatement(statement: PolicyStatement, index: number, version: PolicyVersion): CompiledStatement {
  const variables = version === "2012-10-17";
  const resourceList = statement.Resource ?? statement.NotResource;
  return {
    index,
    sid: statement.Sid,
    effect: statement.Effect,
    principal: statement.Principal === undefined ? undefined : compilePrincipals(statement.Principal),
    notPrincipal: statement.NotPrincipal === undefined ? undefined : compilePrincipals(statement.NotPrincipal),
    actions: compileActions(asList(statement.Action ?? statement.NotAction)),
    notAction: statement.NotAction !== undefined,
    resources: resourceList === undefined ? undefined : compileResources(asList(resourceList), variables),
    notResource: statement.NotResource !== undefined,
    conditions: compileConditions(statement.Condition, version),
  };
}

/**
 * Compiles a document that has already passed `parsePolicy` (one read back from the store, a
 * built-in default). It does not validate: untrusted text goes through `parsePolicy`.
 */
export function compilePolicy(document: PolicyDocument, kind: PolicyKind, label: string): Policy {
  const version = document.Version ?? "2008-10-17";
  return {
    kind,
    label,
    version,
    id: document.Id,
    document,
    statements: statementsOf(document).map((s, i) => compileStatement(s, i, version)),
  };
}

/** The same compiled policy under another label (cheap: the matchers are shared). */
export function withLabel(policy: Policy, label: string): Policy {
  return { ...policy, label };
}

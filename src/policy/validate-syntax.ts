// The grammar check (IAM "Grammar of the IAM JSON policy language"): the shape of the document and
// of each statement, the types of every element, known operator names, mutually exclusive pairs,
// and the elements each kind of policy forbids. A failure is "Syntax errors in policy.", except
// where AWS words it otherwise: a principal in an identity or session policy ("Policy document
// should not specify a principal."), a Resource in a trust policy ("Has prohibited field
// Resource"), an unknown field in a resource-based policy ("Unknown field X").
import { Messages, PolicyError } from "./errors.ts";
import { parseOperator } from "./conditions/operators.ts";
import type { ConditionElement, ConditionValue, PolicyDocument, PolicyKind, PolicyStatement } from "./types.ts";

const TOP_LEVEL = new Set(["Version", "Id", "Statement"]);
const STATEMENT_FIELDS = new Set(["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"]);
const PRINCIPAL_TYPES = new Set(["AWS", "Federated", "Service", "CanonicalUser"]);
const VERSIONS = new Set(["2008-10-17", "2012-10-17"]);

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringOrStrings(value: unknown): boolean {
  return typeof value === "string" || (Array.isArray(value) && value.every((v) => typeof v === "string"));
}

function isConditionScalar(value: unknown): value is ConditionValue {
  return typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

class Syntax {
  constructor(readonly kind: PolicyKind) {}
  fail(message: string = Messages.syntax): never {
    throw new PolicyError(this.kind, message);
  }
  check(ok: boolean, message?: string): asserts ok {
    if (!ok) this.fail(message);
  }
}

function prohibited(kind: PolicyKind, statement: Record<string, unknown>, s: Syntax): void {
  const has = (field: string) => Object.prototype.hasOwnProperty.call(statement, field);
  if (kind === "identity" || kind === "session") {
    if (has("Principal") || has("NotPrincipal")) s.fail(Messages.shouldNotSpecifyPrincipal);
  }
  if (kind === "trust") {
    for (const field of ["Resource", "NotResource", "NotPrincipal"]) if (has(field)) s.fail(Messages.prohibitedField(field));
  }
}

function checkPrincipal(value: unknown, s: Syntax): void {
  if (value === "*") return;
  s.check(isObject(value) && Object.keys(value).length > 0);
  for (const [type, ids] of Object.entries(value)) {
    s.check(PRINCIPAL_TYPES.has(type));
    s.check(isStringOrStrings(ids) && !(Array.isArray(ids) && ids.length === 0));
  }
}

/** Checks the Condition block and returns it without empty blocks of unknown operators. */
function checkCondition(value: unknown, s: Syntax): ConditionElement {
  s.check(isObject(value));
  const out: ConditionElement = {};
  for (const [operator, block] of Object.entries(value)) {
    s.check(isObject(block));
    for (const values of Object.values(block)) {
      s.check(isConditionScalar(values) || (Array.isArray(values) && values.every(isConditionScalar)));
    }
    if (!parseOperator(operator)) {
      s.check(Object.keys(block).length === 0);
      continue;
    }
    out[operator] = block as ConditionElement[string];
  }
  return out;
}

function checkStatement(kind: PolicyKind, value: unknown, s: Syntax): PolicyStatement {
  s.check(isObject(value));
  prohibited(kind, value, s);
  for (const field of Object.keys(value)) {
    if (STATEMENT_FIELDS.has(field)) continue;
    s.fail(kind === "resource" || kind === "key" ? Messages.unknownField(field) : Messages.syntax);
  }
  const has = (field: string) => value[field] !== undefined;
  s.check(!(has("Action") && has("NotAction")));
  s.check(!(has("Resource") && has("NotResource")));
  s.check(!(has("Principal") && has("NotPrincipal")));
  const effect = value.Effect;
  s.check(typeof effect === "string" && (effect.toLowerCase() === "allow" || effect.toLowerCase() === "deny"));
  for (const field of ["Action", "NotAction", "Resource", "NotResource"]) if (has(field)) s.check(isStringOrStrings(value[field]));
  if (has("Sid")) s.check(typeof value.Sid === "string");
  if (has("Principal")) checkPrincipal(value.Principal, s);
  if (has("NotPrincipal")) {
    checkPrincipal(value.NotPrincipal, s);
    // IAM: NotPrincipal must be used with "Effect":"Deny".
    s.check(effect.toLowerCase() === "deny");
  }
  const statement = { ...value } as unknown as PolicyStatement;
  if (has("Condition")) statement.Condition = checkCondition(value.Condition, s);
  return statement;
}

/** Checks the grammar and returns the document with its statements in a list. */
export function checkSyntax(kind: PolicyKind, raw: unknown): { document: PolicyDocument; statements: PolicyStatement[] } {
  const s: Syntax = new Syntax(kind);
  s.check(isObject(raw));
  for (const field of Object.keys(raw)) {
    if (!TOP_LEVEL.has(field)) s.fail(kind === "resource" || kind === "key" ? Messages.unknownField(field) : Messages.syntax);
  }
  if (raw.Version !== undefined) s.check(typeof raw.Version === "string" && VERSIONS.has(raw.Version));
  if (raw.Id !== undefined) s.check(typeof raw.Id === "string");
  const body = raw.Statement;
  s.check(isObject(body) || (Array.isArray(body) && body.length > 0));
  const statements = (Array.isArray(body) ? body : [body]).map((st) => checkStatement(kind, st, s));
  const document = { ...raw, Statement: Array.isArray(body) ? statements : (statements[0] as PolicyStatement) } as PolicyDocument;
  return { document, statements };
}

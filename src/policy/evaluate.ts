// AWS's policy evaluation logic (IAM "Policy evaluation logic", "Cross-account policy evaluation
// logic", "Session policies", "Permissions boundaries"; KMS "Key policies"):
// 1. An explicit Deny that applies, in any policy, decides.
// 2. Identity-based permissions are limited by the permissions boundary and the session policies:
//    each present one must allow too.
// 3. The resource-based policy combines with them by the level at which it names the caller:
//    - naming the caller itself (user ARN, session ARN, root, `*`) allows on its own, unlimited by
//      boundary or session policies;
//    - naming the session's role allows within the boundary and session policies;
//    - naming the account delegates to the account's identity-based policies.
// 4. Within one account, the identity-based policies alone suffice ("either" mode: S3 bucket
//    policies) unless the resource's policy is primary ("required" mode: a KMS key policy, a role's
//    trust policy), where the resource policy must allow, directly or by delegating to the account.
//    Across accounts, both sides must allow.
// 5. Grants add an allow that needs nothing else; the root user has every identity permission;
//    callers without identity policies (federated, service, anonymous) need a direct allow.
import type { Policy } from "./compile.ts";
import { PreparedRequest } from "./context.ts";
import { denialPhrase, describeStatement, type Decision, type MatchedStatement, type PolicyType } from "./decision.ts";
import type { GrantHook } from "./grants.ts";
import type { MatchLevel } from "./match-principal.ts";
import { statementApplies } from "./statement.ts";
import type { RequestContext } from "./types.ts";

export interface PolicySet {
  /** The caller's identity-based policies (inline and attached; a role session's are its role's). */
  readonly identity?: readonly Policy[];
  /** The resource's own policy: key policy, bucket policy, trust policy. */
  readonly resource?: Policy;
  /**
   * "required": the resource policy must allow, directly or via the account (KMS, trust policies);
   * "either": within one account, an allow in either the identity or the resource policy suffices.
   * Defaults to "required" for key and trust policies, "either" otherwise.
   */
  readonly resourceMode?: "either" | "required";
  /** The permissions boundary of the user or role. */
  readonly boundary?: Policy;
  /** A session's policies (inline and managed); when present, one of them must allow. */
  readonly session?: readonly Policy[];
  /** Grants that may allow the request (KMS). */
  readonly grants?: GrantHook;
}

interface Scan {
  readonly denies: MatchedStatement[];
  readonly identity: MatchedStatement[];
  readonly boundary: MatchedStatement[];
  readonly session: MatchedStatement[];
  readonly resource: { readonly statement: MatchedStatement; readonly level: MatchLevel }[];
}

function matched(policy: Policy, type: PolicyType, index: number, sid: string | undefined, effect: "Allow" | "Deny"): MatchedStatement {
  return { policy: policy.label, policyType: type, statementIndex: index, sid, effect };
}

function scanPolicy(policy: Policy, type: PolicyType, request: PreparedRequest, hasBoundary: boolean, scan: Scan, allows: MatchedStatement[] | undefined): void {
  for (const statement of policy.statements) {
    const level = statementApplies(statement, request, hasBoundary);
    if (!level) continue;
    const m = matched(policy, type, statement.index, statement.sid, statement.effect);
    if (statement.effect === "Deny") scan.denies.push(m);
    else if (allows) allows.push(m);
    else scan.resource.push({ statement: m, level });
  }
}

/** The account that owns the resource: explicit, else the ARN's account field (the fifth). */
function resourceAccountOf(request: RequestContext): string | undefined {
  if (request.resourceAccount) return request.resourceAccount;
  const arn = request.resource;
  let from = 0;
  for (let i = 0; i < 4; i++) {
    from = arn.indexOf(":", from) + 1;
    if (from === 0) return undefined;
  }
  const end = arn.indexOf(":", from);
  return end > from ? arn.slice(from, end) : undefined;
}

function allow(matches: readonly MatchedStatement[]): Decision {
  const first = matches[0];
  return { effect: "Allow", matched: matches, deniedBy: undefined, reason: first ? `allowed by ${describeStatement(first)}` : "allowed" };
}

function implicitDeny(deniedBy: PolicyType, scan: Scan, action: string): Decision {
  const matches = [...scan.identity, ...scan.resource.map((x) => x.statement), ...scan.boundary, ...scan.session];
  const decision: Decision = { effect: "ImplicitDeny", matched: matches, deniedBy, reason: "" };
  return { ...decision, reason: `implicitly denied ${denialPhrase(decision, action)}` };
}

export function evaluate(request: RequestContext | PreparedRequest, policies: PolicySet): Decision {
  const req = request instanceof PreparedRequest ? request : new PreparedRequest(request);
  const hasBoundary = policies.boundary !== undefined;
  const scan: Scan = { denies: [], identity: [], boundary: [], session: [], resource: [] };

  if (policies.identity) for (const policy of policies.identity) scanPolicy(policy, "identity", req, hasBoundary, scan, scan.identity);
  if (policies.resource) scanPolicy(policies.resource, "resource", req, hasBoundary, scan, undefined);
  if (policies.boundary) scanPolicy(policies.boundary, "permissions-boundary", req, hasBoundary, scan, scan.boundary);
  if (policies.session) for (const policy of policies.session) scanPolicy(policy, "session", req, hasBoundary, scan, scan.session);

  const firstDeny = scan.denies[0];
  if (firstDeny) {
    return { effect: "ExplicitDeny", matched: scan.denies, deniedBy: firstDeny.policyType, reason: `explicitly denied by ${describeStatement(firstDeny)}` };
  }

  const decision = decide(req, policies, scan);
  if (decision.effect === "Allow" || !policies.grants) return decision;
  const grantId = policies.grants(req.request);
  if (grantId === undefined) return decision;
  return allow([{ policy: grantId, policyType: "grant", statementIndex: -1, sid: undefined, effect: "Allow" }]);
}

function decide(req: PreparedRequest, set: PolicySet, scan: Scan): Decision {
  const principal = req.principal;
  const action = req.request.action;
  const direct: MatchedStatement[] = [];
  const viaRole: MatchedStatement[] = [];
  const viaAccount: MatchedStatement[] = [];
  for (const { statement, level } of scan.resource) (level === "direct" ? direct : level === "role" ? viaRole : viaAccount).push(statement);

  if (principal.type !== "root" && principal.type !== "user" && principal.type !== "assumed-role") {
    return direct.length > 0 ? allow(direct) : implicitDeny("resource", scan, action);
  }

  const isRoot = principal.type === "root";
  const identityAllows = isRoot || scan.identity.length > 0;
  const boundaryAllows = isRoot || !set.boundary || scan.boundary.length > 0;
  const sessionAllows = !set.session || scan.session.length > 0;
  const limitsAllow = boundaryAllows && sessionAllows;
  // Which limit failed, for an allow that the boundary or the session policies cut off.
  const limitFailure: PolicyType = boundaryAllows ? "session" : "permissions-boundary";

  const owner = resourceAccountOf(req.request) ?? principal.accountId;
  const sameAccount = principal.accountId !== undefined && principal.accountId === owner;

  if (sameAccount) {
    if (direct.length > 0) return allow(direct);
    if (viaRole.length > 0 && limitsAllow) return allow([...viaRole, ...scan.boundary, ...scan.session]);
    const mode = set.resourceMode ?? (set.resource && (set.resource.kind === "key" || set.resource.kind === "trust") ? "required" : "either");
    const identityRoute = mode === "either" || viaAccount.length > 0;
    if (!identityRoute && viaRole.length === 0) return implicitDeny("resource", scan, action);
    if (identityRoute && identityAllows && limitsAllow) return allow([...scan.identity, ...viaAccount, ...scan.boundary, ...scan.session]);
    if (viaRole.length > 0 || (identityRoute && identityAllows)) return implicitDeny(limitFailure, scan, action);
    return implicitDeny("identity", scan, action);
  }

  if (direct.length + viaRole.length + viaAccount.length === 0) return implicitDeny("resource", scan, action);
  if (!identityAllows) return implicitDeny("identity", scan, action);
  if (!limitsAllow) return implicitDeny(limitFailure, scan, action);
  return allow([...scan.identity, ...direct, ...viaRole, ...viaAccount, ...scan.boundary, ...scan.session]);
}

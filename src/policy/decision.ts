// The outcome of an evaluation, shaped for what comes after it: AccessDenied messages in AWS's
// wording (which kind of policy lacked the allow, or held the deny) and
// DecodeAuthorizationMessage, which names the decisive statements.

/** The kinds of policy AWS names in its access-denied messages, and grants. */
export type PolicyType = "identity" | "resource" | "permissions-boundary" | "session" | "grant";

export interface MatchedStatement {
  /** The policy's label (a grant's id for grants). */
  readonly policy: string;
  readonly policyType: PolicyType;
  /** Position in the policy's Statement list, from 0; -1 for a grant. */
  readonly statementIndex: number;
  readonly sid: string | undefined;
  readonly effect: "Allow" | "Deny";
}

export type DecisionEffect = "Allow" | "ExplicitDeny" | "ImplicitDeny";

export interface Decision {
  readonly effect: DecisionEffect;
  /**
   * Allow: the statements that together allowed the request. ExplicitDeny: every Deny statement
   * that applied. ImplicitDeny: the Allow statements that applied but were not enough.
   */
  readonly matched: readonly MatchedStatement[];
  /** For a denial, the kind of policy that denied it or lacked the allow. */
  readonly deniedBy: PolicyType | undefined;
  /** One sentence for logs and DecodeAuthorizationMessage. */
  readonly reason: string;
}

const NAMES: Readonly<Record<PolicyType, string>> = {
  identity: "identity-based policy",
  resource: "resource-based policy",
  "permissions-boundary": "permissions boundary",
  session: "session policy",
  grant: "grant",
};

const ARTICLES: Readonly<Record<PolicyType, string>> = {
  identity: "an identity-based policy",
  resource: "a resource-based policy",
  "permissions-boundary": "a permissions boundary",
  session: "a session policy",
  grant: "a grant",
};

/**
 * The tail AWS puts on an AccessDenied message after "User: <arn> is not authorized to perform:
 * <action> on resource: <arn>": "because no identity-based policy allows the kms:Encrypt action",
 * "with an explicit deny in a resource-based policy". Empty for an Allow.
 */
export function denialPhrase(decision: Decision, action: string): string {
  if (decision.effect === "Allow" || !decision.deniedBy) return "";
  if (decision.effect === "ExplicitDeny") return `with an explicit deny in ${ARTICLES[decision.deniedBy]}`;
  return `because no ${NAMES[decision.deniedBy]} allows the ${action} action`;
}

export function describeStatement(m: MatchedStatement): string {
  if (m.policyType === "grant") return `grant ${m.policy}`;
  const sid = m.sid ? ` (Sid "${m.sid}")` : "";
  return `statement ${m.statementIndex}${sid} of ${NAMES[m.policyType]} ${m.policy}`;
}

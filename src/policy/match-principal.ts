// Principal and NotPrincipal (IAM "AWS JSON policy elements: Principal"). A statement names a
// caller at one of three levels, and the level decides how the allow combines with other policies:
// - "direct": the caller itself: its user ARN, its role-session ARN, the root user by account, the
//   identity provider or service it is, or everyone (`*`);
// - "role": the role whose session is calling (aws:PrincipalArn semantics);
// - "account": the caller's account (`123456789012` or `arn:aws:iam::123456789012:root`), which
//   delegates the decision to that account's IAM policies.
// NotPrincipal excludes a caller only when every identity in its chain is listed (account, role,
// session for a role session; account and user for a user), and never a caller that has a
// permissions boundary, as IAM documents.
import type { PrincipalElement, RequestPrincipal } from "./types.ts";

export type MatchLevel = "direct" | "role" | "account";

export interface PrincipalSet {
  readonly any: boolean;
  readonly accounts: ReadonlySet<string>;
  readonly arns: ReadonlySet<string>;
  readonly federated: ReadonlySet<string>;
  readonly services: ReadonlySet<string>;
  readonly canonical: ReadonlySet<string>;
}

const ROOT_ARN = /^arn:aws[\w-]*:iam::(\d{12}):root$/;

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function compilePrincipals(element: PrincipalElement): PrincipalSet {
  const set = { any: false, accounts: new Set<string>(), arns: new Set<string>(), federated: new Set<string>(), services: new Set<string>(), canonical: new Set<string>() };
  if (element === "*") return { ...set, any: true };
  for (const id of list(element.AWS)) {
    if (id === "*") set.any = true;
    else if (/^\d{12}$/.test(id)) set.accounts.add(id);
    else {
      const root = ROOT_ARN.exec(id);
      if (root) set.accounts.add(root[1] as string);
      else set.arns.add(id);
    }
  }
  for (const id of list(element.Federated)) set.federated.add(id);
  for (const id of list(element.Service)) set.services.add(id.toLowerCase());
  for (const id of list(element.CanonicalUser)) set.canonical.add(id);
  return set;
}

/** The level at which a Principal element names the caller; undefined when it does not. */
export function principalLevel(set: PrincipalSet, principal: RequestPrincipal): MatchLevel | undefined {
  if (set.any) return "direct";
  if (principal.canonicalUserId && set.canonical.has(principal.canonicalUserId)) return "direct";
  switch (principal.type) {
    case "root":
      return principal.accountId && set.accounts.has(principal.accountId) ? "direct" : undefined;
    case "user":
      if (set.arns.has(principal.arn)) return "direct";
      return principal.accountId && set.accounts.has(principal.accountId) ? "account" : undefined;
    case "assumed-role":
      if (set.arns.has(principal.arn)) return "direct";
      if (principal.roleArn && set.arns.has(principal.roleArn)) return "role";
      return principal.accountId && set.accounts.has(principal.accountId) ? "account" : undefined;
    case "federated":
      return set.federated.has(principal.arn) ? "direct" : undefined;
    case "service":
      return set.services.has(principal.arn.toLowerCase()) ? "direct" : undefined;
    case "anonymous":
      return undefined;
  }
}

/** Whether a NotPrincipal element leaves the caller out (so the statement does not apply to it). */
export function excludedByNotPrincipal(set: PrincipalSet, principal: RequestPrincipal, hasBoundary: boolean): boolean {
  if (set.any) return true;
  if ((principal.type === "user" || principal.type === "assumed-role") && hasBoundary) return false;
  if (principal.canonicalUserId && set.canonical.has(principal.canonicalUserId)) return true;
  const account = principal.accountId !== undefined && set.accounts.has(principal.accountId);
  switch (principal.type) {
    case "root":
      return account;
    case "user":
      return account && set.arns.has(principal.arn);
    case "assumed-role":
      return account && principal.roleArn !== undefined && set.arns.has(principal.roleArn) && set.arns.has(principal.arn);
    case "federated":
      return set.federated.has(principal.arn);
    case "service":
      return set.services.has(principal.arn.toLowerCase());
    case "anonymous":
      return false;
  }
}

// Shared fixtures for the policy tests: the lab's accounts and principals, and small builders that
// turn a document (as an object) into a compiled policy, or a condition into a yes/no answer.
import { evaluate, parsePolicy, type ContextValue, type Policy, type PolicyKind, type RequestPrincipal } from "../../src/policy/index.ts";

export const ACCOUNT = "111122223333";
export const OTHER_ACCOUNT = "444455556666";

export const ROOT: RequestPrincipal = { type: "root", arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, userId: ACCOUNT };

export function user(name: string, account = ACCOUNT): RequestPrincipal {
  return { type: "user", arn: `arn:aws:iam::${account}:user/${name}`, accountId: account, username: name, userId: `AIDA${name.toUpperCase().padEnd(17, "X")}` };
}

export function session(role: string, sessionName: string, account = ACCOUNT, path = "/"): RequestPrincipal {
  return {
    type: "assumed-role",
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${sessionName}`,
    accountId: account,
    roleArn: `arn:aws:iam::${account}:role${path}${role}`,
    userId: `AROA${role.toUpperCase().replace(/[^A-Z0-9]/g, "").padEnd(17, "X")}:${sessionName}`,
  };
}

export const ADFS_PROVIDER = `arn:aws:iam::${ACCOUNT}:saml-provider/ADFS`;

export function federated(provider = ADFS_PROVIDER): RequestPrincipal {
  return { type: "federated", arn: provider };
}

export const ANONYMOUS: RequestPrincipal = { type: "anonymous", arn: "*" };

export function policy(document: unknown, kind: PolicyKind = "identity", label?: string): Policy {
  return parsePolicy(JSON.stringify(document), kind, label === undefined ? {} : { label });
}

/** An identity policy that allows s3:GetObject on everything under one Condition element. */
export function conditionPolicy(condition: unknown, version: string | undefined = "2012-10-17"): Policy {
  const document: Record<string, unknown> = { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: condition }] };
  if (version) document.Version = version;
  return policy(document);
}

/** Whether a Condition element holds for a request context (an IAM user makes the request). */
export function holds(condition: unknown, context: Record<string, ContextValue> = {}, principal: RequestPrincipal = user("alice"), version?: string): boolean {
  const compiled = conditionPolicy(condition, version ?? "2012-10-17");
  return evaluate({ principal, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key", context }, { identity: [compiled] }).effect === "Allow";
}

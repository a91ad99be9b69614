// Entities by ARN. An ARN names an entity only when it matches the stored entity's ARN exactly
// (path included); anything else is undefined, and callers phrase their own error.
import { parseArn } from "../../shared/index.ts";
import type { IamRepository } from "../../store/index.ts";
import type { ManagedPolicyRecord, RoleRecord, SamlProviderRecord, UserRecord } from "../types.ts";
import { roleKey, userKey } from "./keys.ts";

function entityName(arn: string, type: string): { accountId: string; name: string } | undefined {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== "iam" || !parsed.resource.startsWith(`${type}/`)) return undefined;
  return { accountId: parsed.accountId, name: parsed.resource.slice(parsed.resource.lastIndexOf("/") + 1) };
}

export async function roleByArn(repo: IamRepository, arn: string): Promise<RoleRecord | undefined> {
  const named = entityName(arn, "role");
  const role = named && (await repo.get<RoleRecord>(named.accountId, "role", roleKey(named.name)));
  return role && role.arn === arn ? role : undefined;
}

export async function userByArn(repo: IamRepository, arn: string): Promise<UserRecord | undefined> {
  const named = entityName(arn, "user");
  const user = named && (await repo.get<UserRecord>(named.accountId, "user", userKey(named.name)));
  return user && user.arn === arn ? user : undefined;
}

export async function samlProviderByArn(repo: IamRepository, arn: string): Promise<SamlProviderRecord | undefined> {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== "iam" || !parsed.resource.startsWith("saml-provider/")) return undefined;
  return repo.get<SamlProviderRecord>(parsed.accountId, "saml-provider", parsed.resource.slice("saml-provider/".length));
}

/** Managed policies are keyed by their ARN in their own account. */
export async function managedPolicyByArn(repo: IamRepository, arn: string): Promise<ManagedPolicyRecord | undefined> {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== "iam" || !parsed.resource.startsWith("policy/")) return undefined;
  return repo.get<ManagedPolicyRecord>(parsed.accountId, "managed-policy", arn);
}

// IAM's domain operations over the store: what STS needs (roles, SAML providers, a role's
// policies, access keys), what the IAM Query API exposes, and what the lab-world seed builds on.
// Each family lives in domain/; this file puts them together as one service.
import type { IamRepository } from "../store/index.ts";
import type { Clock } from "../shared/index.ts";
import type { AccountRecord } from "./types.ts";
import { createDomain } from "./domain/context.ts";
import { createRoleAdmin, type RoleAdmin } from "./domain/roles.ts";
import { createRolePolicyAdmin, type RolePolicyAdmin } from "./domain/role-policies.ts";
import { createManagedPolicyAdmin, type ManagedPolicyAdmin } from "./domain/managed-policies.ts";
import { createSamlProviderAdmin, type SamlProviderAdmin } from "./domain/saml-providers.ts";
import { createUserAdmin, type UserAdmin } from "./domain/users.ts";
import { createAccessKeyAdmin, type AccessKeyAdmin } from "./domain/access-keys.ts";

export interface IamService extends RoleAdmin, RolePolicyAdmin, ManagedPolicyAdmin, SamlProviderAdmin, UserAdmin, AccessKeyAdmin {
  readonly repo: IamRepository;
  ensureAccount(accountId: string): Promise<AccountRecord>;
  getAccount(accountId: string): Promise<AccountRecord | undefined>;
}

export function createIamService(repo: IamRepository, clock: Clock): IamService {
  const domain = createDomain(repo, clock);
  const roles = createRoleAdmin(domain);
  const users = createUserAdmin(domain);
  return {
    repo,
    async ensureAccount(accountId) {
      const existing = await repo.get<AccountRecord>(accountId, "account", accountId);
      if (existing) return existing;
      const account = { accountId, createdAt: domain.now() };
      await repo.put(accountId, "account", accountId, account, { ifAbsent: true });
      return account;
    },
    getAccount: (accountId) => repo.get<AccountRecord>(accountId, "account", accountId),
    ...roles,
    ...createRolePolicyAdmin(domain, roles.getRole),
    ...createManagedPolicyAdmin(domain, roles.getRole),
    ...createSamlProviderAdmin(domain),
    ...users,
    ...createAccessKeyAdmin(domain, users),
  };
}

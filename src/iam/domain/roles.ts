// Roles: made with a trust policy that IAM would accept, read, listed, given a new trust policy,
// and deleted once nothing is attached to them.
import { awsUniqueId } from "../../crypto/index.ts";
import { roleArn } from "../../shared/index.ts";
import { IamError } from "../errors.ts";
import type { IamTag, RolePolicyRecord, RoleAttachmentRecord, RoleRecord } from "../types.ts";
import type { Domain } from "./context.ts";
import { checkTrustPolicy, type PrincipalLookup } from "./documents.ts";
import { roleKey, underRole } from "./keys.ts";
import { roleByArn, samlProviderByArn, userByArn } from "./lookups.ts";

export const ROLES_PER_ACCOUNT = 1000;

export interface CreateRoleInput {
  accountId: string;
  roleName: string;
  path?: string;
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration?: number;
  tags?: IamTag[];
}

export interface RoleAdmin {
  createRole(input: CreateRoleInput): Promise<RoleRecord>;
  getRole(accountId: string, roleName: string): Promise<RoleRecord>;
  /** The role of that name, or undefined. */
  findRole(accountId: string, roleName: string): Promise<RoleRecord | undefined>;
  /** The role an ARN names, or undefined (no error: callers phrase their own). */
  findRoleByArn(arn: string): Promise<RoleRecord | undefined>;
  /** The account's roles whose path starts with the prefix, in name order. */
  listRoles(accountId: string, pathPrefix?: string): Promise<RoleRecord[]>;
  updateAssumeRolePolicy(accountId: string, roleName: string, document: string): Promise<RoleRecord>;
  /** Deletes a role that has no inline or attached policies left (DeleteConflict otherwise). */
  deleteRole(accountId: string, roleName: string): Promise<void>;
}

export const noSuchRole = (roleName: string) => new IamError("NoSuchEntity", `The role with name ${roleName} cannot be found.`);

export function createRoleAdmin(domain: Domain): RoleAdmin {
  const { repo } = domain;
  const principalExists: PrincipalLookup = async (arn, type) => {
    if (type === "Federated") return (await samlProviderByArn(repo, arn)) !== undefined;
    return (await roleByArn(repo, arn)) !== undefined || (await userByArn(repo, arn)) !== undefined;
  };
  const findRole = (accountId: string, roleName: string) => repo.get<RoleRecord>(accountId, "role", roleKey(roleName));
  const getRole = async (accountId: string, roleName: string) => {
    const role = await findRole(accountId, roleName);
    if (!role) throw noSuchRole(roleName);
    return role;
  };

  return {
    async createRole(input) {
      await checkTrustPolicy(input.assumeRolePolicyDocument, principalExists);
      const path = input.path ?? "/";
      const role: RoleRecord = {
        accountId: input.accountId,
        roleName: input.roleName,
        roleId: awsUniqueId("AROA"),
        path,
        arn: roleArn(input.accountId, path, input.roleName),
        assumeRolePolicyDocument: input.assumeRolePolicyDocument,
        description: input.description ?? "",
        maxSessionDuration: input.maxSessionDuration ?? 3600,
        createdAt: domain.now(),
        ...(input.tags?.length ? { tags: input.tags } : {}),
      };
      return repo.transaction(async () => {
        // Role names are unique per account, case-insensitively, as in IAM.
        if (await findRole(input.accountId, input.roleName)) throw new IamError("EntityAlreadyExists", `Role with name ${input.roleName} already exists.`);
        if ((await repo.list(input.accountId, "role")).length >= ROLES_PER_ACCOUNT) {
          throw new IamError("LimitExceeded", `Cannot exceed quota for RolesPerAccount: ${ROLES_PER_ACCOUNT}`);
        }
        if (!(await repo.put(input.accountId, "role", roleKey(input.roleName), role, { ifAbsent: true }))) {
          throw new IamError("EntityAlreadyExists", `Role with name ${input.roleName} already exists.`);
        }
        return role;
      });
    },
    getRole,
    findRole,
    findRoleByArn: (arn) => roleByArn(repo, arn),
    async listRoles(accountId, pathPrefix = "/") {
      const roles = await repo.list<RoleRecord>(accountId, "role");
      return roles.filter((role) => role.path.startsWith(pathPrefix));
    },
    async updateAssumeRolePolicy(accountId, roleName, document) {
      await checkTrustPolicy(document, principalExists);
      return repo.transaction(async () => {
        const role = await getRole(accountId, roleName);
        const updated = { ...role, assumeRolePolicyDocument: document };
        await repo.put(accountId, "role", roleKey(role.roleName), updated);
        return updated;
      });
    },
    async deleteRole(accountId, roleName) {
      await repo.transaction(async () => {
        const role = await getRole(accountId, roleName);
        if ((await repo.list<RolePolicyRecord>(accountId, "role-policy", underRole(role.roleName))).length > 0) {
          throw new IamError("DeleteConflict", "Cannot delete entity, must delete policies first.");
        }
        if ((await repo.list<RoleAttachmentRecord>(accountId, "role-attachment", underRole(role.roleName))).length > 0) {
          throw new IamError("DeleteConflict", "Cannot delete entity, must detach all policies first.");
        }
        await repo.delete(accountId, "role", roleKey(role.roleName));
      });
    },
  };
}

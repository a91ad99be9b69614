// A role's inline policies (validated as identity-based policies, within IAM's 10,240-character
// quota for all of a role's inline policies together), and the documents that apply to a role's
// sessions: its inline and attached managed policies.
import { iamPolicySize, POLICY_SIZE_LIMITS } from "../../policy/index.ts";
import { IamError } from "../errors.ts";
import type { RoleAttachmentRecord, RolePolicyRecord, RoleRecord } from "../types.ts";
import type { Domain } from "./context.ts";
import { checkPermissionsPolicy } from "./documents.ts";
import { rolePolicyKey, underRole } from "./keys.ts";
import { managedPolicyByArn } from "./lookups.ts";

export interface LabelledDocument {
  /** How decisions name the policy: the managed policy's ARN, or the role and inline policy. */
  label: string;
  document: string;
}

export interface RolePolicyAdmin {
  putRolePolicy(accountId: string, roleName: string, policyName: string, policyDocument: string): Promise<void>;
  getRolePolicy(accountId: string, roleName: string, policyName: string): Promise<RolePolicyRecord>;
  /** The role's inline policies, in name order. */
  listRolePolicies(accountId: string, roleName: string): Promise<RolePolicyRecord[]>;
  deleteRolePolicy(accountId: string, roleName: string, policyName: string): Promise<void>;
  /** The documents of a role's inline and attached managed policies, labelled for explanations. */
  rolePolicies(role: RoleRecord): Promise<LabelledDocument[]>;
}

const noSuchRolePolicy = (policyName: string) => new IamError("NoSuchEntity", `The role policy with name ${policyName} cannot be found.`);

export function createRolePolicyAdmin(domain: Domain, getRole: (accountId: string, roleName: string) => Promise<RoleRecord>): RolePolicyAdmin {
  const { repo } = domain;
  const find = (role: RoleRecord, policyName: string) => repo.get<RolePolicyRecord>(role.accountId, "role-policy", rolePolicyKey(role.roleName, policyName));

  return {
    async putRolePolicy(accountId, roleName, policyName, policyDocument) {
      checkPermissionsPolicy(policyDocument);
      await repo.transaction(async () => {
        const role = await getRole(accountId, roleName);
        const others = (await repo.list<RolePolicyRecord>(accountId, "role-policy", underRole(role.roleName))).filter((p) => p.policyName !== policyName);
        const total = others.reduce((sum, p) => sum + iamPolicySize(p.policyDocument), iamPolicySize(policyDocument));
        if (total > POLICY_SIZE_LIMITS.roleInline) {
          throw new IamError("LimitExceeded", `Maximum policy size of ${POLICY_SIZE_LIMITS.roleInline} bytes exceeded for role ${role.roleName}`);
        }
        const record: RolePolicyRecord = { accountId, roleName: role.roleName, policyName, policyDocument };
        await repo.put(accountId, "role-policy", rolePolicyKey(role.roleName, policyName), record);
      });
    },
    async getRolePolicy(accountId, roleName, policyName) {
      const policy = await find(await getRole(accountId, roleName), policyName);
      if (!policy) throw noSuchRolePolicy(policyName);
      return policy;
    },
    async listRolePolicies(accountId, roleName) {
      const role = await getRole(accountId, roleName);
      return repo.list<RolePolicyRecord>(accountId, "role-policy", underRole(role.roleName));
    },
    async deleteRolePolicy(accountId, roleName, policyName) {
      await repo.transaction(async () => {
        const role = await getRole(accountId, roleName);
        if (!(await repo.delete(accountId, "role-policy", rolePolicyKey(role.roleName, policyName)))) throw noSuchRolePolicy(policyName);
      });
    },
    async rolePolicies(role) {
      const inline = await repo.list<RolePolicyRecord>(role.accountId, "role-policy", underRole(role.roleName));
      const attached = await repo.list<RoleAttachmentRecord>(role.accountId, "role-attachment", underRole(role.roleName));
      const managed = await Promise.all(
        attached.map(async (a) => {
          const policy = await managedPolicyByArn(repo, a.policyArn);
          return policy ? { label: a.policyArn, document: policy.document } : undefined;
        }),
      );
      return [
        ...inline.map((p) => ({ label: `${role.arn} inline policy ${p.policyName}`, document: p.policyDocument })),
        ...managed.filter((m): m is LabelledDocument => m !== undefined),
      ];
    },
  };
}

// Customer managed policies: made once per name in an account (validated as managed policies:
// Version 2012-10-17, alphanumeric Sids, 6,144 characters), attached to and detached from roles
// (at most ten a role) with the policy's AttachmentCount kept in step in the same transaction.
import { awsUniqueId } from "../../crypto/index.ts";
import { managedPolicyArn } from "../../shared/index.ts";
import { IamError } from "../errors.ts";
import type { IamTag, ManagedPolicyRecord, RoleAttachmentRecord, RoleRecord } from "../types.ts";
import type { Domain } from "./context.ts";
import { checkPermissionsPolicy } from "./documents.ts";
import { roleAttachmentKey, underRole } from "./keys.ts";
import { managedPolicyByArn } from "./lookups.ts";

export const MANAGED_POLICIES_PER_ROLE = 10;

export interface CreatePolicyInput {
  accountId: string;
  policyName: string;
  path?: string;
  document: string;
  description?: string;
  tags?: IamTag[];
}

export interface ManagedPolicyAdmin {
  createPolicy(input: CreatePolicyInput): Promise<ManagedPolicyRecord>;
  findManagedPolicy(arn: string): Promise<ManagedPolicyRecord | undefined>;
  attachRolePolicy(accountId: string, roleName: string, policyArn: string): Promise<void>;
  detachRolePolicy(accountId: string, roleName: string, policyArn: string): Promise<void>;
  /** The managed policies attached to a role, in ARN order. */
  listAttachedRolePolicies(accountId: string, roleName: string): Promise<RoleAttachmentRecord[]>;
}

export function createManagedPolicyAdmin(domain: Domain, getRole: (accountId: string, roleName: string) => Promise<RoleRecord>): ManagedPolicyAdmin {
  const { repo } = domain;
  // Called inside the transaction that read `policy`.
  const adjustCount = (policy: ManagedPolicyRecord, by: number) =>
    repo.put(policy.accountId, "managed-policy", policy.arn, { ...policy, attachmentCount: Math.max(0, (policy.attachmentCount ?? 0) + by) });

  return {
    async createPolicy(input) {
      checkPermissionsPolicy(input.document, { managed: true });
      const path = input.path ?? "/";
      const now = domain.now();
      const policy: ManagedPolicyRecord = {
        accountId: input.accountId,
        policyName: input.policyName,
        policyId: awsUniqueId("ANPA"),
        path,
        arn: managedPolicyArn(input.accountId, path, input.policyName),
        description: input.description ?? "",
        document: input.document,
        defaultVersionId: "v1",
        attachmentCount: 0,
        createdAt: now,
        updatedAt: now,
        ...(input.tags?.length ? { tags: input.tags } : {}),
      };
      return repo.transaction(async () => {
        // Names are unique in the account whatever the path, and without regard to case.
        const lower = input.policyName.toLowerCase();
        const existing = await repo.list<ManagedPolicyRecord>(input.accountId, "managed-policy");
        if (existing.some((p) => p.policyName.toLowerCase() === lower)) {
          throw new IamError("EntityAlreadyExists", `A policy called ${input.policyName} already exists. Duplicate names are not allowed.`);
        }
        await repo.put(input.accountId, "managed-policy", policy.arn, policy);
        return policy;
      });
    },
    findManagedPolicy: (arn) => managedPolicyByArn(repo, arn),
    async attachRolePolicy(accountId, roleName, policyArn) {
      await repo.transaction(async () => {
        const role = await getRole(accountId, roleName);
        const policy = await managedPolicyByArn(repo, policyArn);
        // Another account's customer managed policy cannot be attached either.
        if (!policy || policy.accountId !== accountId) throw new IamError("NoSuchEntity", `Policy ${policyArn} does not exist or is not attachable.`);
        const key = roleAttachmentKey(role.roleName, policy.arn);
        if (await repo.get(accountId, "role-attachment", key)) return;
        if ((await repo.list(accountId, "role-attachment", underRole(role.roleName))).length >= MANAGED_POLICIES_PER_ROLE) {
          throw new IamError("LimitExceeded", `Cannot exceed quota for PoliciesPerRole: ${MANAGED_POLICIES_PER_ROLE}`);
        }
        const attachment: RoleAttachmentRecord = { accountId, roleName: role.roleName, policyArn: policy.arn, policyName: policy.policyName };
        await repo.put(accountId, "role-attachment", key, attachment);
        await adjustCount(policy, 1);
      });
    },
    async detachRolePolicy(accountId, roleName, policyArn) {
      await repo.transaction(async () => {
        const role = await getRole(accountId, roleName);
        if (!(await repo.delete(accountId, "role-attachment", roleAttachmentKey(role.roleName, policyArn)))) {
          throw new IamError("NoSuchEntity", `Policy ${policyArn} was not found.`);
        }
        const policy = await managedPolicyByArn(repo, policyArn);
        if (policy) await adjustCount(policy, -1);
      });
    },
    async listAttachedRolePolicies(accountId, roleName) {
      const role = await getRole(accountId, roleName);
      return repo.list<RoleAttachmentRecord>(accountId, "role-attachment", underRole(role.roleName));
    },
  };
}

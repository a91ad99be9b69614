// IAM's domain operations over the store: what STS needs (roles, SAML providers, a role's
// policies, access keys) and what the IAM API and the lab-world seed build on.
import type { IamRepository, AccessKeyRecord } from "../store/index.ts";
import { awsUniqueId, randomBase32, randomSecretAccessKey } from "../crypto/index.ts";
import { parseArn, roleArn, samlProviderArn, type Clock } from "../shared/index.ts";
import { IamError } from "./errors.ts";
import { readSamlMetadata, SamlMetadataError } from "./saml-metadata.ts";
import type { AccountRecord, ManagedPolicyRecord, RoleAttachmentRecord, RolePolicyRecord, RoleRecord, SamlProviderRecord } from "./types.ts";

export interface IamService {
  readonly repo: IamRepository;
  ensureAccount(accountId: string): Promise<AccountRecord>;
  getAccount(accountId: string): Promise<AccountRecord | undefined>;
  createRole(input: { accountId: string; roleName: string; path?: string; assumeRolePolicyDocument: string; description?: string; maxSessionDuration?: number }): Promise<RoleRecord>;
  getRole(accountId: string, roleName: string): Promise<RoleRecord>;
  /** The role an ARN names, or undefined (no error: callers phrase their own). */
  findRoleByArn(arn: string): Promise<RoleRecord | undefined>;
  putRolePolicy(accountId: string, roleName: string, policyName: string, policyDocument: string): Promise<void>;
  /** The documents of a role's inline and attached managed policies, labelled for explanations. */
  rolePolicies(role: RoleRecord): Promise<{ label: string; document: string }[]>;
  putSamlProvider(accountId: string, name: string, metadataDocument: string, options?: { replace?: boolean }): Promise<SamlProviderRecord>;
  findSamlProviderByArn(arn: string): Promise<SamlProviderRecord | undefined>;
  createAccessKey(accountId: string, userName: string | null): Promise<AccessKeyRecord>;
  findAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined>;
}

export function createIamService(repo: IamRepository, clock: Clock): IamService {
  const now = () => clock.now().toISOString();
  return {
    repo,
    async ensureAccount(accountId) {
      const existing = await repo.get<AccountRecord>(accountId, "account", accountId);
      if (existing) return existing;
      const account = { accountId, createdAt: now() };
      await repo.put(accountId, "account", accountId, account, { ifAbsent: true });
      return account;
    },
    getAccount: (accountId) => repo.get<AccountRecord>(accountId, "account", accountId),
    async createRole(input) {
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
        createdAt: now(),
      };
      // Role names are unique per account, case-insensitively, as in IAM.
      if (!(await repo.put(input.accountId, "role", input.roleName.toLowerCase(), role, { ifAbsent: true }))) {
        throw new IamError("EntityAlreadyExists", `Role with name ${input.roleName} already exists.`);
      }
      return role;
    },
    async getRole(accountId, roleName) {
      const role = await repo.get<RoleRecord>(accountId, "role", roleName.toLowerCase());
      if (!role) throw new IamError("NoSuchEntity", `The role with name ${roleName} cannot be found.`);
      return role;
    },
    async findRoleByArn(arn) {
      const parsed = parseArn(arn);
      if (!parsed || parsed.service !== "iam" || !parsed.resource.startsWith("role/")) return undefined;
      const name = parsed.resource.slice(parsed.resource.lastIndexOf("/") + 1);
      const role = await repo.get<RoleRecord>(parsed.accountId, "role", name.toLowerCase());
      return role && role.arn === arn ? role : undefined;
    },
    async putRolePolicy(accountId, roleName, policyName, policyDocument) {
      const role = await this.getRole(accountId, roleName);
      const record: RolePolicyRecord = { accountId, roleName: role.roleName, policyName, policyDocument };
      await repo.put(accountId, "role-policy", `${role.roleName.toLowerCase()}\n${policyName}`, record);
    },
    async rolePolicies(role) {
      const key = role.roleName.toLowerCase();
      const inline = await repo.list<RolePolicyRecord>(role.accountId, "role-policy", `${key}\n`);
      const attached = await repo.list<RoleAttachmentRecord>(role.accountId, "role-attachment", `${key}\n`);
      const managed = await Promise.all(
        attached.map(async (a) => {
          const parsed = parseArn(a.policyArn);
          const policy = parsed && (await repo.get<ManagedPolicyRecord>(parsed.accountId, "managed-policy", a.policyArn));
          return policy ? { label: a.policyArn, document: policy.document } : undefined;
        }),
      );
      return [
        ...inline.map((p) => ({ label: `${role.arn} inline policy ${p.policyName}`, document: p.policyDocument })),
        ...managed.filter((m): m is { label: string; document: string } => m !== undefined),
      ];
    },
    async putSamlProvider(accountId, name, metadataDocument, options = {}) {
      let metadata;
      try {
        metadata = readSamlMetadata(metadataDocument);
      } catch (error) {
        if (error instanceof SamlMetadataError) throw new IamError("InvalidInput", error.message);
        throw error;
      }
      const record: SamlProviderRecord = {
        accountId,
        name,
        arn: samlProviderArn(accountId, name),
        samlMetadataDocument: metadataDocument,
        entityId: metadata.entityId,
        certificates: metadata.certificates,
        validUntil: metadata.validUntil,
        createdAt: now(),
      };
      if (options.replace) {
        const existing = await repo.get<SamlProviderRecord>(accountId, "saml-provider", name);
        await repo.put(accountId, "saml-provider", name, { ...record, createdAt: existing?.createdAt ?? record.createdAt });
      } else if (!(await repo.put(accountId, "saml-provider", name, record, { ifAbsent: true }))) {
        throw new IamError("EntityAlreadyExists", `SAMLProvider ${name} already exists.`);
      }
      return record;
    },
    async findSamlProviderByArn(arn) {
      const parsed = parseArn(arn);
      if (!parsed || parsed.service !== "iam" || !parsed.resource.startsWith("saml-provider/")) return undefined;
      return repo.get<SamlProviderRecord>(parsed.accountId, "saml-provider", parsed.resource.slice("saml-provider/".length));
    },
    async createAccessKey(accountId, userName) {
      const key: AccessKeyRecord = {
        accessKeyId: "AKIA" + randomBase32(16),
        secretAccessKey: randomSecretAccessKey(),
        accountId,
        userName,
        status: "Active",
        createdAt: clock.now(),
      };
      await repo.putAccessKey(key);
      return key;
    },
    findAccessKey: (accessKeyId) => repo.getAccessKey(accessKeyId),
  };
}

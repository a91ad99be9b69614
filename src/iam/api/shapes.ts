// federa's records as the iam 2010-05-08 model shapes them in answers. The shapes are the AWS
// SDK's own (type-only imports), with timestamps as the ISO 8601 text IAM writes
// ("2024-05-01T12:00:00Z"). Policy documents go out URL-encoded, as IAM sends them.
import type { AccessKey, AccessKeyMetadata, AttachedPolicy, Policy, Role, SAMLProviderListEntry, Tag, User } from "@aws-sdk/client-iam";
import type { AccessKeyRecord } from "../../store/index.ts";
import type { IamTag, ManagedPolicyRecord, RoleAttachmentRecord, RoleRecord, SamlProviderRecord, UserRecord } from "../types.ts";

/** An SDK shape as the Query writer takes it: dates as text. */
export type Wire<T> = T extends Date ? string : T extends readonly (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

/** IAM's timestamps: ISO 8601 in UTC, to the second. */
export function wireDate(date: string | Date): string {
  return (typeof date === "string" ? date : date.toISOString()).replace(/\.\d+Z$/, "Z");
}

/** Policy documents in IAM's answers are URL-encoded (RFC 3986). */
export const urlEncoded = (document: string) => encodeURIComponent(document);

export function wireTags(tags: readonly IamTag[] | undefined): Wire<Tag[]> | undefined {
  return tags?.length ? tags.map((t) => ({ Key: t.key, Value: t.value })) : undefined;
}

/** GetRole / CreateRole show the role's tags; ListRoles does not. */
export function wireRole(role: RoleRecord, options: { tags: boolean }): Wire<Role> {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: wireDate(role.createdAt),
    AssumeRolePolicyDocument: urlEncoded(role.assumeRolePolicyDocument),
    Description: role.description || undefined,
    MaxSessionDuration: role.maxSessionDuration,
    Tags: options.tags ? wireTags(role.tags) : undefined,
  };
}

export function wirePolicy(policy: ManagedPolicyRecord): Wire<Policy> {
  return {
    PolicyName: policy.policyName,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: policy.attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: policy.description || undefined,
    CreateDate: wireDate(policy.createdAt),
    UpdateDate: wireDate(policy.updatedAt),
    Tags: wireTags(policy.tags),
  };
}

export function wireAttachedPolicy(attachment: RoleAttachmentRecord): Wire<AttachedPolicy> {
  return { PolicyName: attachment.policyName, PolicyArn: attachment.policyArn };
}

export function wireUser(user: UserRecord): Wire<User> {
  return { Path: user.path, UserName: user.userName, UserId: user.userId, Arn: user.arn, CreateDate: wireDate(user.createdAt), Tags: wireTags(user.tags) };
}

/** The secret is shown once, in CreateAccessKey's answer. Root's keys have no user name. */
export function wireNewAccessKey(key: AccessKeyRecord): Wire<AccessKey> {
  return {
    UserName: key.userName ?? undefined,
    AccessKeyId: key.accessKeyId,
    Status: key.status,
    SecretAccessKey: key.secretAccessKey,
    CreateDate: wireDate(key.createdAt),
  };
}

export function wireAccessKeyMetadata(key: AccessKeyRecord): Wire<AccessKeyMetadata> {
  return { UserName: key.userName ?? undefined, AccessKeyId: key.accessKeyId, Status: key.status, CreateDate: wireDate(key.createdAt) };
}

/** A provider whose metadata sets no validUntil is valid for a hundred years from its creation, as in IAM. */
export function samlProviderValidUntil(provider: SamlProviderRecord): string {
  const given = provider.validUntil ? new Date(provider.validUntil) : undefined;
  if (given && !Number.isNaN(given.getTime())) return wireDate(given);
  const until = new Date(provider.createdAt);
  until.setUTCFullYear(until.getUTCFullYear() + 100);
  return wireDate(until);
}

export function wireSamlProviderEntry(provider: SamlProviderRecord): Wire<SAMLProviderListEntry> {
  return { Arn: provider.arn, ValidUntil: samlProviderValidUntil(provider), CreateDate: wireDate(provider.createdAt) };
}

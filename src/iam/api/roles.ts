// CreateRole, GetRole, ListRoles, UpdateAssumeRolePolicy, DeleteRole. Resources are the role's
// ARN (its path included once it exists); ListRoles is authorized on "role<PathPrefix>".
import { AwsError } from "../../protocol/index.ts";
import { roleArn } from "../../shared/index.ts";
import { noSuchRole } from "../domain/roles.ts";
import { roleKey } from "../domain/keys.ts";
import type { RoleRecord } from "../types.ts";
import { C, MAX_ITEMS, MAX_SESSION_DURATION } from "./constraints.ts";
import { permit, requestTags, resourceTags, type IamApi, type IamContext, type IamOperation } from "./operation.ts";
import { paginate } from "./pagination.ts";
import { checkTagKeys, Params } from "./params.ts";
import { wireRole } from "./shapes.ts";

/** Authorizes `action` on the named role (which may not exist), and answers it or NoSuchEntity. */
export async function permittedRole(ctx: IamContext, api: IamApi, action: string, roleName: string, context = {}): Promise<RoleRecord> {
  const accountId = ctx.caller.accountId;
  const role = await api.iam.findRole(accountId, roleName);
  await permit(ctx, api, action, role?.arn ?? roleArn(accountId, "/", roleName), { ...resourceTags(role?.tags), ...context });
  if (!role) throw noSuchRole(roleName);
  return role;
}

export const createRole: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const roleName = p.required("RoleName", C.roleName);
  const path = p.optional("Path", C.path);
  const assumeRolePolicyDocument = p.required("AssumeRolePolicyDocument", C.policyDocument);
  const description = p.optional("Description", C.roleDescription);
  const maxSessionDuration = p.integer("MaxSessionDuration", MAX_SESSION_DURATION);
  const boundary = p.optional("PermissionsBoundary", C.arn);
  const tags = p.tags();
  p.check();
  checkTagKeys(tags);
  const accountId = ctx.caller.accountId;
  const arn = roleArn(accountId, path ?? "/", roleName);
  await permit(ctx, api, "iam:CreateRole", arn, requestTags(tags));
  if (tags) await permit(ctx, api, "iam:TagRole", arn, requestTags(tags));
  if (boundary !== undefined) throw new AwsError("InvalidInput", "Permissions boundaries are not supported by federa.");
  const role = await api.iam.createRole({
    accountId,
    roleName,
    assumeRolePolicyDocument,
    ...(path !== undefined ? { path } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(maxSessionDuration !== undefined ? { maxSessionDuration } : {}),
    ...(tags ? { tags } : {}),
  });
  return { Role: wireRole(role, { tags: true }) };
};

export const getRole: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const roleName = p.required("RoleName", C.roleName);
  p.check();
  const role = await permittedRole(ctx, api, "iam:GetRole", roleName);
  return { Role: wireRole(role, { tags: true }) };
};

export const listRoles: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const pathPrefix = p.optional("PathPrefix", C.pathPrefix);
  const marker = p.optional("Marker", C.marker);
  const maxItems = p.integer("MaxItems", MAX_ITEMS);
  p.check();
  const accountId = ctx.caller.accountId;
  await permit(ctx, api, "iam:ListRoles", roleArn(accountId, pathPrefix ?? "/", ""));
  const page = paginate(await api.iam.listRoles(accountId, pathPrefix), (role) => roleKey(role.roleName), marker, maxItems);
  return { Roles: page.items.map((role) => wireRole(role, { tags: false })), IsTruncated: page.isTruncated, Marker: page.marker };
};

export const updateAssumeRolePolicy: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const roleName = p.required("RoleName", C.roleName);
  const document = p.required("PolicyDocument", C.policyDocument);
  p.check();
  const role = await permittedRole(ctx, api, "iam:UpdateAssumeRolePolicy", roleName);
  await api.iam.updateAssumeRolePolicy(role.accountId, role.roleName, document);
  return undefined;
};

export const deleteRole: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const roleName = p.required("RoleName", C.roleName);
  p.check();
  const role = await permittedRole(ctx, api, "iam:DeleteRole", roleName);
  await api.iam.deleteRole(role.accountId, role.roleName);
  return undefined;
};

// PutRolePolicy, GetRolePolicy, ListRolePolicies, DeleteRolePolicy: a role's inline policies,
// authorized on the role. GetRolePolicy's document goes out URL-encoded, as IAM sends it.
import { C, MAX_ITEMS } from "./constraints.ts";
import type { IamOperation } from "./operation.ts";
import { paginate } from "./pagination.ts";
import { Params } from "./params.ts";
import { permittedRole } from "./roles.ts";
import { urlEncoded } from "./shapes.ts";

export const putRolePolicy: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const roleName = p.required("RoleName", C.roleName);
  const policyName = p.required("PolicyName", C.policyName);
  const document = p.required("PolicyDocument", C.policyDocument);
  p.check();
  const role = await permittedRole(ctx, api, "iam:PutRolePolicy", roleName);
  await api.iam.putRolePolicy(role.accountId, role.roleName, policyName, document);
  return undefined;
};

export const getRolePolicy: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const roleName = p.required("RoleName", C.roleName);
  const policyName = p.required("PolicyName", C.policyName);
  p.check();
  const role = await permittedRole(ctx, api, "iam:GetRolePolicy", roleName);
  const policy = await api.iam.getRolePolicy(role.accountId, role.roleName, policyName);
  return { RoleName: role.roleName, PolicyName: policy.policyName, PolicyDocument: urlEncoded(policy.policyDocument) };
};

export const listRolePolicies: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const roleName = p.required("RoleName", C.roleName);
  const marker = p.optional("Marker", C.marker);
  const maxItems = p.integer("MaxItems", MAX_ITEMS);
  p.check();
  const role = await permittedRole(ctx, api, "iam:ListRolePolicies", roleName);
  const page = paginate(await api.iam.listRolePolicies(role.accountId, role.roleName), (policy) => policy.policyName, marker, maxItems);
  return { PolicyNames: page.items.map((policy) => policy.policyName), IsTruncated: page.isTruncated, Marker: page.marker };
};

export const deleteRolePolicy: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const roleName = p.required("RoleName", C.roleName);
  const policyName = p.required("PolicyName", C.policyName);
  p.check();
  const role = await permittedRole(ctx, api, "iam:DeleteRolePolicy", roleName);
  await api.iam.deleteRolePolicy(role.accountId, role.roleName, policyName);
  return undefined;
};

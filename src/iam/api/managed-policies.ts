// CreatePolicy (authorized on the new policy's ARN), AttachRolePolicy / DetachRolePolicy
// (authorized on the role, with iam:PolicyARN), ListAttachedRolePolicies.
import { managedPolicyArn, parseArn } from "../../shared/index.ts";
import { C, MAX_ITEMS } from "./constraints.ts";
import { permit, requestTags, type IamOperation } from "./operation.ts";
import { paginate } from "./pagination.ts";
import { checkTagKeys, Params } from "./params.ts";
import { permittedRole } from "./roles.ts";
import { wireAttachedPolicy, wirePolicy } from "./shapes.ts";

export const createPolicy: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const policyName = p.required("PolicyName", C.policyName);
  const path = p.optional("Path", C.policyPath);
  const document = p.required("PolicyDocument", C.policyDocument);
  const description = p.optional("Description", C.policyDescription);
  const tags = p.tags();
  p.check();
  checkTagKeys(tags);
  const accountId = ctx.caller.accountId;
  const arn = managedPolicyArn(accountId, path ?? "/", policyName);
  await permit(ctx, api, "iam:CreatePolicy", arn, requestTags(tags));
  if (tags) await permit(ctx, api, "iam:TagPolicy", arn, requestTags(tags));
  const policy = await api.iam.createPolicy({
    accountId,
    policyName,
    document,
    ...(path !== undefined ? { path } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(tags ? { tags } : {}),
  });
  return { Policy: wirePolicy(policy) };
};

function attachment(action: "iam:AttachRolePolicy" | "iam:DetachRolePolicy"): IamOperation {
  return async (ctx, api) => {
    const p = new Params(ctx.params);
    const roleName = p.required("RoleName", C.roleName);
    const policyArn = p.required("PolicyArn", C.arn);
    p.check();
    const role = await permittedRole(ctx, api, action, roleName, { "iam:PolicyARN": policyArn });
    if (action === "iam:AttachRolePolicy") await api.iam.attachRolePolicy(role.accountId, role.roleName, policyArn);
    else await api.iam.detachRolePolicy(role.accountId, role.roleName, policyArn);
    return undefined;
  };
}

export const attachRolePolicy = attachment("iam:AttachRolePolicy");
export const detachRolePolicy = attachment("iam:DetachRolePolicy");

/** A managed policy's path, read from its ARN ("arn:aws:iam::<acct>:policy/<path><name>"). */
function policyPath(arn: string): string {
  const resource = parseArn(arn)?.resource ?? "policy/";
  return resource.slice("policy".length, resource.lastIndexOf("/") + 1);
}

export const listAttachedRolePolicies: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const roleName = p.required("RoleName", C.roleName);
  const pathPrefix = p.optional("PathPrefix", C.policyPath);
  const marker = p.optional("Marker", C.marker);
  const maxItems = p.integer("MaxItems", MAX_ITEMS);
  p.check();
  const role = await permittedRole(ctx, api, "iam:ListAttachedRolePolicies", roleName);
  const attached = (await api.iam.listAttachedRolePolicies(role.accountId, role.roleName)).filter((a) => policyPath(a.policyArn).startsWith(pathPrefix ?? "/"));
  // Only the account's own policies attach, and their names are unique in it.
  const page = paginate(attached, (a) => a.policyName.toLowerCase(), marker, maxItems);
  return { AttachedPolicies: page.items.map(wireAttachedPolicy), IsTruncated: page.isTruncated, Marker: page.marker };
};

// CreateUser; CreateAccessKey, ListAccessKeys, DeleteAccessKey. Without UserName, the key
// operations act on the caller's own identity: an IAM user's own keys, or the root's when the
// caller is root; role sessions must name a user, as in IAM.
import { AwsError } from "../../protocol/index.ts";
import { userArn } from "../../shared/index.ts";
import { noSuchUser } from "../domain/users.ts";
import { C, MAX_ITEMS } from "./constraints.ts";
import { permit, requestTags, resourceTags, type IamApi, type IamContext, type IamOperation } from "./operation.ts";
import { paginate } from "./pagination.ts";
import { checkTagKeys, Params } from "./params.ts";
import { wireAccessKeyMetadata, wireNewAccessKey, wireUser } from "./shapes.ts";

export const createUser: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const path = p.optional("Path", C.path);
  const userName = p.required("UserName", C.userName);
  const boundary = p.optional("PermissionsBoundary", C.arn);
  const tags = p.tags();
  p.check();
  checkTagKeys(tags);
  const accountId = ctx.caller.accountId;
  const arn = userArn(accountId, path ?? "/", userName);
  await permit(ctx, api, "iam:CreateUser", arn, requestTags(tags));
  if (tags) await permit(ctx, api, "iam:TagUser", arn, requestTags(tags));
  if (boundary !== undefined) throw new AwsError("InvalidInput", "Permissions boundaries are not supported by federa.");
  const user = await api.iam.createUser({ accountId, userName, ...(path !== undefined ? { path } : {}), ...(tags ? { tags } : {}) });
  return { User: wireUser(user) };
};

/** Whose keys an operation is about (null: the root's), once the caller may act on them. */
async function keyOwner(ctx: IamContext, api: IamApi, action: string, userName: string | undefined): Promise<string | null> {
  const caller = ctx.caller;
  if (userName === undefined) {
    const own = caller.principal.type === "root" ? null : caller.principal.type === "user" ? (caller.userName ?? caller.principal.username) : undefined;
    if (own === undefined) throw new AwsError("ValidationError", "Must specify userName when calling with non-User credentials");
    await permit(ctx, api, action, caller.arn);
    return own;
  }
  const user = await api.iam.findUser(caller.accountId, userName);
  await permit(ctx, api, action, user?.arn ?? userArn(caller.accountId, "/", userName), resourceTags(user?.tags));
  if (!user) throw noSuchUser(userName);
  return user.userName;
}

export const createAccessKey: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const userName = p.optional("UserName", C.existingUserName);
  p.check();
  const owner = await keyOwner(ctx, api, "iam:CreateAccessKey", userName);
  const key = await api.iam.createAccessKey(ctx.caller.accountId, owner);
  return { AccessKey: wireNewAccessKey(key) };
};

export const listAccessKeys: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const userName = p.optional("UserName", C.existingUserName);
  const marker = p.optional("Marker", C.marker);
  const maxItems = p.integer("MaxItems", MAX_ITEMS);
  p.check();
  const owner = await keyOwner(ctx, api, "iam:ListAccessKeys", userName);
  const page = paginate(await api.iam.listAccessKeys(ctx.caller.accountId, owner), (key) => key.accessKeyId, marker, maxItems);
  return { AccessKeyMetadata: page.items.map(wireAccessKeyMetadata), IsTruncated: page.isTruncated, Marker: page.marker };
};

export const deleteAccessKey: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const userName = p.optional("UserName", C.existingUserName);
  const accessKeyId = p.required("AccessKeyId", C.accessKeyId);
  p.check();
  const owner = await keyOwner(ctx, api, "iam:DeleteAccessKey", userName);
  await api.iam.deleteAccessKey(ctx.caller.accountId, owner, accessKeyId);
  return undefined;
};

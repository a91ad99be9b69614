// What every IAM operation shares: its dependencies, authorization before anything else is
// touched (AccessDenied in AWS's words), and the one translation of domain errors (IamError,
// with AWS's code, status and message) into AWS errors. Anything else is not ours to phrase and
// leaves as the protocol layer's generic internal failure.
import { AwsError, type AwsRequestContext, type QueryHandler, type QueryObject, type XmlValue } from "../../protocol/index.ts";
import type { ContextValue } from "../../policy/index.ts";
import { isFederaError } from "../../shared/index.ts";
import { createAuthorizer, type Authorize } from "../authorize.ts";
import { deniedWithEncodedMessage, type AuthorizationMessages } from "../authorization-message.ts";
import type { IamCaller } from "../caller.ts";
import type { IamService } from "../service.ts";
import type { IamTag } from "../types.ts";

export interface IamApiDeps {
  iam: IamService;
  /** The authorizer; one over `iam` is made when not given. */
  authorize?: Authorize;
  /** Seals the decision into AccessDenied messages, for STS's DecodeAuthorizationMessage. */
  messages?: AuthorizationMessages;
}

export interface IamApi {
  iam: IamService;
  authorize: Authorize;
  messages: AuthorizationMessages | undefined;
}

export type IamContext = AwsRequestContext<IamCaller, QueryObject>;
/** An operation: the content of its <…Result> element, or undefined for none. */
export type IamOperation = (ctx: IamContext, api: IamApi) => Promise<XmlValue>;

export function resolveDeps(deps: IamApiDeps): IamApi {
  return { iam: deps.iam, authorize: deps.authorize ?? createAuthorizer(deps.iam), messages: deps.messages };
}

/** Authorizes the caller for `action` on `resource` in IAM, or throws AWS's AccessDenied. */
export async function permit(ctx: IamContext, api: IamApi, action: string, resource: string, context: Record<string, ContextValue> = {}): Promise<void> {
  const request: Record<string, ContextValue> = {
    "aws:SecureTransport": ctx.secureTransport,
    "aws:SourceIp": ctx.sourceIp,
    "aws:RequestedRegion": ctx.region,
    ...context,
  };
  const decision = await api.authorize(ctx.caller, action, resource, request, undefined, { now: ctx.now });
  if (decision.effect === "Allow") return;
  throw new AwsError("AccessDenied", await deniedWithEncodedMessage(api.messages, ctx.caller, { action, resource, context: request, now: ctx.now }, decision), { status: 403 });
}

/** aws:ResourceTag/<key> (and IAM's own iam:ResourceTag/<key>) of an existing entity. */
export function resourceTags(tags: readonly IamTag[] | undefined): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  for (const { key, value } of tags ?? []) {
    context[`aws:ResourceTag/${key}`] = value;
    context[`iam:ResourceTag/${key}`] = value;
  }
  return context;
}

/** aws:RequestTag/<key> and aws:TagKeys of tags in the request. */
export function requestTags(tags: readonly IamTag[] | undefined): Record<string, ContextValue> {
  if (!tags?.length) return {};
  const context: Record<string, ContextValue> = { "aws:TagKeys": tags.map((t) => t.key) };
  for (const { key, value } of tags) context[`aws:RequestTag/${key}`] = value;
  return context;
}

function toAwsError(error: unknown): unknown {
  if (error instanceof AwsError) return error;
  if (isFederaError(error) && error.expose && /^[A-Z][A-Za-z]+$/.test(error.code)) return new AwsError(error.code, error.message, { status: error.status, cause: error });
  return error;
}

export function handler(operation: IamOperation, api: IamApi): QueryHandler<IamCaller> {
  return async (ctx) => {
    try {
      return await operation(ctx, api);
    } catch (error) {
      throw toAwsError(error);
    }
  };
}

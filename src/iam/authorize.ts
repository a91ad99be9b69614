// AWS's identity-side authorization of a caller, for IAM here and for KMS and S3 with their
// resource policies (and KMS's grants):
// - root: every identity permission in its own account (a resource policy may still deny, and a
//   "required" resource policy such as a key policy must still allow);
// - an IAM user: the user's inline and attached policies;
// - a role session: the role's inline and attached managed policies, limited by the session's
//   policies (the inline Policy and the managed PolicyArns of AssumeRole*), with the session's
//   tags as aws:PrincipalTag/<key>;
// - anyone else (federated, service, anonymous): only what a resource policy grants directly.
// The policy engine (src/policy) decides; this file gathers the policies and the global condition
// keys. Compiled policies are cached by their text.
import { denialPhrase, evaluate, isPolicyError, type ContextValue, type Decision, type GrantHook, type Policy, type PolicyKind, type PolicySet, type RequestContext } from "../policy/index.ts";
import { systemClock, type Clock } from "../shared/index.ts";
import type { IamCaller } from "./caller.ts";
import { createPolicyCache, type PolicyCache } from "./policy-cache.ts";
import type { IamService } from "./service.ts";

export interface AuthorizeOptions {
  /** The request's time (aws:CurrentTime, aws:EpochTime); the authorizer's clock otherwise. */
  now?: Date;
  /** How the resource policy combines with identity policies: see the policy engine's PolicySet. */
  resourceMode?: "either" | "required";
  /** The resource's account when its ARN has none (S3 buckets). */
  resourceAccount?: string;
  /** KMS grants that may allow the request. */
  grants?: GrantHook;
  /** Condition keys worked out only when a policy asks for one (RequestContext's `derived`). */
  derived?: (lowerKey: string) => ContextValue | undefined;
}

/**
 * Decides whether the caller may perform `action` on `resource` (an ARN, or "*"). `context` adds
 * request-specific condition keys (aws:SecureTransport, aws:SourceIp, kms:EncryptionContext:…,
 * iam:PolicyARN…) over the caller's global keys; `resourcePolicy` is the resource's own policy.
 */
export type Authorize = (
  caller: IamCaller,
  action: string,
  resource: string,
  context?: Readonly<Record<string, ContextValue>>,
  resourcePolicy?: Policy,
  options?: AuthorizeOptions,
) => Promise<Decision>;

export interface AuthorizerOptions {
  clock?: Clock;
  cache?: PolicyCache;
}

/** The global condition keys that the caller and the time give (aws:PrincipalArn, aws:PrincipalTag/…, aws:CurrentTime…). */
export function callerContext(caller: IamCaller, now: Date): Record<string, ContextValue> {
  const session = caller.session;
  const context: Record<string, ContextValue> = {
    "aws:CurrentTime": now.toISOString(),
    "aws:EpochTime": String(Math.floor(now.getTime() / 1000)),
    "aws:PrincipalAccount": caller.accountId,
    // A session's aws:PrincipalArn is its role's ARN, not the assumed-role ARN.
    "aws:PrincipalArn": session ? session.roleArn : caller.arn,
    "aws:PrincipalIsAWSService": caller.principal.type === "service",
  };
  const userId = caller.userId ?? caller.principal.userId;
  if (userId) context["aws:userid"] = userId;
  const userName = caller.userName ?? caller.principal.username;
  if (caller.principal.type === "user" && userName) context["aws:username"] = userName;
  if (session) {
    for (const [key, value] of Object.entries(session.tags ?? {})) context[`aws:PrincipalTag/${key}`] = value;
    if (session.sourceIdentity) context["aws:SourceIdentity"] = session.sourceIdentity;
    if (session.issuedAt !== undefined) context["aws:TokenIssueTime"] = new Date(session.issuedAt).toISOString();
    if (session.federation) context["aws:FederatedProvider"] = session.federation.provider;
  }
  return context;
}

/**
 * `{ ...target, ...extra }`, written into `target` (a fresh object of the caller's): V8 (Node 20)
 * builds a spread of objects this wide through a slow path, some 20 µs per request.
 */
export function withKeys(target: Record<string, ContextValue>, extra: Readonly<Record<string, ContextValue>>): Record<string, ContextValue> {
  for (const key of Object.keys(extra)) {
    // As a spread would: a member named "__proto__" is a member, not the prototype.
    if (key === "__proto__") Object.defineProperty(target, key, { value: extra[key], enumerable: true, writable: true, configurable: true });
    else target[key] = extra[key]!;
  }
  return target;
}

/**
 * How a denial names what was refused. By default "on resource: <resource>" and the kind of policy
 * that denied; `target` names it otherwise (KMS: "the resource associated with this ciphertext");
 * `crossAccount` is AWS's answer to a caller of another account that the resource's own policy
 * refused (or that named a resource which does not exist), which tells neither apart.
 */
export interface DenialWording {
  target?: string;
  crossAccount?: boolean;
}

const CROSS_ACCOUNT_DENIAL = "on this resource because the resource does not exist in this Region, no resource-based policies allow access, or a resource-based policy explicitly denies access";

/** AWS's AccessDenied message: "User: <arn> is not authorized to perform: <action> on resource: <resource> because no identity-based policy allows the <action> action". */
export function accessDeniedMessage(caller: Pick<IamCaller, "arn">, action: string, resource: string, decision: Decision, wording: DenialWording = {}): string {
  if (wording.crossAccount) return `User: ${caller.arn} is not authorized to perform: ${action} ${CROSS_ACCOUNT_DENIAL}`;
  const phrase = denialPhrase(decision, action);
  return `User: ${caller.arn} is not authorized to perform: ${action} on ${wording.target ?? `resource: ${resource}`}${phrase ? ` ${phrase}` : ""}`;
}

interface CallerPolicies {
  identity: Policy[] | undefined;
  session: Policy[] | undefined;
}

export function createAuthorizer(iam: IamService, options: AuthorizerOptions = {}): Authorize {
  const cache = options.cache ?? createPolicyCache();
  const clock = options.clock ?? systemClock;

  // Stored documents were validated when they were stored; one that no longer parses is a fault
  // of ours, and authorization fails closed (an internal error, never a MalformedPolicyDocument).
  const compile = (document: string, kind: PolicyKind, label: string): Policy => {
    try {
      return cache.get(document, kind, label);
    } catch (error) {
      if (isPolicyError(error)) throw new Error(`a stored policy does not parse: ${label}`, { cause: error });
      throw error;
    }
  };

  async function policiesOf(caller: IamCaller): Promise<CallerPolicies> {
    const principal = caller.principal;
    if (principal.type === "root") return { identity: [], session: undefined };
    if (principal.type === "user") {
      const name = caller.userName ?? principal.username;
      const user = name === undefined ? undefined : await iam.findUser(caller.accountId, name);
      const documents = user && user.arn === caller.arn ? await iam.userPolicies(user) : [];
      return { identity: documents.map((d) => compile(d.document, "identity", d.label)), session: undefined };
    }
    if (principal.type !== "assumed-role") return { identity: undefined, session: undefined };
    const claims = caller.session;
    const role = claims ? await iam.findRoleByArn(claims.roleArn) : undefined;
    const identity = role ? (await iam.rolePolicies(role)).map((d) => compile(d.document, "identity", d.label)) : [];
    if (!claims || (claims.sessionPolicy === undefined && !claims.sessionPolicyArns?.length)) return { identity, session: undefined };
    // With session policies, one of them must allow too. A managed one deleted since is no allow.
    const session: Policy[] = [];
    if (claims.sessionPolicy !== undefined) session.push(compile(claims.sessionPolicy, "session", `${caller.arn} session policy`));
    for (const arn of claims.sessionPolicyArns ?? []) {
      const managed = await iam.findManagedPolicy(arn);
      if (managed) session.push(compile(managed.document, "identity", arn));
    }
    return { identity, session };
  }

  return async (caller, action, resource, context = {}, resourcePolicy, authorizeOptions = {}) => {
    const now = authorizeOptions.now ?? clock.now();
    const { identity, session } = await policiesOf(caller);
    const request: RequestContext = {
      principal: caller.principal,
      action,
      resource,
      ...(authorizeOptions.resourceAccount ? { resourceAccount: authorizeOptions.resourceAccount } : {}),
      context: withKeys(callerContext(caller, now), context),
    };
    // Assigned, not spread: a conditional spread here costs microseconds a request in Node 20.
    if (authorizeOptions.derived) request.derived = authorizeOptions.derived;
    const set: { -readonly [K in keyof PolicySet]: PolicySet[K] } = {};
    if (identity) set.identity = identity;
    if (session) set.session = session;
    if (resourcePolicy) set.resource = resourcePolicy;
    if (authorizeOptions.resourceMode) set.resourceMode = authorizeOptions.resourceMode;
    if (authorizeOptions.grants) set.grants = authorizeOptions.grants;
    return evaluate(request, set);
  };
}

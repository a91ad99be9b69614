// The request as evaluation reads it: the action lower-cased once, condition keys looked up
// case-insensitively (IAM's key names are), then the request's derived keys, and the
// principal-derived global keys filled in when the caller did not set them: aws:PrincipalArn (a role session's is its role's ARN),
// aws:PrincipalAccount, aws:PrincipalType, aws:userid, aws:username.
import type { ContextValue, RequestContext, RequestPrincipal } from "./types.ts";

/** A context value as the operators see it: a list of strings; absent keys are undefined. */
export type ValueList = readonly string[];

export class PreparedRequest {
  readonly request: RequestContext;
  readonly principal: RequestPrincipal;
  readonly action: string;
  readonly resource: string;
  #raw: Map<string, ContextValue | undefined> | undefined;

  constructor(request: RequestContext) {
    this.request = request;
    this.principal = request.principal;
    this.action = request.action.toLowerCase();
    this.resource = request.resource;
  }

  /** The request's value of a key, or the service's derived one (worked out once, absent ones too). */
  #lookup(lowerKey: string): ContextValue | undefined {
    if (!this.#raw) {
      this.#raw = new Map();
      const context = this.request.context;
      if (context) for (const key of Object.keys(context)) this.#raw.set(key.toLowerCase(), context[key] as ContextValue);
    }
    if (this.#raw.has(lowerKey)) return this.#raw.get(lowerKey);
    const derived = this.request.derived?.(lowerKey);
    this.#raw.set(lowerKey, derived);
    return derived;
  }

  /** All values of a condition key (lower-cased name); undefined when absent. */
  values(lowerKey: string): ValueList | undefined {
    const raw = this.#lookup(lowerKey);
    return raw === undefined ? derivedValue(this.principal, lowerKey) : toList(raw);
  }

  /** A key as a policy variable sees it: undefined when absent or multivalued. */
  single(lowerKey: string): string | undefined {
    const raw = this.#lookup(lowerKey);
    if (raw !== undefined) return Array.isArray(raw) ? undefined : String(raw);
    return derivedValue(this.principal, lowerKey)?.[0];
  }
}

export function toList(value: ContextValue): ValueList {
  if (Array.isArray(value)) return value as readonly string[];
  return [String(value)];
}

const PRINCIPAL_TYPES: Readonly<Record<RequestPrincipal["type"], string | undefined>> = {
  root: "Account",
  user: "User",
  "assumed-role": "AssumedRole",
  federated: undefined,
  service: undefined,
  anonymous: "Anonymous",
};

function derivedValue(principal: RequestPrincipal, lowerKey: string): ValueList | undefined {
  switch (lowerKey) {
    case "aws:principalarn": {
      if (principal.type === "assumed-role") return principal.roleArn ? [principal.roleArn] : undefined;
      if (principal.type === "root" || principal.type === "user") return [principal.arn];
      return undefined;
    }
    case "aws:principalaccount":
      return principal.accountId && principal.type !== "service" && principal.type !== "anonymous" ? [principal.accountId] : undefined;
    case "aws:principaltype": {
      const type = PRINCIPAL_TYPES[principal.type];
      return type ? [type] : undefined;
    }
    case "aws:userid":
      return principal.userId ? [principal.userId] : undefined;
    case "aws:username":
      return principal.type === "user" && principal.username ? [principal.username] : undefined;
    default:
      return undefined;
  }
}

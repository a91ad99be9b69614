// Encoded authorization messages: an AccessDenied from federa's services carries the decision's
// details sealed (JWE under a key derived from the service key), and STS's
// DecodeAuthorizationMessage opens them into AWS's decoded shape — the request context, whether an
// explicit deny decided, and the statements that matched — so a person can see why, which AWS
// itself does not explain for most services.
import { createDirJwe, deriveKey } from "../crypto/index.ts";
import type { ContextValue, Decision } from "../policy/index.ts";
import { accessDeniedMessage, callerContext, withKeys, type DenialWording } from "./authorize.ts";
import type { IamCaller } from "./caller.ts";

export interface AuthorizationRequestFacts {
  principal: { id: string; arn: string };
  action: string;
  resource: string;
  /** The condition keys that were evaluated, with their values. */
  conditions: Record<string, string | string[]>;
}

/** AWS's decoded message: allowed, explicitDeny, matchedStatements, failures, context. */
export interface DecodedAuthorizationMessage {
  allowed: boolean;
  explicitDeny: boolean;
  matchedStatements: { items: { statementId: string; effect: string; policyType: string; policy: string; statementIndex: number }[] };
  failures: { items: string[] };
  context: {
    principal: { id: string; arn: string };
    action: string;
    resource: string;
    conditions: { items: { key: string; values: { items: { value: string }[] } }[] };
  };
  /** federa's addition: the decision in one sentence. */
  reason: string;
}

export interface AuthorizationMessages {
  encode(decision: Decision, facts: AuthorizationRequestFacts): Promise<string>;
  /** The decoded message, or undefined when it was not made by this federa (or was changed). */
  decode(message: string): Promise<DecodedAuthorizationMessage | undefined>;
}

const MAX_MESSAGE = 10_240;

export function createAuthorizationMessages(serviceKey: Buffer): AuthorizationMessages {
  const jwe = createDirJwe(deriveKey(serviceKey, "authorization message"), "federa-authz");
  return {
    async encode(decision, facts) {
      const decoded: DecodedAuthorizationMessage = {
        allowed: decision.effect === "Allow",
        explicitDeny: decision.effect === "ExplicitDeny",
        matchedStatements: {
          items: decision.matched.map((m) => ({ statementId: m.sid ?? "", effect: m.effect, policyType: m.policyType, policy: m.policy, statementIndex: m.statementIndex })),
        },
        failures: { items: decision.effect === "Allow" ? [] : [decision.reason] },
        context: {
          principal: facts.principal,
          action: facts.action,
          resource: facts.resource,
          conditions: {
            items: Object.entries(facts.conditions).map(([k, v]) => ({ key: k, values: { items: (Array.isArray(v) ? v : [v]).map((value) => ({ value })) } })),
          },
        },
        reason: decision.reason,
      };
      return jwe.seal(JSON.stringify(decoded));
    },
    async decode(message) {
      if (message.length > MAX_MESSAGE) return undefined;
      const plaintext = jwe.open(message);
      if (!plaintext) return undefined;
      try {
        return JSON.parse(plaintext.toString("utf8")) as DecodedAuthorizationMessage;
      } catch {
        return undefined;
      }
    },
  };
}

const ENCODED = ". Encoded authorization failure message: ";

/**
 * An AccessDenied's message as federa's services give it: AWS's words for the decision, then,
 * when `messages` is given, the encoded authorization message sealing the decision with the
 * request's facts (the caller's global condition keys and `context`, as strings).
 */
export async function deniedWithEncodedMessage(
  messages: AuthorizationMessages | undefined,
  caller: IamCaller,
  request: { action: string; resource: string; context: Readonly<Record<string, ContextValue>>; now: Date; wording?: DenialWording },
  decision: Decision,
): Promise<string> {
  const { action, resource } = request;
  const message = accessDeniedMessage(caller, action, resource, decision, request.wording);
  if (!messages) return message;
  const all = withKeys(callerContext(caller, request.now), request.context);
  const conditions = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]));
  const encoded = await messages.encode(decision, { principal: { id: caller.userId ?? caller.accountId, arn: caller.arn }, action, resource, conditions });
  return message + ENCODED + encoded;
}

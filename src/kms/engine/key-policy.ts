// Key policies as KMS checks them before it stores one (CreateKey, PutKeyPolicy): the policy
// language's validation, principals present and existing, no ForAllValues on a single-valued key
// (OverlyPermissiveCondition), at most 32 KB, and AWS's lockout safety check —
// the caller must still be allowed kms:PutKeyPolicy by the new policy, unless they bypass it.
import { principalArns } from "../../iam/index.ts";
import { isPolicyError, parsePolicy, PolicyMessages, statementsOf, type ContextValue, type Policy } from "../../policy/index.ts";
import { kmsError, validationError } from "../errors.ts";
import type { KmsContext, KmsDeps } from "./context.ts";

export const KEY_POLICY_MAX = 32_768;
/** The model's bound on the Policy member of CreateKey and PutKeyPolicy (the quota is KEY_POLICY_MAX). */
export const POLICY_MEMBER_MAX = 131_072;
const POLICY_PATTERN = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;

/**
 * A key policy member as CreateKey and PutKeyPolicy type it: the model's characters (a
 * ValidationException otherwise), then the quota (LimitExceededException beyond 32,768 characters).
 */
export function readKeyPolicyText(value: string): string {
  if (!POLICY_PATTERN.test(value)) {
    throw validationError("policy", value, "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
  }
  if (value.length > KEY_POLICY_MAX) {
    throw kmsError("LimitExceededException", `The key policy exceeds the maximum size of ${KEY_POLICY_MAX} characters.`);
  }
  return value;
}

const USER = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([\w+=,.@-]+)$/;
const SESSION = /^arn:aws:sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/[\w+=,.@-]+$/;

/** Whether an IAM principal ARN names something that exists: a role, a user, a session of an existing role; other forms pass. */
export async function principalExists(deps: KmsDeps, arn: string): Promise<boolean> {
  if (/^arn:aws:iam::\d{12}:role\//.test(arn)) return (await deps.iam.findRoleByArn(arn)) !== undefined;
  const user = USER.exec(arn);
  if (user) return (await deps.iam.findUser(user[1]!, user[2]!)) !== undefined;
  const session = SESSION.exec(arn);
  if (session) return (await deps.iam.findRole(session[1]!, session[2]!)) !== undefined;
  return true;
}

/** Validates a key policy for storing; MalformedPolicyDocumentException with the reason otherwise. */
export async function checkKeyPolicy(deps: KmsDeps, text: string): Promise<Policy> {
  const found = new Set<string>();
  await Promise.all(
    principalArns(text).map(async ([type, arn]) => {
      if (type === "Federated" || (await principalExists(deps, arn))) found.add(arn);
    }),
  );
  try {
    const policy = parsePolicy(text, "key", { principalExists: (arn) => found.has(arn), label: "new key policy" });
    refuseOverlyPermissive(policy);
    return policy;
  } catch (error) {
    if (isPolicyError(error)) {
      throw kmsError("MalformedPolicyDocumentException", keyPolicyMessage(error.message));
    }
    throw error;
  }
}

const OVERLY_PERMISSIVE =
  "OverlyPermissiveCondition: Using the ForAllValues set operator with a single-valued condition key matches requests without the specified [encryption context or tag] or with an unspecified [encryption context or tag]. To fix, remove ForAllValues.";
/** Single-valued keys that ForAllValues would make match requests without them. */
const SINGLE_VALUED = /^(kms:encryptioncontext:|aws:requesttag\/)/i;

/** KMS refuses ForAllValues with kms:EncryptionContext:<key> or aws:RequestTag/<key>. */
function refuseOverlyPermissive(policy: Policy): void {
  for (const statement of statementsOf(policy.document)) {
    for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
      if (/^ForAllValues:/i.test(operator) && Object.keys(keys).some((key) => SINGLE_VALUED.test(key))) throw kmsError("MalformedPolicyDocumentException", OVERLY_PERMISSIVE);
    }
  }
}

/** KMS's words for a policy-language error: principals are either missing or invalid. */
function keyPolicyMessage(message: string): string {
  if (message === PolicyMessages.missingPrincipal) return "Policy contains a statement with no principal.";
  return /principal/i.test(message) ? "Policy contains a statement with one or more invalid principals." : message;
}

/** AWS's lockout safety check: the caller must keep kms:PutKeyPolicy under the new policy. */
export async function checkLockout(
  deps: KmsDeps,
  ctx: KmsContext,
  policy: Policy,
  keyArn: string,
  conditions: Readonly<Record<string, ContextValue>>,
  derived?: (lowerKey: string) => ContextValue | undefined,
): Promise<void> {
  const decision = await deps.authorize(ctx.caller, "kms:PutKeyPolicy", keyArn, conditions, policy, { now: ctx.now, resourceMode: "required", ...(derived ? { derived } : {}) });
  if (decision.effect !== "Allow") {
    throw kmsError("MalformedPolicyDocumentException", "The new key policy will not allow you to update the key policy in the future.");
  }
}

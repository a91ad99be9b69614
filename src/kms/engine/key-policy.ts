// Key policies as KMS checks them before it stores one (CreateKey, PutKeyPolicy): the policy
// language's validation, principals that exist, at most 32 KB, and AWS's lockout safety check —
// the caller must still be allowed kms:PutKeyPolicy by the new policy, unless they bypass it.
import { principalArns } from "../../iam/index.ts";
import { isPolicyError, parsePolicy, type ContextValue, type Policy } from "../../policy/index.ts";
import { kmsError } from "../errors.ts";
import type { KmsContext, KmsDeps } from "./context.ts";

export const KEY_POLICY_MAX = 32_768;

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
    return parsePolicy(text, "key", { principalExists: (arn) => found.has(arn), label: "new key policy" });
  } catch (error) {
    if (isPolicyError(error)) {
      const invalidPrincipal = /principal/i.test(error.message);
      throw kmsError("MalformedPolicyDocumentException", invalidPrincipal ? "Policy contains a statement with one or more invalid principals." : error.message);
    }
    throw error;
  }
}

/** AWS's lockout safety check: the caller must keep kms:PutKeyPolicy under the new policy. */
export async function checkLockout(deps: KmsDeps, ctx: KmsContext, policy: Policy, keyArn: string, conditions: Readonly<Record<string, ContextValue>>): Promise<void> {
  const decision = await deps.authorize(ctx.caller, "kms:PutKeyPolicy", keyArn, conditions, policy, { now: ctx.now, resourceMode: "required" });
  if (decision.effect !== "Allow") {
    throw kmsError("MalformedPolicyDocumentException", "The new key policy will not allow you to update the key policy in the future.");
  }
}

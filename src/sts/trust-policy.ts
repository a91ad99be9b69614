// The role's trust policy, evaluated by the policy engine for each action a SAML session needs
// (sts:AssumeRoleWithSAML, and sts:TagSession / sts:SetSourceIdentity when tags or a source
// identity come along), with the assertion's SAML:* keys as conditions. Also the session policy's
// check. Compiled policies are cached by their text.
import { evaluate, isPolicyError, parsePolicy, type Policy } from "../policy/index.ts";
import type { IamService } from "../iam/index.ts";
import type { TrustPolicyHook } from "./saml/index.ts";
import { StsError } from "./errors.ts";

const CACHE_LIMIT = 512;

function cachedParser(kind: "trust" | "session") {
  const cache = new Map<string, Policy>();
  return (document: string, label: string): Policy => {
    let policy = cache.get(document);
    if (!policy) {
      policy = parsePolicy(document, kind, { label });
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
      cache.set(document, policy);
    }
    return policy;
  };
}

export function createTrustPolicyHook(iam: IamService): TrustPolicyHook {
  const parse = cachedParser("trust");
  return async (request) => {
    const role = await iam.findRoleByArn(request.roleArn);
    if (!role) return { allowed: false };
    const policy = parse(role.assumeRolePolicyDocument, `${role.arn} trust policy`);
    const context = {
      ...request.conditionKeys,
      ...request.requestKeys,
      "aws:CurrentTime": request.now.toISOString(),
      "aws:EpochTime": String(Math.floor(request.now.getTime() / 1000)),
    } as Record<string, string | string[]>;
    for (const action of request.actions) {
      const decision = evaluate(
        { principal: { type: "federated", arn: request.principalArn }, action, resource: role.arn, resourceAccount: role.accountId, context },
        { resource: policy, resourceMode: "required" },
      );
      if (decision.effect !== "Allow") return { allowed: false, deniedAction: action };
    }
    return { allowed: true };
  };
}

/** A session policy (AssumeRoleWithSAML's Policy) must parse as an IAM policy without a principal. */
export function createSessionPolicyCheck(): (document: string) => void {
  const parse = cachedParser("session");
  return (document) => {
    try {
      parse(document, "session policy");
    } catch (error) {
      if (isPolicyError(error)) throw new StsError("MalformedPolicyDocument", error.message);
      throw error;
    }
  };
}

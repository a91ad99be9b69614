// The role's trust policy, evaluated by the policy engine for each action a SAML session needs
// (sts:AssumeRoleWithSAML, and sts:TagSession / sts:SetSourceIdentity when tags or a source
// identity come along), with the assertion's SAML:* keys as conditions. Also the session policy's
// check. Compiled policies come from IAM's policy cache (parsed once per document text).
import { evaluate, isPolicyError } from "../policy/index.ts";
import { createPolicyCache, type IamService, type PolicyCache } from "../iam/index.ts";
import type { TrustPolicyHook } from "./saml/index.ts";
import { StsError } from "./errors.ts";

export function createTrustPolicyHook(iam: IamService, policies: PolicyCache = createPolicyCache()): TrustPolicyHook {
  return async (request) => {
    const role = await iam.findRoleByArn(request.roleArn);
    if (!role) return { allowed: false };
    const policy = policies.get(role.assumeRolePolicyDocument, "trust", `${role.arn} trust policy`);
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
export function createSessionPolicyCheck(policies: PolicyCache = createPolicyCache()): (document: string) => void {
  return (document) => {
    try {
      policies.get(document, "session", "session policy");
    } catch (error) {
      if (isPolicyError(error)) throw new StsError("MalformedPolicyDocument", error.message);
      throw error;
    }
  };
}

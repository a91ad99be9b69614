// The hook where the role's trust policy is evaluated (by the policy engine, not here): the SAML
// provider must be allowed sts:AssumeRoleWithSAML under the SAML:* conditions, plus sts:TagSession
// when session tags come along and sts:SetSourceIdentity with a source identity (IAM:
// troubleshooting "Not authorized to perform sts:AssumeRoleWithSAML"). A "no" is AccessDenied.
import { NOT_AUTHORIZED, StsSamlError } from "../errors.ts";
import type { TrustAction, TrustDecision, TrustPolicyHook, TrustPolicyRequest } from "../types.ts";

export interface TrustInput {
  roleArn: string;
  principalArn: string;
  conditionKeys: Record<string, string | string[]>;
  principalTags: Record<string, string>;
  transitiveTagKeys: string[];
  sourceIdentity: string | undefined;
  now: Date;
}

export function trustPolicyRequest(input: TrustInput): TrustPolicyRequest {
  const tagKeys = Object.keys(input.principalTags);
  const actions: TrustAction[] = ["sts:AssumeRoleWithSAML"];
  if (tagKeys.length > 0) actions.push("sts:TagSession");
  if (input.sourceIdentity !== undefined) actions.push("sts:SetSourceIdentity");
  const requestKeys: Record<string, string | string[]> = { "aws:FederatedProvider": input.principalArn };
  for (const key of tagKeys) requestKeys[`aws:RequestTag/${key}`] = input.principalTags[key]!;
  if (tagKeys.length > 0) requestKeys["aws:TagKeys"] = tagKeys;
  if (input.transitiveTagKeys.length > 0) requestKeys["sts:TransitiveTagKeys"] = [...input.transitiveTagKeys];
  if (input.sourceIdentity !== undefined) requestKeys["sts:SourceIdentity"] = input.sourceIdentity;
  const { roleArn, principalArn, conditionKeys, now } = input;
  return { roleArn, principalArn, actions, conditionKeys, requestKeys, now };
}

export async function checkTrustPolicy(evaluate: TrustPolicyHook, request: TrustPolicyRequest): Promise<void> {
  const decision: TrustDecision | undefined = await evaluate(request);
  if (decision?.allowed === true) return; // anything but an explicit allow is a refusal
  const action = (decision as { deniedAction?: TrustAction } | undefined)?.deniedAction ?? "sts:AssumeRoleWithSAML";
  throw new StsSamlError("AccessDenied", action === "sts:AssumeRoleWithSAML" ? NOT_AUTHORIZED : `Not authorized to perform ${action}`, "trust-policy");
}

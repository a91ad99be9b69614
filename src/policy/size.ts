// Policy size quotas. IAM "doesn't count white space when calculating the size of a policy against
// these quotas" (IAM and AWS STS quotas); KMS counts the key policy's characters as sent. The
// quota is the caller's to enforce: each service refuses an oversized document with its own error
// (LimitExceeded, PackedPolicyTooLarge, a ValidationException), so this only measures.

export const POLICY_SIZE_LIMITS = {
  /** CreatePolicy / CreatePolicyVersion. */
  managed: 6144,
  /** All inline policies of one role, together. */
  roleInline: 10240,
  /** All inline policies of one user, together. */
  userInline: 2048,
  /** All inline policies of one group, together. */
  groupInline: 5120,
  /** A role's trust policy (the default quota). */
  trust: 2048,
  /** A session policy passed to AssumeRole* (plaintext). */
  session: 2048,
  /** A KMS key policy. */
  key: 32768,
  /** An S3 bucket policy. */
  bucket: 20480,
} as const;

export type PolicySizeLimit = keyof typeof POLICY_SIZE_LIMITS;

/** The size IAM counts: characters other than white space. */
export function iamPolicySize(json: string): number {
  let size = 0;
  for (const ch of json) if (ch !== " " && ch !== "\t" && ch !== "\n" && ch !== "\r") size++;
  return size;
}

/** The size against a quota: IAM's count, except KMS and S3, which count every character. */
export function policySize(json: string, limit: PolicySizeLimit): number {
  return limit === "key" || limit === "bucket" ? [...json].length : iamPolicySize(json);
}

export function exceedsPolicySize(json: string, limit: PolicySizeLimit): boolean {
  return policySize(json, limit) > POLICY_SIZE_LIMITS[limit];
}

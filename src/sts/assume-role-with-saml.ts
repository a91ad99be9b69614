// AssumeRoleWithSAML: the parameters checked against the STS model, the assertion validated by the
// SAML pipeline (signed bytes, provider, role pair, trust policy, replay), the session's duration
// decided, the session policy checked, and stateless temporary credentials minted.
import { assumedRoleArn } from "../shared/index.ts";
import type { IamService, SamlProviderRecord } from "../iam/index.ts";
import { validateSamlAssertion, StsSamlError, type AssertionCheck, type ReplayCache, type SamlProviderTrust, type TrustPolicyHook, type ValidatedAssertion } from "./saml/index.ts";
import { NOT_AUTHORIZED } from "./saml/errors.ts";
import type { SessionTokens, TemporaryCredentials } from "./session-token.ts";
import { StsError, validationError } from "./errors.ts";

export interface AssumeRoleWithSamlParams {
  RoleArn?: string;
  PrincipalArn?: string;
  SAMLAssertion?: string;
  DurationSeconds?: string | number;
  Policy?: string;
  PolicyArns?: { arn?: string }[];
}

export interface AssumeRoleWithSamlDeps {
  iam: IamService;
  tokens: SessionTokens;
  replay: ReplayCache;
  acceptedRecipients: string[];
  evaluateTrustPolicy: TrustPolicyHook;
  /** Throws MalformedPolicyDocument when a session policy does not parse. */
  checkSessionPolicy(document: string): void;
  /** Where the assertion's checks run (checker threads); here on the main thread by default. */
  checkAssertion?: AssertionCheck;
}

export interface AssumeRoleWithSamlResult {
  credentials: TemporaryCredentials;
  assumedRoleUser: { assumedRoleId: string; arn: string };
  packedPolicySize: number;
  assertion: ValidatedAssertion;
}

const SESSION_POLICY_LIMIT = 2048;

/** What SAML validation trusts of an IAM SAML provider: its issuer and its metadata's certificates. */
export function providerTrust(provider: SamlProviderRecord): SamlProviderTrust {
  return { arn: provider.arn, accountId: provider.accountId, name: provider.name, entityId: provider.entityId, certificates: provider.certificates };
}

export async function assumeRoleWithSaml(deps: AssumeRoleWithSamlDeps, params: AssumeRoleWithSamlParams, now: Date): Promise<AssumeRoleWithSamlResult> {
  const input = checkParameters(params);
  const provider = await deps.iam.findSamlProviderByArn(input.principalArn);
  if (!provider) throw new StsSamlError("InvalidIdentityToken", "SAML provider does not exist", "provider-unknown");
  const role = await deps.iam.findRoleByArn(input.roleArn);
  if (!role) throw new StsSamlError("AccessDenied", NOT_AUTHORIZED, "role-unknown");
  if (input.policy !== undefined) deps.checkSessionPolicy(input.policy);
  for (const arn of input.policyArns) {
    if (!/^arn:aws[\w-]*:iam::(\d{12}|aws):policy\//.test(arn)) throw new StsError("ValidationError", `Invalid ARN: ${arn}`);
  }
  const assertion = await validateSamlAssertion(
    {
      samlAssertion: input.samlAssertion,
      roleArn: input.roleArn,
      principalArn: input.principalArn,
      provider: providerTrust(provider),
      acceptedRecipients: deps.acceptedRecipients,
      now,
      replay: deps.replay,
    },
    { evaluateTrustPolicy: deps.evaluateTrustPolicy, checkAssertion: deps.checkAssertion },
  );
  const seconds = sessionSeconds(input.durationSeconds, role.maxSessionDuration, assertion, now);
  const packedPolicySize = packedSize(input.policy, input.policyArns, assertion.principalTags);
  if (packedPolicySize > 100) {
    throw new StsError("PackedPolicyTooLarge", `Packed policy consumes ${packedPolicySize}% of allotted space, please use smaller policy.`);
  }
  const credentials = await deps.tokens.mint({
    accountId: role.accountId,
    roleArn: role.arn,
    roleId: role.roleId,
    roleName: role.roleName,
    roleSessionName: assertion.roleSessionName,
    issuedAt: now.getTime(),
    expiresAt: now.getTime() + seconds * 1000,
    ...(input.policy !== undefined ? { sessionPolicy: input.policy } : {}),
    ...(input.policyArns.length ? { sessionPolicyArns: input.policyArns } : {}),
    ...(Object.keys(assertion.principalTags).length ? { tags: assertion.principalTags } : {}),
    ...(assertion.transitiveTagKeys.length ? { transitiveTagKeys: assertion.transitiveTagKeys } : {}),
    ...(assertion.sourceIdentity ? { sourceIdentity: assertion.sourceIdentity } : {}),
    federation: { provider: provider.arn, subject: assertion.subject, subjectType: assertion.subjectType, issuer: assertion.issuer },
  });
  return {
    credentials,
    assumedRoleUser: {
      assumedRoleId: `${role.roleId}:${assertion.roleSessionName}`,
      arn: assumedRoleArn(role.accountId, role.roleName, assertion.roleSessionName),
    },
    packedPolicySize,
    assertion,
  };
}

interface CheckedParameters {
  roleArn: string;
  principalArn: string;
  samlAssertion: string;
  durationSeconds: number | undefined;
  policy: string | undefined;
  policyArns: string[];
}

/** The constraints of the STS model (botocore sts 2011-06-15), in AWS's words. */
function checkParameters(params: AssumeRoleWithSamlParams): CheckedParameters {
  const required = (value: string | undefined, member: string, min: number, max: number): string => {
    if (value === undefined || value === "") throw validationError(member, "Member must not be null");
    if (value.length < min) throw validationError(member, `Member must have length greater than or equal to ${min}`);
    if (value.length > max) throw validationError(member, `Member must have length less than or equal to ${max}`);
    return value;
  };
  const roleArn = required(params.RoleArn, "roleArn", 20, 2048);
  const principalArn = required(params.PrincipalArn, "principalArn", 20, 2048);
  const samlAssertion = required(params.SAMLAssertion, "sAMLAssertion", 4, 100_000);
  let durationSeconds: number | undefined;
  if (params.DurationSeconds !== undefined && params.DurationSeconds !== "") {
    durationSeconds = Number(params.DurationSeconds);
    if (!Number.isInteger(durationSeconds)) throw validationError("durationSeconds", "Member must be an integer", String(params.DurationSeconds).slice(0, 32));
    if (durationSeconds < 900) throw validationError("durationSeconds", "Member must have value greater than or equal to 900", String(durationSeconds));
    if (durationSeconds > 43200) throw validationError("durationSeconds", "Member must have value less than or equal to 43200", String(durationSeconds));
  }
  const policy = params.Policy === undefined ? undefined : required(params.Policy, "policy", 1, SESSION_POLICY_LIMIT);
  const policyArns = (params.PolicyArns ?? []).map((p, i) => required(p.arn, `policyArns.${i + 1}.member.arn`, 20, 2048));
  if (policyArns.length > 10) throw validationError("policyArns", "Member must have length less than or equal to 10");
  return { roleArn, principalArn, samlAssertion, durationSeconds, policy, policyArns };
}

/**
 * DurationSeconds (or the SessionDuration attribute, or an hour) may not exceed the role's
 * MaxSessionDuration; the SessionDuration attribute and SessionNotOnOrAfter cap the session.
 */
function sessionSeconds(requested: number | undefined, maxSessionDuration: number, assertion: ValidatedAssertion, now: Date): number {
  if (requested !== undefined && requested > maxSessionDuration) {
    throw new StsError("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }
  let seconds = requested ?? assertion.sessionDurationSeconds ?? 3600;
  if (assertion.sessionDurationSeconds !== undefined) seconds = Math.min(seconds, assertion.sessionDurationSeconds);
  seconds = Math.min(seconds, maxSessionDuration);
  if (assertion.sessionNotOnOrAfter) {
    const left = Math.floor((assertion.sessionNotOnOrAfter.getTime() - now.getTime()) / 1000);
    seconds = Math.min(seconds, left);
  }
  if (seconds <= 0) throw new StsSamlError("ExpiredTokenException", "Token is expired", "session-not-on-or-after");
  return seconds;
}

/** How much of the packed space the session policy and session tags use, in percent (AWS's PackedPolicySize). */
function packedSize(policy: string | undefined, policyArns: string[], tags: Record<string, string>): number {
  const policyChars = policy ? JSON.stringify(JSON.parse(policy)).length : 0;
  const arnChars = policyArns.reduce((sum, arn) => sum + arn.length, 0);
  const tagChars = Object.entries(tags).reduce((sum, [k, v]) => sum + k.length + v.length, 0);
  const used = policyChars + arnChars + tagChars;
  return used === 0 ? 0 : Math.ceil((100 * used) / SESSION_POLICY_LIMIT);
}

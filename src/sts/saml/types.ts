// What validateSamlAssertion takes and returns. The clock comes in as `now`: nothing here reads time.
import type { ReplayCache } from "./replay-cache.ts";

/** The SAML provider named by PrincipalArn, as IAM holds it (from its metadata document). */
export interface SamlProviderTrust {
  arn: string;
  accountId: string;
  /** The provider's friendly name: the last part of its ARN. */
  name: string;
  /** The IdP's entity ID: assertions must carry it as Issuer. */
  entityId: string;
  /** Signing certificates from the metadata, PEM or base64 DER; the only keys a signature may use. */
  certificates: readonly string[];
}

export interface SamlAssertionInput {
  /** AssumeRoleWithSAML's SAMLAssertion: the base64 SAMLResponse (4–100000 characters). */
  samlAssertion: string;
  roleArn: string;
  principalArn: string;
  provider: SamlProviderTrust;
  /** Accepted SubjectConfirmationData Recipients: AWS's sign-in endpoints and federa's own /saml. */
  acceptedRecipients: readonly string[];
  /** Audiences accepted besides AWS's and the accepted recipients (optional). */
  acceptedAudiences?: readonly string[];
  now: Date;
  replay: ReplayCache;
}

/** What the checks up to the signed claims read: the request and the provider, not the replay cache. */
export type SamlCheckInput = Omit<SamlAssertionInput, "replay">;

export type TrustAction = "sts:AssumeRoleWithSAML" | "sts:TagSession" | "sts:SetSourceIdentity";

/** What the role's trust policy is asked about: every action the call needs must be allowed. */
export interface TrustPolicyRequest {
  roleArn: string;
  /** The federated principal: the SAML provider's ARN. */
  principalArn: string;
  actions: readonly TrustAction[];
  /** The SAML:* keys of the assertion (see ValidatedAssertion.conditionKeys). */
  conditionKeys: Readonly<Record<string, string | readonly string[]>>;
  /** aws:RequestTag/<key>, aws:TagKeys, sts:TransitiveTagKeys, sts:SourceIdentity, aws:FederatedProvider. */
  requestKeys: Readonly<Record<string, string | readonly string[]>>;
  now: Date;
}

export type TrustDecision = { allowed: true } | { allowed: false; deniedAction?: TrustAction };

/** The role's trust-policy evaluation: the policy engine plugs in here. */
export type TrustPolicyHook = (request: TrustPolicyRequest) => TrustDecision | Promise<TrustDecision>;

export interface SamlValidationDeps {
  /** Required on purpose: there is no default that skips the trust policy. */
  evaluateTrustPolicy: TrustPolicyHook;
  /** Allowed clock skew in seconds (default LIMITS.clockSkewSeconds, 300). */
  clockSkewSeconds?: number;
}

export interface ValidatedAssertion {
  assertionId: string;
  issuer: string;
  /** The NameID's value (STS's Subject). */
  subject: string;
  /** "persistent", "transient", or the full Format URI (STS's SubjectType). */
  subjectType: string;
  /** SubjectConfirmationData's Recipient (STS's Audience, SAML:aud). */
  recipient: string;
  /** The accepted Audience of the AudienceRestriction. */
  audience: string;
  roleArn: string;
  principalArn: string;
  roleSessionName: string;
  sessionDurationSeconds?: number;
  /** AuthnStatement's SessionNotOnOrAfter (the earliest one): the session may not outlive it. */
  sessionNotOnOrAfter?: Date;
  sourceIdentity?: string;
  principalTags: Record<string, string>;
  transitiveTagKeys: string[];
  conditionKeys: Record<string, string | string[]>;
  /** base64(sha1(issuer + accountId + "/" + providerName)). */
  nameQualifier: string;
  /** Until when the assertion could be accepted (its replay-cache lifetime). */
  validUntil: Date;
  /** How many XML signature verifications ran (1 or 2). */
  signatureChecks: number;
}

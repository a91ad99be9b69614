// Names and limits of AWS's SAML federation (IAM User Guide: "Configure SAML assertions for the
// authentication response", "Passing session tags in AWS STS"; STS API: AssumeRoleWithSAML).
export { SAML_ASSERTION_NS, SAML_PROTOCOL_NS, CM_BEARER, TOP_STATUS, AWS_ATTRIBUTE } from "../../shared/index.ts";
export { DSIG_NS_URI } from "../../xml/index.ts";

export const LIMITS = {
  /** SAMLAssertion parameter length (botocore: SAMLAssertionType, min 4, max 100000). */
  assertionMinChars: 4,
  assertionMaxChars: 100_000,
  /**
   * Clock skew allowed on every instant of the assertion. AWS does not document one; 5 minutes is
   * the common choice (AD FS, Shibboleth's upper bound, AWS's own SigV4 window).
   */
  clockSkewSeconds: 300,
  /** AWS refuses an assertion issued more than 5 minutes ago ("Token must be redeemed within 5 minutes of issuance"). */
  maxIssueAgeSeconds: 300,
  sessionDurationMin: 900,
  sessionDurationMax: 43_200,
  maxSessionTags: 50,
  maxTagKeyChars: 128,
  maxTagValueChars: 256,
} as const;

/** Audiences AWS documents for its sign-in endpoint (a regional endpoint is accepted too). */
export const AWS_AUDIENCES: readonly string[] = ["https://signin.aws.amazon.com/saml", "urn:amazon:webservices"];
export const REGIONAL_SIGNIN = /^https:\/\/[a-z]{2}(?:-[a-z]+)+-\d\.signin\.aws\.amazon\.com\/saml$/;

/** RoleSessionName and SourceIdentity: AWS's `[a-zA-Z_0-9+=,.@-]{2,64}` (no `u` flag: \w is ASCII). */
export const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** SAML 2.0 core §8.3: the NameID formats AWS shortens to their last part in SubjectType. */
export const NAMEID_FORMAT_PREFIX = "urn:oasis:names:tc:SAML:2.0:nameid-format:";
export const NAMEID_UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";

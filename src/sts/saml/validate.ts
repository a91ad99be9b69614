// AssumeRoleWithSAML's validation of the SAML assertion, as a declared pipeline of named checks
// (one file each under checks/). Cheap first: the request's size and ARNs, the decoding, one
// hardened parse, the status and the response's shape, and the claim checks on the assertion as
// received; then the signatures, after which the claims are checked again on the signed bytes
// and only those are used (all of that is checkAssertion, which may run on a checker thread);
// then the role's trust policy (a hook) and the replay cache, last, so that only a use which
// passed everything else is recorded. The clock is `input.now`.
import { withSignatureChecks } from "./errors.ts";
import { LIMITS } from "./constants.ts";
import type { AssertionClaims } from "./claims.ts";
import { checkAssertion, type AssertionCheckDeps } from "./check-assertion.ts";
import type { SamlAssertionInput, SamlValidationDeps, ValidatedAssertion } from "./types.ts";
import { checkTrustPolicy, trustPolicyRequest } from "./checks/trust-policy.ts";
import { checkReplay } from "./checks/replay.ts";

export async function validateSamlAssertion(input: SamlAssertionInput, deps: SamlValidationDeps & AssertionCheckDeps): Promise<ValidatedAssertion> {
  if (!(input.now instanceof Date) || Number.isNaN(input.now.getTime())) throw new TypeError("input.now must be a valid Date");
  if (typeof deps?.evaluateTrustPolicy !== "function") throw new TypeError("deps.evaluateTrustPolicy is required");
  if (typeof input.replay?.seen !== "function") throw new TypeError("input.replay must be a ReplayCache");
  if (deps.clockSkewSeconds !== undefined && !(deps.clockSkewSeconds >= 0 && deps.clockSkewSeconds <= 3600)) {
    throw new TypeError("deps.clockSkewSeconds must be from 0 to 3600");
  }
  const skewMs = (deps.clockSkewSeconds ?? LIMITS.clockSkewSeconds) * 1000;
  const { replay, ...checkInput } = input;
  const { now, roleArn, principalArn } = input;
  const { claims, signatureChecks } = await (deps.checkAssertion ?? checkAssertion)(checkInput, skewMs);
  try {
    const { conditionKeys, principalTags, transitiveTagKeys, sourceIdentity } = claims;
    await checkTrustPolicy(
      deps.evaluateTrustPolicy,
      trustPolicyRequest({ roleArn, principalArn, conditionKeys, principalTags, transitiveTagKeys, sourceIdentity, now }),
    );
    await checkReplay(replay, claims.issuer, claims.assertionId, claims.validUntil, now);
    return result(claims, roleArn, principalArn, signatureChecks);
  } catch (error) {
    throw withSignatureChecks(error, signatureChecks);
  }
}

function result(claims: AssertionClaims, roleArn: string, principalArn: string, signatureChecks: number): ValidatedAssertion {
  const { sessionDurationSeconds, sessionNotOnOrAfter, sourceIdentity, ...always } = claims;
  return {
    ...always,
    roleArn,
    principalArn,
    ...(sessionDurationSeconds === undefined ? {} : { sessionDurationSeconds }),
    ...(sessionNotOnOrAfter === undefined ? {} : { sessionNotOnOrAfter }),
    ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
    nameQualifier: claims.conditionKeys["SAML:namequalifier"] as string,
    signatureChecks,
  };
}

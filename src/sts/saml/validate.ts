// AssumeRoleWithSAML's validation of the SAML assertion, as a declared pipeline of named checks
// (one file each under checks/). Cheap first: the request's size and ARNs, the decoding, one
// hardened parse, the status and the response's shape, and the claim checks on the assertion as
// received; then the signatures, after which the claims are checked again on the signed bytes
// and only those are used; then the role's trust policy (a hook) and the replay cache, last, so
// that only a use which passed everything else is recorded. The clock is `input.now`.
import { StsSamlError } from "./errors.ts";
import { LIMITS } from "./constants.ts";
import { checkClaims } from "./claims.ts";
import type { SamlAssertionInput, SamlValidationDeps, ValidatedAssertion } from "./types.ts";
import { checkRequestSize } from "./checks/request-size.ts";
import { checkRequestArns } from "./checks/request-arns.ts";
import { decodeSamlResponse } from "./checks/decode-response.ts";
import { parseSamlResponse } from "./checks/parse-response.ts";
import { checkStatus } from "./checks/status.ts";
import { checkResponseShape } from "./checks/response-shape.ts";
import { verifySignatures } from "./checks/signatures.ts";
import { checkTrustPolicy, trustPolicyRequest } from "./checks/trust-policy.ts";
import { checkReplay } from "./checks/replay.ts";

export async function validateSamlAssertion(input: SamlAssertionInput, deps: SamlValidationDeps): Promise<ValidatedAssertion> {
  if (!(input.now instanceof Date) || Number.isNaN(input.now.getTime())) throw new TypeError("input.now must be a valid Date");
  if (typeof deps?.evaluateTrustPolicy !== "function") throw new TypeError("deps.evaluateTrustPolicy is required");
  if (typeof input.replay?.seen !== "function") throw new TypeError("input.replay must be a ReplayCache");
  if (deps.clockSkewSeconds !== undefined && !(deps.clockSkewSeconds >= 0 && deps.clockSkewSeconds <= 3600)) {
    throw new TypeError("deps.clockSkewSeconds must be from 0 to 3600");
  }
  const skewMs = (deps.clockSkewSeconds ?? LIMITS.clockSkewSeconds) * 1000;
  const { now, provider, roleArn, principalArn } = input;
  let signatureChecks = 0;
  try {
    const samlAssertion = checkRequestSize(input.samlAssertion);
    checkRequestArns(roleArn, principalArn, provider);
    const xml = decodeSamlResponse(samlAssertion);
    const document = parseSamlResponse(xml);
    checkStatus(document.documentElement!);
    const shape = checkResponseShape(document);
    checkClaims(shape.response, shape.assertion, input, skewMs); // refuses early; grants nothing

    const signed = verifySignatures(shape, xml, provider.certificates);
    signatureChecks = signed.signatureChecks;
    const claims = checkClaims(signed.response, signed.assertion, input, skewMs);

    const { conditionKeys, principalTags, transitiveTagKeys, sourceIdentity } = claims;
    await checkTrustPolicy(
      deps.evaluateTrustPolicy,
      trustPolicyRequest({ roleArn, principalArn, conditionKeys, principalTags, transitiveTagKeys, sourceIdentity, now }),
    );
    checkReplay(input.replay, claims.issuer, claims.assertionId, claims.validUntil, now);
    return result(claims, roleArn, principalArn, signatureChecks);
  } catch (error) {
    if (error instanceof StsSamlError && signatureChecks > error.signatureChecks) error.signatureChecks = signatureChecks;
    throw error;
  }
}

function result(claims: ReturnType<typeof checkClaims>, roleArn: string, principalArn: string, signatureChecks: number): ValidatedAssertion {
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

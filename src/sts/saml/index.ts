// AssumeRoleWithSAML's SAML validation: validateSamlAssertion runs AWS's checks as a pipeline of
// named checks over signed bytes only, with the clock passed in; the role's trust policy is a hook.
export { validateSamlAssertion } from "./validate.ts";
export { checkAssertion, type AssertionCheck, type CheckedAssertion } from "./check-assertion.ts";
export { startAssertionCheckers, defaultCheckerThreads, type AssertionCheckers } from "./checker/threads.ts";
export { StsSamlError, isStsSamlError, NOT_AUTHORIZED, SIGNATURE_INVALID, type StsSamlErrorCode } from "./errors.ts";
export { MemoryReplayCache, StoreReplayCache, type ReplayCache } from "./replay-cache.ts";
export { nameQualifierOf } from "./checks/condition-keys.ts";
export { rolePair } from "./checks/role-pair.ts";
export { AWS_AUDIENCES, LIMITS as SAML_LIMITS } from "./constants.ts";
export type {
  SamlAssertionInput,
  SamlCheckInput,
  SamlProviderTrust,
  SamlValidationDeps,
  TrustAction,
  TrustDecision,
  TrustPolicyHook,
  TrustPolicyRequest,
  ValidatedAssertion,
} from "./types.ts";

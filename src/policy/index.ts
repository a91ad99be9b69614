// The public face of src/policy: IAM's policy language (parse, validate, compile) and AWS's
// evaluation logic, as pure functions. Nothing else in src/policy is imported from outside.
export type {
  ConditionElement,
  ConditionValue,
  ContextValue,
  Effect,
  OneOrMany,
  PolicyDocument,
  PolicyKind,
  PolicyStatement,
  PolicyVersion,
  PrincipalElement,
  PrincipalType,
  RequestContext,
  RequestPrincipal,
} from "./types.ts";
export { MALFORMED_POLICY_DOCUMENT, Messages as PolicyMessages, PolicyError, isPolicyError } from "./errors.ts";
export { parsePolicy, VALIDATION_PIPELINE, type ParseOptions } from "./parse.ts";
export type { PrincipalExists } from "./validate-principal.ts";
export { compilePolicy, statementsOf, withLabel, type Policy } from "./compile.ts";
export { evaluate, type PolicySet } from "./evaluate.ts";
export { PreparedRequest } from "./context.ts";
export { denialPhrase, type Decision, type DecisionEffect, type MatchedStatement, type PolicyType } from "./decision.ts";
export { grantsFor, type GrantAllowance, type GrantHook } from "./grants.ts";
export { POLICY_SIZE_LIMITS, exceedsPolicySize, iamPolicySize, policySize, type PolicySizeLimit } from "./size.ts";

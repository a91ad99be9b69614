export { createSessionTokens, SessionTokenError, type SessionClaims, type SessionTokens, type TemporaryCredentials } from "./session-token.ts";
export { assumeRoleWithSaml, providerTrust, type AssumeRoleWithSamlDeps, type AssumeRoleWithSamlParams, type AssumeRoleWithSamlResult } from "./assume-role-with-saml.ts";
export { StsError, validationError } from "./errors.ts";
export { rolesOf, pickRole, type RoleChoice } from "./roles.ts";
export * from "./saml/index.ts";
export { createTrustPolicyHook, createSessionPolicyCheck } from "./trust-policy.ts";
export { createCredentialLookup, type Caller } from "./caller.ts";
export { stsService, STS_XMLNS } from "./api.ts";

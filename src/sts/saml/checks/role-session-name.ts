// The RoleSessionName attribute is required and is 2-64 characters of [a-zA-Z_0-9+=,.@-] (IAM:
// SAML RoleSessionName attribute; AWS's messages "RoleSessionName is required in AuthnResponse" and
// "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}"). It holds one value.
import { StsSamlError } from "../errors.ts";
import { AWS_ATTRIBUTE, SESSION_NAME } from "../constants.ts";
import { singleValue, type SamlAttributes } from "./attributes.ts";

export function checkRoleSessionName(attributes: SamlAttributes): string {
  const value = singleValue(attributes, AWS_ATTRIBUTE.roleSessionName);
  if (value === undefined) {
    throw new StsSamlError("InvalidIdentityToken", "RoleSessionName is required in AuthnResponse", "role-session-name-missing");
  }
  if (value === null || !SESSION_NAME.test(value)) {
    throw new StsSamlError("InvalidIdentityToken", "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}", "role-session-name");
  }
  return value;
}

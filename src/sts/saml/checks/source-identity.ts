// The optional SourceIdentity attribute is one value of 2-64 characters of [a-zA-Z_0-9+=,.@-] that
// does not begin with "aws:" (IAM: SAML SourceIdentity attribute, and AWS's message for it). When
// present, the trust policy must also allow sts:SetSourceIdentity.
import { StsSamlError } from "../errors.ts";
import { AWS_ATTRIBUTE, SESSION_NAME } from "../constants.ts";
import { singleValue, type SamlAttributes } from "./attributes.ts";

export function checkSourceIdentity(attributes: SamlAttributes): string | undefined {
  const value = singleValue(attributes, AWS_ATTRIBUTE.sourceIdentity);
  if (value === undefined) return undefined;
  if (value === null || !SESSION_NAME.test(value) || value.toLowerCase().startsWith("aws:")) {
    throw new StsSamlError(
      "InvalidIdentityToken",
      'Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with "aws:"',
      "source-identity",
    );
  }
  return value;
}

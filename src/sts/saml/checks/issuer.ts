// The assertion's Issuer is the SAML provider's entity ID, exactly (AWS: "Issuer not present in
// specified provider"); so is the Response's Issuer when it has one. The assertion has an ID, which
// replay protection keys on.
import { attributeOf, textOf, type Element } from "../../../xml/index.ts";
import { StsSamlError } from "../errors.ts";
import { samlChildren } from "../saml-xml.ts";

export interface AssertionIdentity {
  assertionId: string;
  issuer: string;
}

const mismatch = () => new StsSamlError("InvalidIdentityToken", "Issuer not present in specified provider", "issuer");

export function checkIssuer(response: Element, assertion: Element, entityId: string): AssertionIdentity {
  const issuers = samlChildren(assertion, "Issuer");
  if (issuers.length !== 1 || textOf(issuers[0]!) !== entityId) throw mismatch();
  const responseIssuers = samlChildren(response, "Issuer");
  if (responseIssuers.length > 1 || (responseIssuers.length === 1 && textOf(responseIssuers[0]!) !== entityId)) throw mismatch();
  const assertionId = attributeOf(assertion, "ID");
  if (!assertionId) throw new StsSamlError("InvalidIdentityToken", "Invalid SAML response: the assertion has no ID", "assertion-id");
  return { assertionId, issuer: entityId };
}

// The assertion's Conditions bound its validity: NotBefore <= now < NotOnOrAfter (SAML core
// §2.5.1.2), each widened by the allowed clock skew. Conditions must be present, since the
// AudienceRestriction AWS requires lives there; its two instants are optional, as SAML has them.
import { attributeOf, type Element } from "../../../xml/index.ts";
import { StsSamlError } from "../errors.ts";
import { instantOf, samlChildren } from "../saml-xml.ts";

export interface ConditionsWindow {
  conditions: Element;
  /** NaN when Conditions carries no NotOnOrAfter. */
  notOnOrAfter: number;
}

export function checkConditions(assertion: Element, now: Date, skewMs: number): ConditionsWindow {
  const all = samlChildren(assertion, "Conditions");
  if (all.length !== 1) throw new StsSamlError("InvalidIdentityToken", "The assertion must hold one Conditions element", "conditions");
  const conditions = all[0]!;
  const at = now.getTime();
  const notBefore = attributeOf(conditions, "NotBefore");
  if (notBefore !== undefined && !(instantOf(notBefore) <= at + skewMs)) {
    throw new StsSamlError("ExpiredTokenException", "Response is not yet valid", "not-yet-valid");
  }
  const notOnOrAfterText = attributeOf(conditions, "NotOnOrAfter");
  const notOnOrAfter = notOnOrAfterText === undefined ? Number.NaN : instantOf(notOnOrAfterText);
  if (notOnOrAfterText !== undefined && !(at < notOnOrAfter + skewMs)) {
    throw new StsSamlError("ExpiredTokenException", "Response has expired", "expired");
  }
  return { conditions, notOnOrAfter };
}

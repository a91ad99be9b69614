// AWS redeems an assertion only within 5 minutes of its IssueInstant (its ExpiredTokenException
// "Token must be redeemed within 5 minutes of issuance"), here with the same clock-skew allowance as
// every other instant; an IssueInstant in the future beyond that skew is refused too.
import { attributeOf, type Element } from "../../../xml/index.ts";
import { StsSamlError } from "../errors.ts";
import { LIMITS } from "../constants.ts";
import { instantOf } from "../saml-xml.ts";

/** Returns the last instant (ms) at which the assertion may still be redeemed. */
export function checkIssueInstant(assertion: Element, now: Date, skewMs: number): number {
  const issued = instantOf(attributeOf(assertion, "IssueInstant") ?? "");
  if (Number.isNaN(issued)) throw new StsSamlError("InvalidIdentityToken", "Invalid SAML response: no IssueInstant", "issue-instant");
  const at = now.getTime();
  if (issued > at + skewMs) throw new StsSamlError("ExpiredTokenException", "Response is not yet valid", "issued-in-future");
  const redeemBy = issued + LIMITS.maxIssueAgeSeconds * 1000 + skewMs;
  if (at >= redeemBy) throw new StsSamlError("ExpiredTokenException", "Token must be redeemed within 5 minutes of issuance", "issued-too-long-ago");
  return redeemBy;
}

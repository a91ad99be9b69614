// Conditions carry an AudienceRestriction naming AWS: https://signin.aws.amazon.com/saml, a regional
// sign-in endpoint, or urn:amazon:webservices (IAM: AudienceRestriction and Audience), or federa's
// own endpoint. Each AudienceRestriction must be met (SAML core §2.5.1.4: they are ANDed; the
// Audiences inside one are ORed). The Audience is not SAML:aud: that is the Recipient.
import { textOf, type Element } from "../../../xml/index.ts";
import { StsSamlError } from "../errors.ts";
import { AWS_AUDIENCES, REGIONAL_SIGNIN } from "../constants.ts";
import { samlChildren } from "../saml-xml.ts";

export function acceptedAudience(audience: string, extra: readonly string[]): boolean {
  return AWS_AUDIENCES.includes(audience) || REGIONAL_SIGNIN.test(audience) || extra.includes(audience);
}

export function checkAudience(conditions: Element, extra: readonly string[]): string {
  const matches = samlChildren(conditions, "AudienceRestriction").map((restriction) =>
    samlChildren(restriction, "Audience")
      .map((audience) => textOf(audience).trim())
      .find((audience) => acceptedAudience(audience, extra)),
  );
  const first = matches[0];
  if (first === undefined || matches.some((match) => match === undefined)) {
    throw new StsSamlError("InvalidIdentityToken", "The assertion's audience is not AWS", "audience");
  }
  return first;
}

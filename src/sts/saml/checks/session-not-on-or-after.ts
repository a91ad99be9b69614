// AuthnStatement's SessionNotOnOrAfter caps the session: credentials may not outlive it (STS API:
// "Your role session lasts for the duration that you specify… or until the time specified in the
// SAML authentication response's SessionNotOnOrAfter value, whichever is shorter"). The earliest of
// several counts; one already past leaves no session to grant.
import { attributeOf, type Element } from "../../../xml/index.ts";
import { StsSamlError } from "../errors.ts";
import { instantOf, samlChildren } from "../saml-xml.ts";

export function checkSessionNotOnOrAfter(assertion: Element, now: Date): Date | undefined {
  let earliest: number | undefined;
  for (const statement of samlChildren(assertion, "AuthnStatement")) {
    const text = attributeOf(statement, "SessionNotOnOrAfter");
    if (text === undefined) continue;
    const at = instantOf(text);
    if (Number.isNaN(at)) throw new StsSamlError("InvalidIdentityToken", "SessionNotOnOrAfter in AuthnResponse is invalid", "session-not-on-or-after");
    earliest = earliest === undefined ? at : Math.min(earliest, at);
  }
  if (earliest !== undefined && earliest <= now.getTime()) {
    throw new StsSamlError("ExpiredTokenException", "The SAML session has expired (SessionNotOnOrAfter)", "session-expired");
  }
  return earliest === undefined ? undefined : new Date(earliest);
}

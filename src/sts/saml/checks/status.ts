// A SAMLResponse must say the IdP authenticated the user: top-level StatusCode Success (SAML core
// §3.2.2.2). Anything else is the IdP's refusal, which STS reports as IDPRejectedClaim. Read before
// any signature check: it can only refuse, never grant.
import { attributeOf, type Element } from "../../../xml/index.ts";
import { StsSamlError } from "../errors.ts";
import { SAML_PROTOCOL_NS, TOP_STATUS } from "../constants.ts";
import { samlChildren } from "../saml-xml.ts";

export function checkStatus(response: Element): void {
  const statuses = samlChildren(response, "Status", SAML_PROTOCOL_NS);
  const codes = statuses.length === 1 ? samlChildren(statuses[0]!, "StatusCode", SAML_PROTOCOL_NS) : [];
  if (codes.length !== 1) throw new StsSamlError("InvalidIdentityToken", "Invalid SAML response: no Status", "status-missing");
  if (attributeOf(codes[0]!, "Value") !== TOP_STATUS.Success) {
    throw new StsSamlError("IDPRejectedClaim", "The identity provider reported that authentication failed", "status");
  }
}

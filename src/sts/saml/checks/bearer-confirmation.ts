// Exactly one SubjectConfirmation, of Method bearer, whose SubjectConfirmationData has NotOnOrAfter
// (still in the future) and a Recipient that is AWS's sign-in endpoint (global or regional) or
// federa's own /saml (IAM: "Configure SAML assertions…", Subject and NameID). The Recipient becomes
// STS's Audience and SAML:aud.
import { attributeOf, type Element } from "../../../xml/index.ts";
import { StsSamlError } from "../errors.ts";
import { CM_BEARER } from "../constants.ts";
import { instantOf, samlChildren } from "../saml-xml.ts";

export interface BearerConfirmation {
  recipient: string;
  notOnOrAfter: number;
}

const invalid = (message: string, reason: string) => new StsSamlError("InvalidIdentityToken", message, reason);

export function checkBearerConfirmation(assertion: Element, acceptedRecipients: readonly string[], now: Date, skewMs: number): BearerConfirmation {
  const subject = samlChildren(assertion, "Subject")[0];
  const confirmations = subject ? samlChildren(subject, "SubjectConfirmation") : [];
  if (confirmations.length !== 1) throw invalid("The assertion must hold exactly one SubjectConfirmation", "subject-confirmation");
  if (attributeOf(confirmations[0]!, "Method") !== CM_BEARER) throw invalid("SubjectConfirmation Method must be bearer", "bearer");
  const data = samlChildren(confirmations[0]!, "SubjectConfirmationData");
  if (data.length !== 1) throw invalid("SubjectConfirmationData is required", "subject-confirmation-data");
  const recipient = attributeOf(data[0]!, "Recipient");
  if (recipient === undefined || !acceptedRecipients.includes(recipient)) throw invalid("Recipient is not an accepted sign-in endpoint", "recipient");
  const notOnOrAfter = instantOf(attributeOf(data[0]!, "NotOnOrAfter") ?? "");
  if (Number.isNaN(notOnOrAfter)) throw invalid("SubjectConfirmationData NotOnOrAfter is required", "subject-confirmation-expiry");
  if (now.getTime() >= notOnOrAfter + skewMs) throw new StsSamlError("ExpiredTokenException", "Response has expired", "subject-confirmation-expired");
  const notBefore = attributeOf(data[0]!, "NotBefore");
  if (notBefore !== undefined && !(instantOf(notBefore) <= now.getTime() + skewMs)) {
    throw new StsSamlError("ExpiredTokenException", "Response is not yet valid", "subject-confirmation-not-yet-valid");
  }
  return { recipient, notOnOrAfter };
}

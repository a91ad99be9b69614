// The samlp:Response around an assertion or an error status, signed or not (SAML core §3.2.2, §3.3.3).
// Attribute order is c14n's (the writer sorts); element order is the schema's: Issuer, Signature,
// Extensions?, Status, Assertion.
import { canonicalize, element, signEnveloped, signEnvelopedAsync, type CanonicalElement, type XmlElement, type XmlSigner } from "../../../xml/index.ts";
import { isoInstant } from "../../../shared/index.ts";
import { SAML, SAMLP } from "../constants.ts";

export interface EnvelopeFields {
  id: string;
  issuer: string;
  destination: string;
  inResponseTo?: string | undefined;
  consent?: string | undefined;
  now: Date;
}

export function issuerElement(issuer: string): XmlElement {
  return element(SAML, "Issuer", null, [issuer]);
}

export function responseXml(fields: EnvelopeFields, status: XmlElement, assertion: CanonicalElement | undefined, signer: XmlSigner | undefined): string {
  const response = responseElement(fields, status, assertion);
  return signer ? signEnveloped(response, fields.id, signer).xml : response.xml;
}

/** responseXml with the RSA step off the main thread. */
export async function responseXmlAsync(fields: EnvelopeFields, status: XmlElement, assertion: CanonicalElement | undefined, signer: XmlSigner | undefined): Promise<string> {
  const response = responseElement(fields, status, assertion);
  return signer ? (await signEnvelopedAsync(response, fields.id, signer)).xml : response.xml;
}

function responseElement(fields: EnvelopeFields, status: XmlElement, assertion: CanonicalElement | undefined): CanonicalElement {
  return canonicalize(
    element(
      SAMLP,
      "Response",
      {
        ID: fields.id,
        Version: "2.0",
        IssueInstant: isoInstant(fields.now),
        Destination: fields.destination,
        Consent: fields.consent,
        InResponseTo: fields.inResponseTo,
      },
      [issuerElement(fields.issuer), status, assertion],
    ),
  );
}

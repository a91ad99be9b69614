// Only signed bytes are trusted (AWS: the response or its assertion is signed by a certificate of
// the provider's metadata, never one from KeyInfo). The Response's signature covers the assertion
// inside it; when both carry one, both must verify. What follows reads only what was verified.
// The assertion's signature is verified in place, in the document it came in (or in the Response's
// signed bytes, when those were verified first): its ID must be unique in that whole document.
import { childElements, isXmlError, verifySignedXml, type Element } from "../../../xml/index.ts";
import { SIGNATURE_INVALID, StsSamlError } from "../errors.ts";
import { DSIG_NS_URI, LIMITS } from "../constants.ts";
import { samlChildren } from "../saml-xml.ts";
import type { ResponseShape } from "./response-shape.ts";

export interface SignedParts {
  /** The Response: its signed bytes when it is signed, else as received (read only to refuse). */
  response: Element;
  /** The Assertion, always from signed bytes. */
  assertion: Element;
  signatureChecks: number;
}

const isSigned = (element: Element) => childElements(element, DSIG_NS_URI, "Signature").length > 0;
const options = { maxBytes: LIMITS.assertionMaxChars };

export function verifySignatures(shape: ResponseShape, xml: string, certificates: readonly string[]): SignedParts {
  let { response, assertion, document } = shape;
  let documentXml = xml;
  let signatureChecks = 0;
  const refuse = (reason: string, cause?: unknown) =>
    Object.assign(new StsSamlError("InvalidIdentityToken", SIGNATURE_INVALID, reason, cause === undefined ? {} : { cause }), { signatureChecks });
  if (!isSigned(response) && !isSigned(assertion)) throw refuse("signature-missing");
  if (certificates.length === 0) throw refuse("no-certificate");
  try {
    if (isSigned(response)) {
      signatureChecks++;
      const verified = verifySignedXml(xml, certificates, { ...options, document });
      response = verified.element;
      document = response.ownerDocument!;
      documentXml = verified.xml;
      const inside = samlChildren(response, "Assertion");
      if (inside.length !== 1) throw refuse("assertion-count");
      assertion = inside[0]!;
    }
    if (isSigned(assertion)) {
      signatureChecks++;
      assertion = verifySignedXml(documentXml, certificates, { ...options, document, element: assertion }).element;
    }
  } catch (error) {
    throw isXmlError(error) ? refuse(error.code === "XML_SIGNATURE_INVALID" ? "signature-invalid" : "signed-xml", error) : error;
  }
  return { response, assertion, signatureChecks };
}

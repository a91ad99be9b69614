// One hardened parse of the SAMLResponse (src/xml's parseXml): no DTD, so no entities, external or
// expanding; bounded size and depth; XML 1.0 characters only; any complaint is fatal.
import { isXmlError, parseXml, type Document } from "../../../xml/index.ts";
import { StsSamlError } from "../errors.ts";
import { LIMITS } from "../constants.ts";

const REASONS: Readonly<Record<string, string>> = {
  XML_DTD_FORBIDDEN: "xml-dtd",
  XML_TOO_LARGE: "xml-too-large",
  XML_TOO_DEEP: "xml-too-deep",
  XML_INVALID_CHARACTER: "xml-character",
};

export function parseSamlResponse(xml: string): Document {
  try {
    return parseXml(xml, { maxBytes: LIMITS.assertionMaxChars, maxDepth: 32 });
  } catch (error) {
    if (!isXmlError(error)) throw error;
    throw new StsSamlError("InvalidIdentityToken", "Invalid SAML response", REASONS[error.code] ?? "xml-malformed", { cause: error });
  }
}

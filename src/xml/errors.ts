// Typed errors of the XML layer. Callers switch on `code`; messages never quote the document.
import { FederaError, type FederaErrorOptions } from "../shared/index.ts";

export type XmlErrorCode =
  | "XML_MALFORMED"
  | "XML_DTD_FORBIDDEN"
  | "XML_TOO_LARGE"
  | "XML_TOO_DEEP"
  | "XML_INVALID_CHARACTER"
  | "XML_SIGNATURE_MISSING"
  | "XML_SIGNATURE_INVALID";

export class XmlError extends FederaError {
  declare readonly code: XmlErrorCode;

  constructor(code: XmlErrorCode, message: string, options: FederaErrorOptions = {}) {
    super(code, message, { status: 400, ...options });
  }
}

export function isXmlError(value: unknown): value is XmlError {
  return value instanceof XmlError;
}

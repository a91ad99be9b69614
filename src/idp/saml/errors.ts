// Typed errors for SAML messages federa receives. Stable codes; messages are safe to show and
// never quote the message itself.
import { FederaError, type FederaErrorOptions } from "../../shared/index.ts";

export type SamlErrorCode =
  /** Not base64, not DEFLATE, not UTF-8, not XML, a DTD, wrong root, a missing or bad field. */
  | "SAML_REQUEST_MALFORMED"
  /** Over the size limit, encoded or inflated. */
  | "SAML_REQUEST_TOO_LARGE"
  /** Version is not 2.0 (answer with status VersionMismatch). */
  | "SAML_REQUEST_VERSION_UNSUPPORTED"
  /** The Issuer is not a configured SP. */
  | "SAML_REQUEST_UNKNOWN_SP"
  /** The SP must sign its requests and this one is unsigned. */
  | "SAML_REQUEST_UNSIGNED"
  /** A signature is present and does not verify (or cannot be checked). */
  | "SAML_REQUEST_SIGNATURE_INVALID"
  /** SigAlg / SignatureMethod is not one federa accepts. */
  | "SAML_REQUEST_SIGALG_UNSUPPORTED";

export class SamlError extends FederaError {
  declare readonly code: SamlErrorCode;

  constructor(code: SamlErrorCode, message: string, options: FederaErrorOptions = {}) {
    super(code, message, { status: 400, ...options });
  }
}

export function isSamlError(value: unknown): value is SamlError {
  return value instanceof SamlError;
}

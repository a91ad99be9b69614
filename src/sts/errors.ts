// STS's own refusals outside SAML validation, with AWS's codes and statuses (sts 2011-06-15).
import { FederaError } from "../shared/index.ts";

export type StsErrorCode = "ValidationError" | "MalformedPolicyDocument" | "PackedPolicyTooLarge" | "AccessDenied" | "InvalidAuthorizationMessageException";

const STATUS: Record<StsErrorCode, number> = {
  ValidationError: 400,
  MalformedPolicyDocument: 400,
  PackedPolicyTooLarge: 400,
  AccessDenied: 403,
  InvalidAuthorizationMessageException: 400,
};

export class StsError extends FederaError {
  declare readonly code: StsErrorCode;
  constructor(code: StsErrorCode, message: string) {
    super(code, message, { status: STATUS[code] });
  }
}

/** AWS's wording for a constraint of the service model: "1 validation error detected: …". */
export function validationError(member: string, constraint: string, value?: string): StsError {
  return new StsError("ValidationError", `1 validation error detected: Value ${value === undefined ? "" : `'${value}' `}at '${member}' failed to satisfy constraint: ${constraint}`);
}

// The refusals of AssumeRoleWithSAML's SAML validation, with the AWS error each becomes on the wire
// (botocore's STS model: ExpiredTokenException 400, IDPRejectedClaim 403, InvalidIdentityToken 400;
// Query's ValidationError 400 and AccessDenied 403). `code` is the AWS error code; `reason` names the
// check that refused, for logs and tests only. Messages are short, AWS's own wording where AWS
// documents one, and never quote the assertion.
import { FederaError, type FederaErrorOptions } from "../../shared/index.ts";

export type StsSamlErrorCode = "InvalidIdentityToken" | "ExpiredTokenException" | "IDPRejectedClaim" | "ValidationError" | "AccessDenied";

const STATUS: Readonly<Record<StsSamlErrorCode, number>> = {
  InvalidIdentityToken: 400,
  ExpiredTokenException: 400,
  IDPRejectedClaim: 403,
  ValidationError: 400,
  AccessDenied: 403,
};

export class StsSamlError extends FederaError {
  declare readonly code: StsSamlErrorCode;
  /** The refusing check's stable reason, e.g. "signature-invalid". Never sent to the client. */
  readonly reason: string;
  /** How many XML signature verifications ran before the refusal (set by the pipeline). */
  signatureChecks = 0;

  constructor(code: StsSamlErrorCode, message: string, reason: string, options: FederaErrorOptions = {}) {
    super(code, message, { ...options, status: STATUS[code], expose: true, detail: { reason, ...options.detail } });
    this.reason = reason;
  }
}

/** Records on a refusal how many signature checks had run when it came (never fewer than it says). */
export function withSignatureChecks(error: unknown, signatureChecks: number): unknown {
  if (error instanceof StsSamlError && signatureChecks > error.signatureChecks) error.signatureChecks = signatureChecks;
  return error;
}

export function isStsSamlError(value: unknown): value is StsSamlError {
  return value instanceof StsSamlError;
}

/** AWS's documented refusal for a role the assertion does not grant, or a trust policy that says no. */
export const NOT_AUTHORIZED = "Not authorized to perform sts:AssumeRoleWithSAML";
/** AWS's documented refusal for any signature problem. */
export const SIGNATURE_INVALID = "Response signature invalid";

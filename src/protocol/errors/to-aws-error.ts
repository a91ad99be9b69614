// The one place that decides what a failure looks like on the wire: AwsErrors go out as written,
// SigV4 refusals as each protocol spells them, and anything else as a generic internal failure
// (500) whose message says nothing of what went wrong inside.
import { AwsError, isAwsError } from "./aws-error.ts";
import { isSigV4Error } from "../sigv4/errors.ts";
import { sigV4ToAwsError } from "./sigv4-to-aws.ts";
import type { WireProtocol } from "./protocols.ts";

export interface WireError {
  error: AwsError;
  /** True when the failure was not an AwsError or SigV4Error: a bug to log, not a refusal. */
  internal: boolean;
}

export function internalFailure(protocol: WireProtocol): AwsError {
  return protocol === "rest-xml"
    ? new AwsError("InternalError", "We encountered an internal error. Please try again.", { status: 500 })
    : new AwsError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", { status: 500 });
}

export function toAwsError(error: unknown, protocol: WireProtocol): WireError {
  if (isAwsError(error)) return { error, internal: false };
  if (isSigV4Error(error)) return { error: sigV4ToAwsError(error, protocol), internal: false };
  return { error: internalFailure(protocol), internal: true };
}

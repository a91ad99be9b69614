// Turns a SigV4 refusal into the error AWS answers with, per protocol: Query services (STS, IAM),
// JSON services (KMS) and S3 (REST-XML) each have their own codes, statuses and wording.
import type { SigV4Error } from "../sigv4/errors.ts";
import { AwsError } from "./aws-error.ts";
import type { WireProtocol } from "./protocols.ts";

const INVALID_TOKEN = "The security token included in the request is invalid.";
const EXPIRED_TOKEN = "The security token included in the request is expired";

function query(error: SigV4Error): AwsError {
  switch (error.code) {
    case "SIGV4_MISSING_AUTH":
      return new AwsError("MissingAuthenticationToken", "Request is missing Authentication Token", { status: 403 });
    case "SIGV4_UNKNOWN_KEY":
    case "SIGV4_INVALID_TOKEN":
      return new AwsError("InvalidClientTokenId", INVALID_TOKEN, { status: 403 });
    case "SIGV4_EXPIRED_TOKEN":
      return new AwsError("ExpiredToken", EXPIRED_TOKEN, { status: 403 });
    case "SIGV4_SIGNATURE_MISMATCH":
    case "SIGV4_SKEW":
    case "SIGV4_SCOPE_MISMATCH":
      return new AwsError("SignatureDoesNotMatch", error.message, { status: 403 });
    case "SIGV4_EXPIRED_PRESIGN":
      return new AwsError("RequestExpired", "Request has expired.", { status: 400 });
    default:
      return new AwsError("IncompleteSignature", error.message, { status: 400 });
  }
}

function json(error: SigV4Error): AwsError {
  switch (error.code) {
    case "SIGV4_MISSING_AUTH":
      return new AwsError("MissingAuthenticationTokenException", "Missing Authentication Token");
    case "SIGV4_UNKNOWN_KEY":
    case "SIGV4_INVALID_TOKEN":
      return new AwsError("UnrecognizedClientException", INVALID_TOKEN);
    case "SIGV4_EXPIRED_TOKEN":
      return new AwsError("ExpiredTokenException", EXPIRED_TOKEN);
    case "SIGV4_SIGNATURE_MISMATCH":
    case "SIGV4_SKEW":
    case "SIGV4_SCOPE_MISMATCH":
      return new AwsError("InvalidSignatureException", error.message);
    case "SIGV4_EXPIRED_PRESIGN":
      return new AwsError("InvalidSignatureException", "Request has expired.");
    default:
      return new AwsError("IncompleteSignatureException", error.message);
  }
}

function restXml(error: SigV4Error): AwsError {
  const { facts } = error;
  const malformed = facts.presigned ? "AuthorizationQueryParametersError" : "AuthorizationHeaderMalformed";
  switch (error.code) {
    case "SIGV4_MISSING_AUTH":
      return new AwsError("AccessDenied", "Access Denied", { status: 403 });
    case "SIGV4_UNKNOWN_KEY":
      return new AwsError("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", { status: 403 });
    case "SIGV4_INVALID_TOKEN":
      return new AwsError("InvalidToken", "The provided token is malformed or otherwise invalid.", { status: 400 });
    case "SIGV4_EXPIRED_TOKEN":
      return new AwsError("ExpiredToken", "The provided token has expired.", { status: 400 });
    case "SIGV4_SIGNATURE_MISMATCH":
      return new AwsError("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.", { status: 403 });
    case "SIGV4_SKEW":
      return new AwsError("RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", { status: 403 });
    case "SIGV4_EXPIRED_PRESIGN":
      return new AwsError("AccessDenied", "Request has expired", { status: 403 });
    case "SIGV4_SCOPE_MISMATCH":
      return new AwsError(malformed, s3ScopeMessage(error), { status: 400 });
    case "SIGV4_MISSING_PAYLOAD_HASH":
      return new AwsError("InvalidRequest", error.message, { status: 400 });
    case "SIGV4_INVALID_PAYLOAD_HASH":
      return new AwsError("InvalidArgument", error.message, { status: 400 });
    case "SIGV4_PAYLOAD_HASH_MISMATCH":
      return new AwsError("XAmzContentSHA256Mismatch", error.message, { status: 400 });
    default:
      return new AwsError(malformed, error.message, { status: 400 });
  }
}

function s3ScopeMessage(error: SigV4Error): string {
  const { scopePart, actual = "", expected = "", presigned } = error.facts;
  const lead = presigned ? "Error parsing the X-Amz-Credential parameter;" : "The authorization header is malformed;";
  if (scopePart === "region") return `${lead} the region '${actual}' is wrong; expecting '${expected}'`;
  if (scopePart === "service") return `${lead} incorrect service '${actual}'. This endpoint belongs to '${expected}'.`;
  return `${lead} Invalid credential date '${actual}'. This date is not the same as X-Amz-Date: '${expected}'.`;
}

export function sigV4ToAwsError(error: SigV4Error, protocol: WireProtocol): AwsError {
  const mapped = protocol === "query" ? query(error) : protocol === "json" ? json(error) : restXml(error);
  return mapped;
}

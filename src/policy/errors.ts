// The one error that policy parsing raises: a document IAM (or KMS, or S3) would refuse as
// MalformedPolicyDocument. The message is AWS's own wording for the reason, so the service that
// received the document can send it back unchanged.
import { FederaError } from "../shared/index.ts";
import type { PolicyKind } from "./types.ts";

export const MALFORMED_POLICY_DOCUMENT = "MALFORMED_POLICY_DOCUMENT";

export class PolicyError extends FederaError {
  readonly kind: PolicyKind;
  constructor(kind: PolicyKind, message: string) {
    super(MALFORMED_POLICY_DOCUMENT, message, { status: 400, expose: true });
    this.kind = kind;
  }
}

export function isPolicyError(value: unknown): value is PolicyError {
  return value instanceof PolicyError;
}

/** AWS's messages, in one place so tests and validators share the exact text. */
export const Messages = {
  syntax: "Syntax errors in policy.",
  invalidJsonTrust: "This policy contains invalid Json",
  legacyParsing: "The policy failed legacy parsing",
  versionTooOld: "Policy document must be version 2012-10-17 or greater.",
  duplicateSid: "Statement IDs (SID) in a single policy must be unique.",
  sidNotAlphanumeric: "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
  noActions: "Policy statement must contain actions.",
  noResources: "Policy statement must contain resources.",
  noVendor: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
  oneColon: "Actions/Condition can contain only one colon.",
  vendorInvalid: (vendor: string) => `Vendor ${vendor} is not valid`,
  shouldNotSpecifyPrincipal: "Policy document should not specify a principal.",
  prohibitedField: (field: string) => `Has prohibited field ${field}`,
  missingPrincipal: "Missing required field Principal",
  unknownField: (field: string) => `Unknown field ${field}`,
  invalidPrincipal: (type: string, value: string) => `Invalid principal in policy: "${type.toUpperCase()}":"${value}"`,
  keyInvalidPrincipals: "Policy contains a statement with one or more invalid principals.",
  resourceNotArn: (resource: string) => `Resource ${resource} must be in ARN format or "*".`,
  resourceVendor: "Resource vendor must be fully qualified and cannot contain regexes.",
  partitionInvalid: (partition: string, rest: string) => `Partition "${partition}" is not valid for resource "arn:${partition}:${rest}".`,
  iamRegion: (resource: string) => `IAM resource ${resource} cannot contain region information.`,
  s3Region: (resource: string) => `Resource ${resource} can not contain region information.`,
  iamPath: (starts: readonly string[]) => `IAM resource path must either be "*" or start with ${starts.join(", ")}.`,
} as const;

// What a failed console call tells a person: AWS's error in words, and for an AccessDenied the
// decision behind it, decoded from the message's "Encoded authorization failure message" (the
// request context, the reason, the statements that matched), as DecodeAuthorizationMessage would.
import type { AwsError } from "../../protocol/index.ts";
import type { AuthorizationMessages } from "../../iam/index.ts";

export interface MatchedStatement {
  effect: string;
  /** The statement's Sid, or "" when it has none. */
  sid: string;
  index: number;
  /** "key policy", "identity-based policy", "session policy", …: the policy's kind. */
  policyType: string;
  /** Which policy: e.g. "key policy of arn:aws:kms:…" or a role policy's name. */
  policy: string;
}

export interface Denial {
  principalArn: string;
  action: string;
  resource: string;
  /** The decision in one sentence ("implicitly denied because …"), when the message could be decoded. */
  reason?: string;
  explicitDeny: boolean;
  matched: MatchedStatement[];
  /** The encoded authorization message as AWS's error carried it. */
  encoded?: string;
  /** The error said why but not which statements (S3 names none): `matched` is not known. */
  statementsUnknown?: boolean;
}

export interface Problem {
  code: string;
  status: number;
  /** AWS's message, without the encoded authorization message. */
  message: string;
  /** The first sentence a person reads. */
  summary: string;
  denial?: Denial;
}

const ENCODED = ". Encoded authorization failure message: ";
const NOT_AUTHORIZED = /^User: (\S+) is not authorized to perform: (\S+) on resource: (?:"([^"]*)"|(\S+))(?: (with an explicit deny in .+|because no .+))?$/;

/** What each action is, in words, for "… is not allowed to <phrase>". */
const ACTION_WORDS: Readonly<Record<string, string>> = {
  __proto__: null as unknown as string,
  "kms:CreateKey": "create KMS keys",
  "kms:ListKeys": "list the account's KMS keys",
  "kms:ListAliases": "list the account's aliases",
  "cloudtrail:LookupEvents": "look up the account's events (CloudTrail's event history)",
  "kms:DescribeKey": "view this key",
  "kms:GetKeyPolicy": "read this key's policy",
  "kms:PutKeyPolicy": "change this key's policy",
  "kms:EnableKey": "enable this key",
  "kms:DisableKey": "disable this key",
  "kms:ScheduleKeyDeletion": "schedule this key's deletion",
  "kms:CancelKeyDeletion": "cancel this key's deletion",
  "kms:GetKeyRotationStatus": "read this key's rotation settings",
  "kms:EnableKeyRotation": "turn on this key's automatic rotation",
  "kms:DisableKeyRotation": "turn off this key's automatic rotation",
  "kms:RotateKeyOnDemand": "rotate this key",
  "kms:ListKeyRotations": "list this key's rotations",
  "kms:CreateAlias": "give this key an alias",
  "kms:DeleteAlias": "delete this alias",
  "kms:UpdateKeyDescription": "change this key's description",
  "kms:TagResource": "tag this key",
  "kms:UntagResource": "remove this key's tags",
  "kms:ListResourceTags": "read this key's tags",
  "kms:GenerateDataKey": "use this key to encrypt data (GenerateDataKey)",
  "kms:Decrypt": "use this key to decrypt data",
  "s3:ListAllMyBuckets": "list the account's buckets",
  "s3:CreateBucket": "create buckets",
  "s3:DeleteBucket": "delete this bucket",
  "s3:ListBucket": "list this bucket's objects",
  "s3:GetObject": "read this object",
  "s3:PutObject": "upload this object",
  "s3:DeleteObject": "delete this object",
  "s3:GetBucketPolicy": "read this bucket's policy",
  "s3:PutBucketPolicy": "change this bucket's policy",
  "s3:DeleteBucketPolicy": "delete this bucket's policy",
  "s3:GetEncryptionConfiguration": "read this bucket's default encryption",
  "s3:PutEncryptionConfiguration": "change this bucket's default encryption",
};

const CODE_WORDS: Readonly<Record<string, string>> = {
  __proto__: null as unknown as string,
  NotFoundException: "Not found.",
  KMSInvalidStateException: "The key's state does not allow this.",
  DisabledException: "The key is disabled.",
  MalformedPolicyDocumentException: "The key policy was not accepted.",
  AlreadyExistsException: "That name is already taken.",
  ValidationException: "A value was not accepted.",
  InvalidAliasNameException: "That alias name is not valid.",
  TagException: "A tag was not accepted.",
  LimitExceededException: "A limit was reached.",
  UnsupportedOperationException: "This key does not support that.",
  InvalidArnException: "That is not a valid ARN.",
  InternalFailure: "Something went wrong on our side; nothing was changed.",
  InternalError: "Something went wrong on our side; nothing was changed.",
  NoSuchBucket: "The bucket does not exist.",
  NoSuchKey: "The object does not exist.",
  BucketNotEmpty: "The bucket is not empty: delete its objects first.",
  BucketAlreadyExists: "That bucket name is taken.",
  BucketAlreadyOwnedByYou: "You already own a bucket of that name.",
  InvalidBucketName: "That is not a valid bucket name.",
  MalformedPolicy: "The bucket policy was not accepted.",
  InvalidArgument: "A value was not accepted.",
  "KMS.NotFoundException": "The KMS key was not found.",
  "KMS.DisabledException": "The KMS key is disabled.",
  "KMS.KMSInvalidStateException": "The KMS key's state does not allow this.",
  EntityTooLarge: "The file is too large.",
};

/** Reasons as S3 writes them in its messages, in words for the page. */
function s3Reason(phrase: string | undefined): string | undefined {
  if (!phrase) return undefined;
  if (phrase.startsWith("with an explicit deny in a resource-based policy")) return "a Deny statement of the bucket policy matches this request (an explicit deny), and an explicit deny wins over every allow";
  if (phrase.startsWith("with an explicit deny in")) return `${phrase.slice("with ".length)} refuses it (an explicit deny wins over every allow)`;
  return `no policy allows it: ${phrase.replace(/^because /, "")}`;
}

export function actionInWords(action: string): string {
  return ACTION_WORDS[action] ?? `perform ${action}`;
}

/** The problem of an AWS error, its authorization message decoded when there is one. */
export async function explain(error: Pick<AwsError, "code" | "message" | "status">, messages: AuthorizationMessages): Promise<Problem> {
  const at = error.message.indexOf(ENCODED);
  const message = at >= 0 ? error.message.slice(0, at) : error.message;
  const encoded = at >= 0 ? error.message.slice(at + ENCODED.length).trim() : undefined;
  if (!/AccessDenied/.test(error.code) || (error.code === "AccessDenied" && !NOT_AUTHORIZED.test(message))) {
    if (/AccessDenied/.test(error.code)) {
      // S3's words when KMS refuses it the object's data key (GetObject of an SSE-KMS object).
      if (/^The ciphertext refers to a customer master key/.test(message)) {
        return { code: error.code, status: error.status, message, summary: "Access denied: the object is encrypted with a KMS key that you are not allowed to use to decrypt data (kms:Decrypt)." };
      }
      const action = / is not authorized to perform: (\S+) /.exec(message)?.[1];
      return { code: error.code, status: error.status, message, summary: action ? `Access denied: you are not allowed to ${actionInWords(action)}.` : "Access denied." };
    }
    return { code: error.code, status: error.status, message, summary: CODE_WORDS[error.code] ?? "The request failed." };
  }
  const said = NOT_AUTHORIZED.exec(message);
  const decoded = encoded ? await messages.decode(encoded) : undefined;
  const reason = decoded?.reason ?? s3Reason(said?.[5]);
  const denial: Denial = {
    principalArn: decoded?.context.principal.arn ?? said?.[1] ?? "",
    action: decoded?.context.action ?? said?.[2] ?? "",
    resource: decoded?.context.resource ?? said?.[3] ?? said?.[4] ?? "",
    explicitDeny: decoded?.explicitDeny ?? / explicit deny /.test(message),
    matched: (decoded?.matchedStatements.items ?? []).map((m) => ({ effect: m.effect, sid: m.statementId, index: m.statementIndex, policyType: m.policyType, policy: m.policy })),
    ...(reason ? { reason } : {}),
    ...(encoded ? { encoded } : {}),
    ...(decoded ? {} : { statementsUnknown: true }),
  };
  return { code: error.code, status: error.status, message, summary: `Access denied: you are not allowed to ${actionInWords(denial.action)}.`, denial };
}

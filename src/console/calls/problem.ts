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
const NOT_AUTHORIZED = /^User: (\S+) is not authorized to perform: (\S+) on resource: (\S+)/;

/** What each action is, in words, for "… is not allowed to <phrase>". */
const ACTION_WORDS: Readonly<Record<string, string>> = {
  __proto__: null as unknown as string,
  "kms:CreateKey": "create KMS keys",
  "kms:ListKeys": "list the account's KMS keys",
  "kms:ListAliases": "list the account's aliases",
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
};

export function actionInWords(action: string): string {
  return ACTION_WORDS[action] ?? `perform ${action}`;
}

/** The problem of an AWS error, its authorization message decoded when there is one. */
export async function explain(error: Pick<AwsError, "code" | "message" | "status">, messages: AuthorizationMessages): Promise<Problem> {
  const at = error.message.indexOf(ENCODED);
  const message = at >= 0 ? error.message.slice(0, at) : error.message;
  const encoded = at >= 0 ? error.message.slice(at + ENCODED.length).trim() : undefined;
  if (!/AccessDenied/.test(error.code)) {
    return { code: error.code, status: error.status, message, summary: CODE_WORDS[error.code] ?? "The request failed." };
  }
  const said = NOT_AUTHORIZED.exec(message);
  const decoded = encoded ? await messages.decode(encoded) : undefined;
  const denial: Denial = {
    principalArn: decoded?.context.principal.arn ?? said?.[1] ?? "",
    action: decoded?.context.action ?? said?.[2] ?? "",
    resource: decoded?.context.resource ?? said?.[3] ?? "",
    explicitDeny: decoded?.explicitDeny ?? / explicit deny /.test(message),
    matched: (decoded?.matchedStatements.items ?? []).map((m) => ({ effect: m.effect, sid: m.statementId, index: m.statementIndex, policyType: m.policyType, policy: m.policy })),
    ...(decoded ? { reason: decoded.reason } : {}),
    ...(encoded ? { encoded } : {}),
  };
  return { code: error.code, status: error.status, message, summary: `Access denied: you are not allowed to ${actionInWords(denial.action)}.`, denial };
}

// The IAM policy language as documents are written (the JSON grammar of AWS's "IAM JSON policy
// reference"), and the kinds of policy that federa validates. Everything here is plain data:
// `parsePolicy` turns a document into a compiled `Policy` (compile.ts) that evaluation reads.

/** Where a policy is attached decides which elements it may or must have. */
export type PolicyKind =
  /** identity-based: user/role/group inline policies, managed policies, permissions boundaries */
  | "identity"
  /** resource-based policies such as S3 bucket policies */
  | "resource"
  /** a role's trust policy (AssumeRolePolicyDocument) */
  | "trust"
  /** a session policy passed to AssumeRole* (Policy / PolicyArns) */
  | "session"
  /** a KMS key policy */
  | "key";

/** The two versions of the policy language; variables exist only in 2012-10-17. */
export type PolicyVersion = "2008-10-17" | "2012-10-17";

export type Effect = "Allow" | "Deny";

/** A value that may be written as one string or a list of strings. */
export type OneOrMany<T> = T | T[];

/** `"*"` or a map of principal types; each type holds one identifier or a list. */
export type PrincipalElement =
  | "*"
  | {
      AWS?: OneOrMany<string>;
      Federated?: OneOrMany<string>;
      Service?: OneOrMany<string>;
      CanonicalUser?: OneOrMany<string>;
    };

/** A condition value as written: strings, numbers and booleans are all compared as text. */
export type ConditionValue = string | number | boolean;

/** `{ "<operator>": { "<condition key>": value | [values] } }` */
export type ConditionElement = Record<string, Record<string, OneOrMany<ConditionValue>>>;

export interface PolicyStatement {
  Sid?: string;
  Effect: Effect;
  Principal?: PrincipalElement;
  NotPrincipal?: PrincipalElement;
  Action?: OneOrMany<string>;
  NotAction?: OneOrMany<string>;
  Resource?: OneOrMany<string>;
  NotResource?: OneOrMany<string>;
  Condition?: ConditionElement;
}

export interface PolicyDocument {
  Version?: PolicyVersion;
  Id?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

/** The kinds of principal that make requests. */
export type PrincipalType = "root" | "user" | "assumed-role" | "federated" | "service" | "anonymous";

/** A value in the request context: multivalued keys are arrays. */
export type ContextValue = string | boolean | number | readonly string[];

/** The caller, as authentication established it. */
export interface RequestPrincipal {
  type: PrincipalType;
  /**
   * root: `arn:aws:iam::<acct>:root`; user: the user's ARN; assumed-role: the session ARN
   * (`arn:aws:sts::<acct>:assumed-role/<role>/<session>`); federated: the identity provider's ARN
   * (a SAML or OIDC provider) or its name; service: the service principal
   * (`s3.amazonaws.com`); anonymous: anything (it is never compared).
   */
  arn: string;
  /** The caller's account; absent for services and anonymous callers. */
  accountId?: string;
  /** assumed-role: the role's ARN, path included (`arn:aws:iam::<acct>:role/<path><name>`). */
  roleArn?: string;
  /** aws:userid: `AIDA…` for users, `AROA…:<session>` for role sessions, the account id for root. */
  userId?: string;
  /** aws:username, for IAM users only. */
  username?: string;
  /** The S3 canonical user id, when a policy may name it. */
  canonicalUserId?: string;
}

export interface RequestContext {
  principal: RequestPrincipal;
  /** `service:Action`, e.g. `kms:Encrypt`; matched case-insensitively. */
  action: string;
  /** The resource's ARN (`*` for actions without a resource). */
  resource: string;
  /**
   * The account that owns the resource. Defaults to the account field of `resource`, and to the
   * caller's account when the ARN has none (S3 bucket ARNs).
   */
  resourceAccount?: string;
  /**
   * Condition keys, looked up case-insensitively. `aws:PrincipalArn`, `aws:PrincipalAccount`,
   * `aws:PrincipalType`, `aws:userid` and `aws:username` are derived from `principal` when absent.
   */
  context?: Readonly<Record<string, ContextValue>>;
  /**
   * Keys worked out only when a condition asks for one (by lower-cased name; undefined: absent):
   * for keys that few policies test, since every key in `context` costs every evaluation.
   */
  derived?: (lowerKey: string) => ContextValue | undefined;
}

// Who is calling, as IAM's authorization needs to know it. STS's credential lookup answers with a
// richer record; this is the structural subset that src/iam reads (src/iam may not import sts), so
// any caller record that has these fields will do.
import type { RequestPrincipal } from "../policy/index.ts";

/** What a role session carries that authorization reads (STS's SessionClaims has all of it). */
export interface IamSessionClaims {
  /** The assumed role's ARN, path included. */
  roleArn: string;
  /** The inline session policy passed to AssumeRole*, as JSON text. */
  sessionPolicy?: string;
  /** Managed policies passed as session policies (PolicyArns). */
  sessionPolicyArns?: string[];
  /** Session tags: aws:PrincipalTag/<key>. */
  tags?: Record<string, string>;
  sourceIdentity?: string;
  /** When the session was made, milliseconds since the epoch: aws:TokenIssueTime. */
  issuedAt?: number;
  /** A SAML session's provider: aws:FederatedProvider. */
  federation?: { provider: string };
}

export interface IamCaller {
  accountId: string;
  /** The caller's ARN as GetCallerIdentity reports it (a session's is its assumed-role ARN). */
  arn: string;
  /** aws:userid. */
  userId?: string;
  principal: RequestPrincipal;
  /** Present for role sessions. */
  session?: IamSessionClaims;
  /** The IAM user's name, for IAM users. */
  userName?: string;
}

// What the console's pages need, built by the composition root.
import type { Clock, Logger } from "../shared/index.ts";
import type { AuthorizationMessages, IamService } from "../iam/index.ts";
import type { AssumeRoleWithSamlDeps, Caller, SessionTokens } from "../sts/index.ts";
import type { KmsDeps } from "../kms/index.ts";
import type { S3Service } from "../s3/index.ts";
import type { ApiCallRecord } from "../protocol/index.ts";
import type { CloudTrailEvent } from "../audit/index.ts";
import type { AuditFilter } from "../store/index.ts";

/** The audit trail as the console uses it: it records the console's calls and reads the account's events. */
export interface ConsoleTrail {
  /** The same hook the AWS API reports to (createAuditTrail's onCall). */
  onCall(call: ApiCallRecord<Caller>): void;
  /** Stored events, newest first, once every pending write is done. */
  list(filter?: AuditFilter): Promise<CloudTrailEvent[]>;
}

export interface ConsoleContext {
  clock: Clock;
  logger: Logger;
  iam: IamService;
  tokens: SessionTokens;
  /** STS's dependencies, for the in-process AssumeRoleWithSAML of a browser sign-in. */
  sts: AssumeRoleWithSamlDeps;
  secureCookies: boolean;
  /** The service key: the console's CSRF tokens are keyed with a key derived from it. */
  serviceKey: Buffer;
  /** The Region the console works in (the configured default Region). */
  region: string;
  /** The KMS engine: the console runs its operations in-process, as the session's caller. */
  kms: KmsDeps;
  /** S3, in-process, as the session's caller (the same operations and authorization as the API). */
  s3: S3Service["invoke"];
  /** Opens the encoded authorization message of an AccessDenied, to say why in the page. */
  messages: AuthorizationMessages;
  trail: ConsoleTrail;
}

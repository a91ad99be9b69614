// What the console's pages need, built by the composition root.
import type { Clock, Logger } from "../shared/index.ts";
import type { IamService } from "../iam/index.ts";
import type { AssumeRoleWithSamlDeps, SessionTokens } from "../sts/index.ts";

export interface ConsoleContext {
  clock: Clock;
  logger: Logger;
  iam: IamService;
  tokens: SessionTokens;
  /** STS's dependencies, for the in-process AssumeRoleWithSAML of a browser sign-in. */
  sts: AssumeRoleWithSamlDeps;
  secureCookies: boolean;
}

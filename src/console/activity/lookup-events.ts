// Reading the account's trail is CloudTrail's LookupEvents, and AWS's console shows its event
// history only to a caller allowed cloudtrail:LookupEvents: the activity page asks the same,
// through the AWS APIs' authorizer (the role's identity policies and any session policy), and the
// check is recorded in the trail as the console's other calls are. A refusal is an
// AccessDeniedException in AWS's words with the encoded authorization message, which the page
// decodes to say why.
import { randomUuid } from "../../crypto/index.ts";
import { accessDeniedMessage } from "../../iam/index.ts";
import type { ApiCallRecord } from "../../protocol/index.ts";
import type { Caller } from "../../sts/index.ts";
import { CONSOLE_USER_AGENT } from "../calls/kms-call.ts";
import { explain, type Problem } from "../calls/problem.ts";
import type { ConsoleContext } from "../context.ts";
import type { SignedIn } from "../signed-in.ts";

export const LOOKUP_EVENTS = "cloudtrail:LookupEvents";

/** undefined when the signed-in caller may look up the account's events; the refusal otherwise. */
export async function authorizeLookupEvents(ctx: ConsoleContext, who: SignedIn): Promise<Problem | undefined> {
  const now = ctx.clock.now();
  const decision = await ctx.kms.authorize(who.caller, LOOKUP_EVENTS, "*", {}, undefined, { now });
  const record: ApiCallRecord<Caller> = {
    service: "cloudtrail",
    operation: "LookupEvents",
    caller: who.caller,
    requestId: randomUuid(),
    time: now,
    region: ctx.region,
    sourceIp: who.sourceIp,
    userAgent: CONSOLE_USER_AGENT,
    secureTransport: who.secureTransport,
    trail: { requestParameters: null, readOnly: true },
  };
  let problem: Problem | undefined;
  if (decision.effect !== "Allow") {
    const encoded = await ctx.messages.encode(decision, { principal: { id: who.caller.userId, arn: who.caller.arn }, action: LOOKUP_EVENTS, resource: "*", conditions: {} });
    const error = { code: "AccessDeniedException", message: `${accessDeniedMessage(who.caller, LOOKUP_EVENTS, "*", decision)}. Encoded authorization failure message: ${encoded}`, status: 400 };
    record.error = error;
    problem = await explain(error, ctx.messages);
  }
  try {
    ctx.trail.onCall(record);
  } catch (error) {
    ctx.logger.error({ event: "console.trail_failed", operation: "LookupEvents", errorName: (error as Error)?.name }, "the console's call was not recorded");
  }
  return problem;
}

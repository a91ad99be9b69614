// Reading the account's trail is CloudTrail's LookupEvents, and AWS's console shows its event
// history only to a caller allowed cloudtrail:LookupEvents: the activity page asks the same,
// through the AWS APIs' authorizer (the role's identity policies and any session policy), and the
// check is recorded in the trail as the console's other calls are. A refusal is an
// AccessDeniedException in AWS's words with the encoded authorization message, which the page
// decodes to say why.
import { randomUuid } from "../../crypto/index.ts";
import { deniedWithEncodedMessage } from "../../iam/index.ts";
import { explain, type Problem } from "../calls/problem.ts";
import { reportConsoleCall } from "../calls/report.ts";
import type { ConsoleContext } from "../context.ts";
import type { SignedIn } from "../signed-in.ts";

export const LOOKUP_EVENTS = "cloudtrail:LookupEvents";

/** undefined when the signed-in caller may look up the account's events; the refusal otherwise. */
export async function authorizeLookupEvents(ctx: ConsoleContext, who: SignedIn): Promise<Problem | undefined> {
  const now = ctx.clock.now();
  const context = { "aws:SecureTransport": who.secureTransport, "aws:SourceIp": who.sourceIp, "aws:RequestedRegion": ctx.region };
  const decision = await ctx.kms.authorize(who.caller, LOOKUP_EVENTS, "*", context, undefined, { now });
  const error =
    decision.effect === "Allow"
      ? undefined
      : { code: "AccessDeniedException", message: await deniedWithEncodedMessage(ctx.messages, who.caller, { action: LOOKUP_EVENTS, resource: "*", context, now }, decision), status: 400 };
  reportConsoleCall(ctx, who, { service: "cloudtrail", operation: "LookupEvents", requestId: randomUuid(), time: now, trail: { requestParameters: null, readOnly: true }, ...(error ? { error } : {}) });
  return error ? explain(error, ctx.messages) : undefined;
}

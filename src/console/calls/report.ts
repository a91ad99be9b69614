// A call the console made for the signed-in person, reported to the audit trail as an API call is
// (user agent federa-console); a failing report is logged, never the call's failure.
import type { ApiCallRecord, OperationTrail } from "../../protocol/index.ts";
import type { Caller } from "../../sts/index.ts";
import type { ConsoleContext } from "../context.ts";
import type { SignedIn } from "../signed-in.ts";

/** The trail's userAgent for calls the console makes (AWS writes "AWS Internal" for its console's). */
export const CONSOLE_USER_AGENT = "federa-console";

export interface ConsoleCall {
  service: string;
  operation: string;
  requestId: string;
  time: Date;
  trail: OperationTrail;
  error?: { code: string; message: string; status: number };
}

export function reportConsoleCall(ctx: ConsoleContext, who: SignedIn, call: ConsoleCall): void {
  const record: ApiCallRecord<Caller> = {
    service: call.service,
    operation: call.operation,
    caller: who.caller,
    requestId: call.requestId,
    time: call.time,
    region: ctx.region,
    sourceIp: who.sourceIp,
    userAgent: CONSOLE_USER_AGENT,
    secureTransport: who.secureTransport,
    trail: call.trail,
  };
  if (call.error) record.error = call.error;
  try {
    ctx.trail.onCall(record);
  } catch (error) {
    ctx.logger.error({ event: "console.trail_failed", operation: call.operation, errorName: (error as Error)?.name }, "the console's call was not recorded");
  }
}

// One KMS call made for the signed-in person: run in-process as the session's caller (the same
// operation, authorization and errors as the AWS API), recorded in the audit trail as an API call
// is, and answered as an outcome: the output, or the problem in words.
import { randomUuid } from "../../crypto/index.ts";
import { invokeKms } from "../../kms/index.ts";
import type { ApiCallRecord, JsonObject } from "../../protocol/index.ts";
import type { Caller } from "../../sts/index.ts";
import type { ConsoleContext } from "../context.ts";
import type { SignedIn } from "../signed-in.ts";
import { explain, type Problem } from "./problem.ts";

/** The trail's userAgent for calls the console makes (AWS writes "AWS Internal" for its console's). */
export const CONSOLE_USER_AGENT = "federa-console";

export type Outcome<T> = { ok: true; output: T } | { ok: false; problem: Problem };

export async function callKms<T>(ctx: ConsoleContext, who: SignedIn, operation: string, params: JsonObject = {}): Promise<Outcome<T>> {
  const now = ctx.clock.now();
  const requestId = randomUuid();
  const base = { now, region: ctx.region, sourceIp: who.sourceIp, secureTransport: who.secureTransport, requestId };
  const result = await invokeKms(ctx.kms, operation, { ...base, caller: who.caller, params, headers: {} });
  const record: ApiCallRecord<Caller> = {
    service: "kms",
    operation,
    caller: who.caller,
    requestId,
    time: now,
    region: ctx.region,
    sourceIp: who.sourceIp,
    userAgent: CONSOLE_USER_AGENT,
    secureTransport: who.secureTransport,
    trail: result.trail,
  };
  if (!result.ok) record.error = { code: result.error.code, message: result.error.message, status: result.error.status };
  try {
    ctx.trail.onCall(record);
  } catch (error) {
    ctx.logger.error({ event: "console.trail_failed", operation, errorName: (error as Error)?.name }, "the console's call was not recorded");
  }
  if (result.ok) return { ok: true, output: result.output as T };
  if (result.internal) ctx.logger.error({ event: "console.kms_failed", operation, requestId }, "unexpected failure in a KMS operation called by the console");
  return { ok: false, problem: await explain(result.error, ctx.messages) };
}

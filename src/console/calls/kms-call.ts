// One KMS call made for the signed-in person: run in-process as the session's caller (the same
// operation, authorization and errors as the AWS API), recorded in the audit trail as an API call
// is, and answered as an outcome: the output, or the problem in words.
import { randomUuid } from "../../crypto/index.ts";
import { invokeKms } from "../../kms/index.ts";
import type { JsonObject } from "../../protocol/index.ts";
import type { ConsoleContext } from "../context.ts";
import type { SignedIn } from "../signed-in.ts";
import { explain, type Problem } from "./problem.ts";
import { reportConsoleCall } from "./report.ts";

export type Outcome<T> = { ok: true; output: T } | { ok: false; problem: Problem };

export async function callKms<T>(ctx: ConsoleContext, who: SignedIn, operation: string, params: JsonObject = {}): Promise<Outcome<T>> {
  const now = ctx.clock.now();
  const requestId = randomUuid();
  const base = { now, region: ctx.region, sourceIp: who.sourceIp, secureTransport: who.secureTransport, requestId };
  const result = await invokeKms(ctx.kms, operation, { ...base, caller: who.caller, params, headers: {} });
  const error = result.ok ? undefined : { code: result.error.code, message: result.error.message, status: result.error.status };
  reportConsoleCall(ctx, who, { service: "kms", operation, requestId, time: now, trail: result.trail, ...(error ? { error } : {}) });
  if (result.ok) return { ok: true, output: result.output as T };
  if (result.internal) ctx.logger.error({ event: "console.kms_failed", operation, requestId }, "unexpected failure in a KMS operation called by the console");
  return { ok: false, problem: await explain(result.error, ctx.messages) };
}

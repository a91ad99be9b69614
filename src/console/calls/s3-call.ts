// One S3 request made for the signed-in person: run in-process as the session's caller (the same
// operations, bucket policies, IAM policies and KMS calls as the API; S3 reports it to the audit
// trail itself), and answered as an outcome: S3's response, or the problem in words.
import { randomHex } from "../../crypto/index.ts";
import type { S3Invocation, S3Response } from "../../s3/index.ts";
import type { ConsoleContext } from "../context.ts";
import type { SignedIn } from "../signed-in.ts";
import type { Outcome } from "./kms-call.ts";
import { CONSOLE_USER_AGENT } from "./report.ts";
import { explain } from "./problem.ts";

export type S3Request = Pick<S3Invocation, "method" | "bucket" | "key" | "query" | "headers" | "body" | "signal">;

export async function callS3(ctx: ConsoleContext, who: SignedIn, request: S3Request): Promise<Outcome<S3Response>> {
  const outcome = await ctx.s3({
    ...request,
    caller: who.caller,
    now: ctx.clock.now(),
    region: ctx.region,
    sourceIp: who.sourceIp,
    secureTransport: who.secureTransport,
    requestId: randomHex(8).toUpperCase(),
    userAgent: CONSOLE_USER_AGENT,
  });
  if (outcome.ok) return { ok: true, output: outcome.response };
  return { ok: false, problem: await explain(outcome.error, ctx.messages) };
}

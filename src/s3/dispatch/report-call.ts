// Hands an S3 call to the audit trail's hook; a hook that fails is logged, never the request's problem.
import type { S3Deps } from "../context.ts";
import { s3CallRecord, type S3CallFacts } from "./report.ts";

export function reportS3Call(deps: S3Deps, facts: S3CallFacts): void {
  if (!deps.onCall) return;
  try {
    deps.onCall(s3CallRecord(facts));
  } catch (error) {
    deps.logger.error({ event: "s3.trail_failed", operation: facts.progress.operation, errorName: (error as Error)?.name }, "an S3 call was not recorded");
  }
}

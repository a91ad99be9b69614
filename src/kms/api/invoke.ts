// Runs one KMS operation in-process, for a caller established by something other than SigV4 (the
// console's session): the very operation the API runs, with the same authorization and the same
// errors, and the facts the audit trail records of it, exactly as kmsService declares them. Unlike
// the API, it answers with an outcome rather than throwing, so the caller can record the call
// whatever happened.
import { toAwsError, type AwsError, type OperationTrail } from "../../protocol/index.ts";
import type { KmsContext, KmsDeps } from "../engine/context.ts";
import { KMS_OPERATIONS } from "./operations.ts";
import { kmsTrailFacts } from "./trail-facts.ts";

/** The request context without what only a SigV4 request has (the signature, Query's flat parameters). */
export type KmsInvokeContext = Omit<KmsContext, "service" | "operation" | "flatParams" | "signature">;

export type KmsInvocation =
  | { ok: true; output: unknown; trail: OperationTrail }
  /** `internal`: the failure was not one of KMS's errors (a bug); `error` is then AWS's generic InternalFailure. */
  | { ok: false; error: AwsError; internal: boolean; trail: OperationTrail };

export async function invokeKms(deps: KmsDeps, operationName: string, ctx: KmsInvokeContext): Promise<KmsInvocation> {
  const operation = Object.hasOwn(KMS_OPERATIONS, operationName) ? KMS_OPERATIONS[operationName] : undefined;
  if (!operation) throw new TypeError(`no KMS operation named ${operationName}`);
  const full: KmsContext = { ...ctx, service: "kms", operation: operationName, flatParams: new Map(), signature: undefined };
  const trailOf = (output: unknown): OperationTrail => {
    // As kmsService declares it.
    try {
      return kmsTrailFacts(operation, ctx.params, output, { region: ctx.region, accountId: ctx.caller.accountId });
    } catch {
      // Facts that cannot be had must not turn the call's outcome into a failure (report-call.ts does the same).
      return { readOnly: operation.readOnly };
    }
  };
  try {
    const output = await operation.run(deps, full);
    return { ok: true, output, trail: trailOf(output) };
  } catch (thrown) {
    const { error, internal } = toAwsError(thrown, "json");
    return { ok: false, error, internal, trail: trailOf(undefined) };
  }
}

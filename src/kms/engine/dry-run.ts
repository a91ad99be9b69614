// DryRun: a request that would have succeeded answers DryRunOperationException (HTTP 412) instead,
// after every check (input, authorization, key state, usage, algorithm) and before any
// cryptography. A request that would fail still fails with its own error.
import { AwsError, type JsonObject } from "../../protocol/index.ts";
import { optionalBoolean } from "../api/params.ts";

export function readDryRun(params: JsonObject): boolean {
  return optionalBoolean(params, "DryRun") ?? false;
}

/** Throws DryRunOperationException when the request asked for a dry run. */
export function stopIfDryRun(dryRun: boolean): void {
  if (dryRun) throw new AwsError("DryRunOperationException", "The request would have succeeded, but the DryRun option is set.", { status: 412 });
}

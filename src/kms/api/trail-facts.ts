// What CloudTrail records of a KMS call, for the API (kmsService) and the console (invokeKms)
// alike: the operation's own facts, its readOnly flag, and never a secret. An operation that
// declares no facts is recorded by the key it names.
import type { JsonObject, OperationTrail } from "../../protocol/index.ts";
import type { KmsOperation } from "../operations/operation.ts";

export function kmsTrailFacts(operation: KmsOperation, params: JsonObject, output: unknown): OperationTrail {
  const facts = operation.trail ? operation.trail(params, output) : { requestParameters: params["KeyId"] !== undefined ? { keyId: params["KeyId"] } : null };
  return { readOnly: operation.readOnly, requestParameters: null, ...facts };
}

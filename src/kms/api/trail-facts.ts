// What CloudTrail records of a KMS call, for the API (kmsService) and the console (invokeKms)
// alike: the operation's own facts, its readOnly flag, and never a secret. An operation that
// declares no facts is recorded by the key it names. A call that failed names the key its KeyId
// names (a key id or key ARN; an alias is not looked up), as CloudTrail keeps the resources of
// refused calls.
import type { JsonObject, OperationTrail, TrailWhere } from "../../protocol/index.ts";
import { KEY_ID, keyArn, parseKmsArn } from "../model/arn.ts";
import { keyResource, type KmsOperation } from "../operations/operation.ts";

export function kmsTrailFacts(operation: KmsOperation, params: JsonObject, output: unknown, where: TrailWhere): OperationTrail {
  const facts = operation.trail ? operation.trail(params, output) : { requestParameters: params["KeyId"] !== undefined ? { keyId: params["KeyId"] } : null };
  const trail: OperationTrail = { readOnly: operation.readOnly, requestParameters: null, ...facts };
  if (output === undefined && !trail.resources?.length) {
    const named = namedKeyArn(params["KeyId"], where);
    if (named) trail.resources = keyResource(named);
  }
  return trail;
}

function namedKeyArn(keyId: unknown, where: TrailWhere): string | undefined {
  if (typeof keyId !== "string") return undefined;
  if (KEY_ID.test(keyId)) return where.accountId === undefined ? undefined : keyArn(where.region, where.accountId, keyId);
  const arn = keyId.startsWith("arn:") ? parseKmsArn(keyId) : undefined;
  return arn?.type === "key" && KEY_ID.test(arn.name) ? keyId : undefined;
}

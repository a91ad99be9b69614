// KMS on the wire: AWS JSON 1.1, X-Amz-Target "TrentService.<Operation>", every operation signed.
import type { JsonOperation, JsonServiceDefinition } from "../../protocol/index.ts";
import type { Caller } from "../../sts/index.ts";
import type { KmsDeps } from "../engine/context.ts";
import { KMS_OPERATIONS } from "./operations.ts";

export function kmsService(deps: KmsDeps): JsonServiceDefinition<Caller> {
  const operations: Record<string, JsonOperation<Caller>> = {};
  for (const [name, operation] of Object.entries(KMS_OPERATIONS)) {
    const trail = operation.trail;
    operations[name] = {
      handler: (ctx) => operation.run(deps, ctx),
      // CloudTrail: the operation's own facts, its readOnly flag, and never a secret.
      trail: (params, output) => ({ readOnly: operation.readOnly, requestParameters: null, ...(trail ? trail(params, output) : { requestParameters: params["KeyId"] !== undefined ? { keyId: params["KeyId"] } : null }) }),
    };
  }
  return { service: "kms", protocol: "json", targetPrefix: "TrentService", operations };
}

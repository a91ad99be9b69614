// KMS on the wire: AWS JSON 1.1, X-Amz-Target "TrentService.<Operation>", every operation signed.
import type { JsonOperation, JsonServiceDefinition } from "../../protocol/index.ts";
import type { Caller } from "../../sts/index.ts";
import type { KmsDeps } from "../engine/context.ts";
import { KMS_OPERATIONS } from "./operations.ts";
import { kmsTrailFacts } from "./trail-facts.ts";

export function kmsService(deps: KmsDeps): JsonServiceDefinition<Caller> {
  const operations: Record<string, JsonOperation<Caller>> = {};
  for (const [name, operation] of Object.entries(KMS_OPERATIONS)) {
    operations[name] = {
      handler: (ctx) => operation.run(deps, ctx),
      trail: (params, output, where) => kmsTrailFacts(operation, params, output, where),
    };
  }
  return { service: "kms", protocol: "json", targetPrefix: "TrentService", operations };
}

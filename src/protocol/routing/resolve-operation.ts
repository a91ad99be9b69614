// Finds the operation a request names: the Query Action (with the service's Version) or the
// X-Amz-Target operation. An unknown one is answered as AWS does: InvalidAction "Could not find
// operation X for version V" (Query), UnknownOperationException (JSON).
import { AwsError } from "../errors/aws-error.ts";
import { splitTarget } from "../json/codec.ts";
import { operationOf } from "./registry.ts";
import type { JsonOperation, JsonServiceDefinition, QueryOperation, QueryServiceDefinition } from "./types.ts";

export type Resolved<O> = { name: string; operation: O } | { name: string; operation: undefined; error: AwsError };

export function resolveQueryOperation<C>(service: QueryServiceDefinition<C>, flat: ReadonlyMap<string, string>): Resolved<QueryOperation<C>> {
  const action = flat.get("Action");
  if (action === undefined || action === "") {
    return { name: "", operation: undefined, error: new AwsError("MissingAction", "Missing Action") };
  }
  const version = flat.get("Version");
  const operation = version === service.version ? operationOf(service, action) : undefined;
  if (operation) return { name: action, operation: operation as QueryOperation<C> };
  return {
    name: action,
    operation: undefined,
    error: new AwsError("InvalidAction", `Could not find operation ${action} for version ${version === undefined || version === "" ? "NO_VERSION_SPECIFIED" : version}`),
  };
}

export function resolveJsonOperation<C>(service: JsonServiceDefinition<C>, target: string | undefined): Resolved<JsonOperation<C>> {
  const split = splitTarget(target);
  const operation = split && split.prefix === service.targetPrefix ? operationOf(service, split.operation) : undefined;
  if (split && operation) return { name: split.operation, operation: operation as JsonOperation<C> };
  return { name: split?.operation ?? "", operation: undefined, error: new AwsError("UnknownOperationException", "") };
}

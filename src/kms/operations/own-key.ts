// Shared by the rotation and import operations: the key a request's KeyId names (a key id or key
// ARN, never an alias, as these operations take it), in the caller's own account when the
// operation has no cross-account use; and what their trail records of it.
import { readKeyId } from "../api/key-input.ts";
import { kmsError } from "../errors.ts";
import type { KmsContext, KmsDeps } from "../engine/context.ts";
import { resolveKey } from "../engine/resolve.ts";
import type { KmsKey } from "../model/types.ts";
import { keyResource, type TrailFacts } from "./operation.ts";

/** The key of the request's KeyId; with `crossAccount` false, another account's key is not found. */
export async function requestKey(deps: KmsDeps, ctx: KmsContext, crossAccount: boolean): Promise<KmsKey> {
  const { key } = await resolveKey(deps, ctx, readKeyId(ctx.params), { allowAlias: false, crossAccount });
  if (!crossAccount && key.accountId !== ctx.caller.accountId) throw kmsError("NotFoundException", `Key '${key.arn}' does not exist`);
  return key;
}

const KEY_ARN = Symbol("federa.kms.trailKeyArn");

/** The output, carrying the key's ARN for the trail (a symbol key: never serialised). */
export function withKeyArn<T extends object>(output: T, arn: string): T {
  Object.defineProperty(output, KEY_ARN, { value: arn, enumerable: false });
  return output;
}

function keyArnOf(output: unknown): string | undefined {
  if (typeof output !== "object" || output === null) return undefined;
  const arn = (output as Record<symbol, unknown>)[KEY_ARN];
  return typeof arn === "string" ? arn : undefined;
}

/** A trail entry: the named request parameters (camelCase, as CloudTrail writes them), the key as resource. */
export function keyTrail(params: Readonly<Record<string, unknown>>, output: unknown, names: readonly string[], responseElements: Record<string, unknown> | null = null): TrailFacts {
  const requestParameters: Record<string, unknown> = {};
  for (const name of names) {
    if (params[name] !== undefined && params[name] !== null) requestParameters[name.charAt(0).toLowerCase() + name.slice(1)] = params[name];
  }
  const arn = keyArnOf(output) ?? (typeof params["KeyId"] === "string" ? params["KeyId"] : undefined);
  const resources = keyResource(arn);
  return { requestParameters, responseElements, ...(resources ? { resources } : {}) };
}

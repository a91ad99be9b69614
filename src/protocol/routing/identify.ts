// Which registered service a request is for, from what is known before the body is read: the
// SigV4 credential scope's service (Authorization header or X-Amz-Credential), else the
// X-Amz-Target prefix. Query requests without a signature are matched later by their Action.
import type { CredentialRecord } from "../sigv4/types.ts";
import type { HeaderBag } from "../sigv4/canonical-headers.ts";
import { decodeQueryComponent, type RawPair } from "../sigv4/query-pairs.ts";
import { splitTarget as splitJsonTarget } from "../json/codec.ts";
import type { ServiceRegistry } from "./registry.ts";
import type { ServiceDefinition } from "./types.ts";

const HEADER_SCOPE_SERVICE = /Credential=[^/,\s]+\/\d{8}\/[^/,\s]+\/([^/,\s]+)\//;
const QUERY_SCOPE_SERVICE = /^[^/]+\/\d{8}\/[^/]+\/([^/]+)\//;

/** The service named by the credential scope, if the request carries one. */
export function scopeService(headers: HeaderBag, queryPairs: readonly RawPair[]): string | undefined {
  const authorization = headers["authorization"];
  if (typeof authorization === "string") return HEADER_SCOPE_SERVICE.exec(authorization)?.[1];
  const credential = queryPairs.find((pair) => pair.name === "X-Amz-Credential");
  if (credential) return QUERY_SCOPE_SERVICE.exec(decodeQueryComponent(credential.value))?.[1];
  return undefined;
}

export function identifyService<C extends CredentialRecord>(
  registry: ServiceRegistry<C>,
  headers: HeaderBag,
  queryPairs: readonly RawPair[],
): ServiceDefinition<C> | undefined {
  const signed = scopeService(headers, queryPairs);
  const bySignature = signed === undefined ? undefined : registry.bySigningName(signed);
  if (bySignature) return bySignature;
  const target = headers["x-amz-target"];
  const split = typeof target === "string" ? splitJsonTarget(target) : undefined;
  return split ? registry.byTargetPrefix(split.prefix) : undefined;
}

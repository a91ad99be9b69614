// Compiled policies, cached by their kind and document text: the documents that authorization
// reads (inline, managed and session policies) are parsed once, not on every request. Bounded:
// the oldest entry goes when the cache is full. A cached policy is relabelled per use (cheap).
import { parsePolicy, withLabel, type Policy, type PolicyKind } from "../policy/index.ts";

export const POLICY_CACHE_LIMIT = 1024;

export interface PolicyCache {
  /** The compiled policy of a document (a PolicyError when it is malformed), named `label`. */
  get(document: string, kind: PolicyKind, label: string): Policy;
  readonly size: number;
}

export function createPolicyCache(limit = POLICY_CACHE_LIMIT): PolicyCache {
  const cache = new Map<string, Policy>();
  return {
    get(document, kind, label) {
      const key = `${kind}\n${document}`;
      let policy = cache.get(key);
      if (policy) {
        // Recently used entries move to the end, so the first is the least recently used.
        cache.delete(key);
        cache.set(key, policy);
      } else {
        policy = parsePolicy(document, kind, { label });
        if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
        cache.set(key, policy);
      }
      return policy.label === label ? policy : withLabel(policy, label);
    },
    get size() {
      return cache.size;
    },
  };
}

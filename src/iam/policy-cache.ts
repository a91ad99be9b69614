// Compiled policies, cached by their kind and document text: the documents that authorization
// reads (inline, managed and session policies) are parsed once, not on every request. Bounded:
// the least recently used entry goes when the cache is full. A cached policy is relabelled per use
// (cheap).
import { parsePolicy, withLabel, type Policy, type PolicyKind } from "../policy/index.ts";

export const POLICY_CACHE_LIMIT = 1024;

export interface PolicyCache {
  /** The compiled policy of a document (a PolicyError when it is malformed), named `label`. */
  get(document: string, kind: PolicyKind, label: string): Policy;
  readonly size: number;
}

interface Entry {
  policy: Policy;
  /** When it was last used: the smallest goes first. */
  used: number;
}

export function createPolicyCache(limit = POLICY_CACHE_LIMIT): PolicyCache {
  // One map per kind, keyed by the document itself: a lookup hashes the document string once (a
  // string keeps its hash, and key documents come from a cache of their own) rather than a new
  // "kind + document" string per request. Each map is in order of use.
  const byKind = new Map<PolicyKind, Map<string, Entry>>();
  let size = 0;
  let clock = 0;

  /** Drops the least recently used entry of all kinds: the first of one of the maps. */
  function evict(): void {
    let oldest: { map: Map<string, Entry>; document: string; used: number } | undefined;
    for (const map of byKind.values()) {
      const first = map.entries().next();
      if (!first.done && (!oldest || first.value[1].used < oldest.used)) oldest = { map, document: first.value[0], used: first.value[1].used };
    }
    if (oldest) {
      oldest.map.delete(oldest.document);
      size--;
    }
  }

  return {
    get(document, kind, label) {
      let map = byKind.get(kind);
      if (!map) byKind.set(kind, (map = new Map()));
      let entry = map.get(document);
      if (entry) {
        // Recently used entries move to the end, so each map's first is its least recently used.
        map.delete(document);
      } else {
        entry = { policy: parsePolicy(document, kind, { label }), used: 0 };
        if (size >= limit) evict();
        size++;
      }
      entry.used = ++clock;
      map.set(document, entry);
      const policy = entry.policy;
      return policy.label === label ? policy : withLabel(policy, label);
    },
    get size() {
      return size;
    },
  };
}

// In-process caches of what every cryptographic call reads: unwrapped backing keys (bounded, least
// recently used first out), a key's grants and a key's aliases. Every change to grants or aliases
// of a key goes through the engine, which forgets that key's entries.
import type { KmsGrantRow, KmsAliasRow } from "../../store/index.ts";

class Lru<V> {
  readonly #map = new Map<string, V>();
  constructor(readonly limit: number) {}
  get(key: string): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.#map.delete(key);
    if (this.#map.size >= this.limit) this.#map.delete(this.#map.keys().next().value as string);
    this.#map.set(key, value);
  }
  deleteWhere(test: (key: string) => boolean): void {
    for (const key of this.#map.keys()) if (test(key)) this.#map.delete(key);
  }
  delete(key: string): void {
    this.#map.delete(key);
  }
}

export class KeyCaches {
  readonly material = new Lru<Buffer>(10_000);
  readonly grants = new Lru<readonly KmsGrantRow[]>(10_000);
  readonly aliases = new Lru<readonly KmsAliasRow[]>(10_000);

  /** Forgets everything cached of a key (its deletion, its imported material's removal). */
  forgetKey(keyId: string): void {
    this.material.deleteWhere((k) => k.startsWith(`${keyId}/`));
    this.grants.delete(keyId);
    this.aliases.delete(keyId);
  }
}

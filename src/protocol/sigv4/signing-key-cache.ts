// Signing keys derived once per (secret, date, region, service) and kept for that day: a key for
// date D is useless once D is more than a day in the past, so entries of older dates are dropped.
// Bounded, so a flood of distinct scopes cannot grow memory without limit.
import { deriveSigV4SigningKey, HmacSha256Key } from "../../crypto/index.ts";

export class SigningKeyCache {
  readonly #keys = new Map<string, HmacSha256Key>();
  readonly #maxEntries: number;
  #newestDate = "";
  /** The key found last, checked before the map: one client signing many requests meets it. */
  #last: { secretAccessKey: string; date: string; region: string; service: string; key: HmacSha256Key } | undefined;

  constructor(maxEntries = 10_000) {
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#keys.size;
  }

  /** The signing key, ready to sign (its bytes stay inside the HMAC key object). */
  key(secretAccessKey: string, date: string, region: string, service: string): HmacSha256Key {
    const last = this.#last;
    if (last !== undefined && last.secretAccessKey === secretAccessKey && last.date === date && last.region === region && last.service === service) return last.key;
    const key = this.#lookup(secretAccessKey, date, region, service);
    this.#last = { secretAccessKey, date, region, service, key };
    return key;
  }

  #lookup(secretAccessKey: string, date: string, region: string, service: string): HmacSha256Key {
    const id = date + "\n" + region + "\n" + service + "\n" + secretAccessKey;
    const cached = this.#keys.get(id);
    if (cached) return cached;
    const derived = new HmacSha256Key(deriveSigV4SigningKey(secretAccessKey, date, region, service));
    if (date > this.#newestDate) {
      this.#newestDate = date;
      this.#dropBefore(previousDay(date));
    }
    if (this.#keys.size >= this.#maxEntries) {
      // Maps iterate in insertion order: the first entry is the oldest.
      const oldest = this.#keys.keys().next();
      if (!oldest.done) this.#keys.delete(oldest.value);
    }
    this.#keys.set(id, derived);
    return derived;
  }

  #dropBefore(date: string): void {
    for (const id of this.#keys.keys()) {
      if (id.slice(0, 8) < date) this.#keys.delete(id);
    }
  }
}

/** "20240301" → "20240229". */
function previousDay(date: string): string {
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))) - 86_400_000;
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, "");
}

// Texts parsed lately and what they parsed to: a client sends the same credential and the same
// signed-header list all day, so each is split and checked once. Only what parsed is kept (the
// caller remembers a value after parsing succeeded), values are shared and so must be frozen, and
// the map is bounded twice over: in entries (cleared when full) and in the length of a text (a
// client could otherwise fill it with long ones on purpose).
export class RecentParses<T> {
  readonly #values = new Map<string, T>();
  readonly #maxEntries: number;
  readonly #maxTextLength: number;

  constructor(maxEntries: number, maxTextLength: number) {
    this.#maxEntries = maxEntries;
    this.#maxTextLength = maxTextLength;
  }

  get(text: string): T | undefined {
    return this.#values.get(text);
  }

  /** Keeps `value` for `text` when the text is of ordinary length; answers the value. */
  remember(text: string, value: T): T {
    if (text.length > this.#maxTextLength) return value;
    if (this.#values.size >= this.#maxEntries) this.#values.clear();
    this.#values.set(text, value);
    return value;
  }
}

// Bytes that an object no longer refers to (replaced, deleted, its upload aborted) are removed only
// once nobody is reading them: a GetObject or CopyObject that began before the change reads the
// body it found to its end, as on S3. A read holds its body's parts from the moment it has the
// object's row until its stream ends; removal waits for the holders, and a short grace covers a read
// that has its row but has not yet taken hold. Nothing here survives a restart: a removal lost to a
// crash leaves only a file that nothing refers to.
import type { StoredPart } from "../../storage/index.ts";

const GRACE_MS = 2_000;

export class BodyLeases {
  readonly #holders = new Map<string, number>();
  readonly #waiting = new Map<string, StoredPart>();
  readonly #remove: (parts: StoredPart[]) => Promise<void>;

  constructor(remove: (parts: StoredPart[]) => Promise<void>) {
    this.#remove = remove;
  }

  /** Holds the parts until the returned release is called (once). Synchronous, so it can follow a read at once. */
  hold(parts: readonly StoredPart[]): () => void {
    for (const part of parts) this.#holders.set(part.blobId, (this.#holders.get(part.blobId) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const part of parts) {
        const count = (this.#holders.get(part.blobId) ?? 1) - 1;
        if (count > 0) this.#holders.set(part.blobId, count);
        else this.#holders.delete(part.blobId);
      }
      this.#sweepLater();
    };
  }

  /** Wraps a stream of a held body so that the hold ends with the stream, however it ends. */
  async *holding(source: AsyncIterable<Uint8Array>, release: () => void): AsyncGenerator<Uint8Array> {
    try {
      yield* source;
    } finally {
      release();
    }
  }

  /** Removes the parts once no read holds them (after the grace). */
  retire(parts: readonly StoredPart[]): void {
    if (parts.length === 0) return;
    for (const part of parts) this.#waiting.set(part.blobId, part);
    this.#sweepLater();
  }

  #sweepLater(): void {
    if (this.#waiting.size === 0) return;
    setTimeout(() => void this.#sweep(), GRACE_MS).unref();
  }

  async #sweep(): Promise<void> {
    const free: StoredPart[] = [];
    for (const [blobId, part] of this.#waiting) {
      if (this.#holders.has(blobId)) continue;
      this.#waiting.delete(blobId);
      free.push(part);
    }
    if (free.length > 0) await this.#remove(free).catch(() => undefined);
  }
}

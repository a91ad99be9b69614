// Replay protection: an assertion ID already used is refused while the assertion is still valid.
// The cache needs only to remember an ID until the assertion could not be accepted anyway. federa
// keeps the IDs in its store (StoreReplayCache), so a restart forgets none and instances sharing a
// store share them; the in-memory one (tests, embedding) sweeps expired IDs at most once a minute.
import type { UsedAssertionRepository } from "../../store/index.ts";

export interface ReplayCache {
  /**
   * True when `id` was recorded before and is still remembered at `now`; otherwise records it until
   * `until` and returns false. Check and record are one step, so two concurrent uses cannot both pass.
   */
  seen(id: string, until: Date, now: Date): boolean | Promise<boolean>;
}

/** The store's record of used assertions as a replay cache (the server's; expired rows are purged by it). */
export class StoreReplayCache implements ReplayCache {
  readonly #used: UsedAssertionRepository;

  constructor(used: UsedAssertionRepository) {
    this.#used = used;
  }

  async seen(id: string, until: Date, now: Date): Promise<boolean> {
    return !(await this.#used.record(id, until, now));
  }
}

const SWEEP_INTERVAL_MS = 60_000;

export class MemoryReplayCache implements ReplayCache {
  readonly #until = new Map<string, number>();
  #nextSweep = 0;

  seen(id: string, until: Date, now: Date): boolean {
    const at = now.getTime();
    if (at >= this.#nextSweep) this.#sweep(at);
    const remembered = this.#until.get(id);
    if (remembered !== undefined && remembered > at) return true;
    this.#until.set(id, until.getTime());
    return false;
  }

  /** IDs currently held (expired ones may linger until the next sweep). */
  get size(): number {
    return this.#until.size;
  }

  #sweep(at: number): void {
    for (const [id, until] of this.#until) if (until <= at) this.#until.delete(id);
    this.#nextSweep = at + SWEEP_INTERVAL_MS;
  }
}

// The clock is passed in everywhere time matters, so tests can move it.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: for tests and benchmarks. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date | number = Date.now()) {
    this.#ms = typeof start === "number" ? start : start.getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
  set(at: Date | number): void {
    this.#ms = typeof at === "number" ? at : at.getTime();
  }
}

/** xs:dateTime as SAML writes it: UTC, milliseconds kept, `Z` suffix. */
export function isoInstant(date: Date): string {
  return date.toISOString();
}

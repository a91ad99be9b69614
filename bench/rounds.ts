// A rate measured in rounds: this machine's two shared cores (and its disk) give rates that vary
// by ±15% from one run to the next, so a goal is judged on the median round, with the range of
// all rounds beside it.
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

export interface Rounds<T> {
  /** The round with the median rate. */
  median: T;
  /** The lowest and highest rates of all rounds. */
  low: number;
  high: number;
  count: number;
}

export function inRounds<T extends { rps: number }>(measure: () => T, rounds = ROUNDS): Rounds<T> {
  const results: T[] = [];
  for (let i = 0; i < Math.max(1, rounds); i++) results.push(measure());
  const rates = results.map((r) => r.rps);
  return { median: medianBy(results, (r) => r.rps), low: Math.min(...rates), high: Math.max(...rates), count: results.length };
}

/** The value whose `by` is the median (the lower middle one of an even count). */
export function medianBy<T>(values: readonly T[], by: (value: T) => number): T {
  return [...values].sort((a, b) => by(a) - by(b))[Math.floor((values.length - 1) / 2)]!;
}

/** "low–high" of `by` over the values. */
export function rangeBy<T>(values: readonly T[], by: (value: T) => number, digits = 0): string {
  const numbers = values.map(by);
  return `${Math.min(...numbers).toFixed(digits)}–${Math.max(...numbers).toFixed(digits)}`;
}

/** "median of 3 rounds, 480–560" in the unit given. */
export function describeRounds(rounds: Rounds<unknown>, scale = 1, unit = "/s"): string {
  if (rounds.count === 1) return "one round";
  return `median of ${rounds.count} rounds; ${(rounds.low * scale).toFixed(0)}–${(rounds.high * scale).toFixed(0)} ${unit}`;
}

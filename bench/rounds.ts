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
  results.sort((a, b) => a.rps - b.rps);
  return { median: results[Math.floor((results.length - 1) / 2)]!, low: results[0]!.rps, high: results[results.length - 1]!.rps, count: results.length };
}

/** "median of 3 rounds, 480–560" in the unit given. */
export function describeRounds(rounds: Rounds<unknown>, scale = 1, unit = "/s"): string {
  if (rounds.count === 1) return "one round";
  return `median of ${rounds.count} rounds; ${(rounds.low * scale).toFixed(0)}–${(rounds.high * scale).toFixed(0)} ${unit}`;
}

// Generated input for tests that compare an implementation with a plain reference: a seeded
// generator (the same inputs every run) and texts joined from pieces of an alphabet.

/** A linear congruential generator from `seed`: random(n) is a whole number from 0 to n - 1. */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
}

/** Up to `maxPieces - 1` pieces of the alphabet, joined. */
export function randomText(random: (n: number) => number, alphabet: readonly string[], maxPieces: number): string {
  return Array.from({ length: random(maxPieces) }, () => alphabet[random(alphabet.length)]).join("");
}

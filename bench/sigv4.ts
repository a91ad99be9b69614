// SigV4 verification per request, signing key cached: requests signed once by the AWS SDK's
// signer, then verified many times. `node --import tsx bench/sigv4.ts` prints the
// result; bench/ can import benchSigV4(). Goal: under 20 µs a request.
import { fileURLToPath } from "node:url";
import { SigningKeyCache, verifySigV4 } from "../src/protocol/index.ts";
import { sign } from "../test/protocol/support/sign.ts";
import { lookup } from "../test/protocol/support/credentials.ts";
import { SHAPES, SIGNING_DATE } from "../test/protocol/support/shapes.ts";
import { medianBy } from "./rounds.ts";

export interface SigV4BenchResult {
  shape: string;
  /** Verifications per round. */
  iterations: number;
  /** Median over the rounds: the figure to report. */
  microsecondsPerVerification: number;
  /** Best round: what the code costs when the machine is not busy with anything else. */
  bestMicroseconds: number;
}

export async function benchSigV4(iterations = 20_000, rounds = 9): Promise<SigV4BenchResult[]> {
  const names = ["sts GetCallerIdentity (POST form)", "kms Encrypt (JSON 1.1, session token)", "s3 presigned GET with session token"];
  const cases = [];
  for (const name of names) {
    const shape = SHAPES[name]!;
    const { request } = await sign(shape);
    const options = { now: SIGNING_DATE, s3: shape.s3 === true, expectedService: shape.service, keyCache: new SigningKeyCache() };
    for (let i = 0; i < 2_000; i++) await verifySigV4(request, lookup, options); // warm-up: JIT and the key cache
    cases.push({ name, request, options, perRound: [] as number[] });
  }
  // The shapes take turns within each round, so that a busy spell of the machine (other tenants
  // of the host) falls on all of them alike rather than on whichever was being measured.
  for (let round = 0; round < rounds; round++) {
    for (const { request, options, perRound } of cases) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) await verifySigV4(request, lookup, options);
      perRound.push(Number(process.hrtime.bigint() - start) / 1000 / iterations);
    }
  }
  return cases.map(({ name, perRound }) => ({
    shape: name,
    iterations,
    microsecondsPerVerification: medianBy(perRound, (us) => us),
    bestMicroseconds: Math.min(...perRound),
  }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const result of await benchSigV4()) {
    console.log(
      `SigV4 verification, ${result.shape}: median ${result.microsecondsPerVerification.toFixed(2)} µs/request, best ${result.bestMicroseconds.toFixed(2)} µs (rounds of ${result.iterations}, key cached)`,
    );
  }
}

// Prints (does not test) signing throughput on one core: buildSamlResponse with both signatures,
// with the assertion's only, and raw RSA-2048 rsaSign of 200 bytes, measured in the same run in
// interleaved rounds (the median of each is printed), so a busy machine skews all three alike.
//   node --import tsx test/saml/measure-signing.ts [rounds]
import { rsaSign } from "../../src/crypto/index.ts";
import { buildSamlResponse } from "../../src/idp/saml/index.ts";
import { responseInput, testSigner } from "./helpers.ts";

const rounds = Number(process.argv[2] ?? 7);
const ROUND_MS = 500;

function rate(fn: () => void): number {
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < ROUND_MS) {
    fn();
    count++;
  }
  return count / ((performance.now() - start) / 1000);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const { signer } = await testSigner();
const now = new Date();
const input = responseInput(now);
const data = Buffer.alloc(200, 0x61);
const unsignedResponse = { ...input, signResponse: false };
const samples = { raw: [] as number[], both: [] as number[], assertionOnly: [] as number[] };
for (let i = 0; i < 200; i++) buildSamlResponse(input, signer); // warm-up
for (let round = 0; round < rounds; round++) {
  samples.raw.push(rate(() => rsaSign(signer.key, data)));
  samples.both.push(rate(() => buildSamlResponse(input, signer)));
  samples.assertionOnly.push(rate(() => buildSamlResponse(unsignedResponse, signer)));
}
const raw = median(samples.raw);
const both = median(samples.both);
const assertionOnly = median(samples.assertionOnly);
const bytes = Buffer.byteLength(buildSamlResponse(input, signer));
console.log(`raw rsaSign (RSA-2048, 200 B):            ${raw.toFixed(0)}/s`);
console.log(`buildSamlResponse, Response+Assertion:    ${both.toFixed(0)}/s  (${((100 * both) / raw).toFixed(1)}% of raw; 2 signatures, ${bytes} B)`);
console.log(`buildSamlResponse, Assertion only:        ${assertionOnly.toFixed(0)}/s  (${((100 * assertionOnly) / raw).toFixed(1)}% of raw; 1 signature)`);

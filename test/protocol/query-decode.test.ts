// Percent-decoding of query components: escapes of ASCII bytes are decoded in JavaScript, every
// other input by decodeURIComponent, and malformed escapes stay literal. Checked against the plain
// definition over generated input, with "+" as a plus (SigV4) and as a space (forms).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { decodeQueryComponent } from "../../src/protocol/index.ts";
import { randomText, seededRandom } from "./support/generated-text.ts";

/** The definition: decodeURIComponent when the text is valid, else only the ASCII escapes decoded. */
function reference(raw: string, plusIsSpace: boolean): string {
  const text = plusIsSpace ? raw.replace(/\+/g, " ") : raw;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => (parseInt(hex, 16) < 0x80 ? String.fromCharCode(parseInt(hex, 16)) : escape));
  }
}

describe("query component decoding", () => {
  const cases: Array<[string, boolean, string]> = [
    ["AKID%2F20240501%2Fus-east-1%2Fs3%2Faws4_request", false, "AKID/20240501/us-east-1/s3/aws4_request"],
    ["a+b%2Bc", false, "a+b+c"],
    ["a+b%2Bc", true, "a b+c"],
    ["caf%C3%A9", false, "café"],
    ["%e2%82%ac%41", false, "€A"],
    ["100%", false, "100%"],
    ["%zz%41", false, "%zzA"],
    ["%C3%41", false, "%C3A"],
    ["%4", false, "%4"],
    ["%%41", false, "%A"],
    ["no escapes", false, "no escapes"],
  ];
  for (const [raw, plusIsSpace, expected] of cases) {
    test(`${JSON.stringify(raw)}${plusIsSpace ? " (form)" : ""} → ${JSON.stringify(expected)}`, () => {
      assert.equal(decodeQueryComponent(raw, plusIsSpace), expected);
      assert.equal(reference(raw, plusIsSpace), expected);
    });
  }

  test("agrees with the definition on generated input", () => {
    const pieces = ["a", "Z", "0", "+", " ", "/", "%", "%2F", "%2f", "%41", "%7E", "%7F", "%80", "%C3%A9", "%C3", "%A9", "%E2%82%AC", "%G1", "%4", "é", "€", "%25"];
    const random = seededRandom(11);
    for (let i = 0; i < 5000; i++) {
      const raw = randomText(random, pieces, 8);
      for (const plusIsSpace of [false, true]) assert.equal(decodeQueryComponent(raw, plusIsSpace), reference(raw, plusIsSpace), JSON.stringify(raw));
    }
  });
});

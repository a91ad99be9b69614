// The JSON 1.1 renderer writes results itself (blobs as base64 inserted as they are, times as epoch
// seconds) rather than through JSON.stringify's replacer. Its text must be exactly the replacer's:
// checked on set cases and on 3,000 generated results of every shape an operation can return.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { renderJsonResponse } from "../../src/protocol/index.ts";
import { randomText, seededRandom } from "./support/generated-text.ts";

/** The plain definition: JSON.stringify with a replacer that turns blobs and times into their wire form. */
function reference(result: unknown): string {
  if (result === undefined || result === null) return "{}";
  return JSON.stringify(result, function (this: unknown, key: string, value: unknown) {
    const original = (this as Record<string, unknown>)[key];
    if (original instanceof Uint8Array) return Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString("base64");
    if (original instanceof Date) return original.getTime() / 1000;
    return value;
  });
}

const PIECES = ["a", "Z", "0", " ", '"', "\\", "/", "\n", "\t", "\u0000", "\u001f", "\u007f", "é", "€", "😀", "\ud800", "\udfff", "\u2028", "__proto__", "key"];
const NUMBERS = [0, -0, 1, -1, 0.5, 1e21, 1e-7, 2 ** 53, Number.MAX_VALUE, Number.NaN, Number.POSITIVE_INFINITY, 1_700_000_000.5];

function generate(random: (n: number) => number, depth: number): unknown {
  switch (random(depth > 3 ? 8 : 11)) {
    case 0:
      return randomText(random, PIECES, 6);
    case 1:
      return NUMBERS[random(NUMBERS.length)];
    case 2:
      return random(2) === 0;
    case 3:
      return random(2) === 0 ? null : undefined;
    case 4: {
      const bytes = Buffer.from(Array.from({ length: random(40) }, () => random(256)));
      // A view into a larger buffer: the renderer must encode only the view's bytes.
      return random(2) === 0 ? bytes : new Uint8Array(Uint8Array.from([9, 9, ...bytes]).buffer, 2, bytes.length);
    }
    case 5:
      return random(6) === 0 ? new Date(Number.NaN) : new Date(random(2_000_000_000) * 1000 + random(1000));
    case 6:
      return () => "a function is left out";
    case 7:
      return "plain string";
    case 8:
      return Array.from({ length: random(4) }, () => generate(random, depth + 1));
    default: {
      const object: Record<string, unknown> = random(5) === 0 ? (Object.create(null) as Record<string, unknown>) : {};
      for (let i = random(5); i > 0; i--) object[randomText(random, PIECES.filter((p) => p !== "__proto__"), 3) || "Name"] = generate(random, depth + 1);
      return object;
    }
  }
}

describe("the JSON 1.1 renderer", () => {
  test("set cases: an Encrypt answer, escapes, left-out members, nulls in arrays, views, invalid times", () => {
    const blob = Buffer.alloc(1100, 7);
    const encrypt = { CiphertextBlob: blob, KeyId: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", EncryptionAlgorithm: "SYMMETRIC_DEFAULT" };
    assert.equal(renderJsonResponse(encrypt), `{"CiphertextBlob":"${blob.toString("base64")}","KeyId":"${encrypt.KeyId}","EncryptionAlgorithm":"SYMMETRIC_DEFAULT"}`);
    assert.equal(renderJsonResponse({ Description: 'say "hi"\\\n', Skipped: undefined, Kept: 1 }), '{"Description":"say \\"hi\\"\\\\\\n","Kept":1}');
    assert.equal(renderJsonResponse({ List: [undefined, null, Number.NaN, () => 1] }), '{"List":[null,null,null,null]}');
    assert.equal(renderJsonResponse({ View: new Uint8Array(Uint8Array.from([1, 2, 3, 4]).buffer, 1, 2) }), `{"View":"${Buffer.from([2, 3]).toString("base64")}"}`);
    assert.equal(renderJsonResponse({ Never: new Date(Number.NaN), At: new Date(1_700_000_000_500) }), '{"Never":null,"At":1700000000.5}');
    assert.equal(renderJsonResponse({}), "{}");
    assert.equal(renderJsonResponse(null), "{}");
  });

  test("results it does not write itself (class instances, toJSON, bigints) are rendered as JSON.stringify renders them", () => {
    class Tagged {
      readonly Value = "v";
    }
    assert.equal(renderJsonResponse({ A: new Tagged(), B: Buffer.from("x") }), '{"A":{"Value":"v"},"B":"eA=="}');
    assert.equal(renderJsonResponse({ A: { toJSON: () => "own" } }), '{"A":"own"}');
    assert.throws(() => renderJsonResponse({ A: 1n }), TypeError);
  });

  test("3,000 generated results render exactly as the replacer does", () => {
    const random = seededRandom(20261129);
    for (let i = 0; i < 3000; i++) {
      const result = generate(random, 0);
      const value = result !== null && typeof result === "object" && !(result instanceof Uint8Array) && !(result instanceof Date) ? result : { Member: result };
      assert.equal(renderJsonResponse(value), reference(value), `case ${i}`);
    }
  });
});

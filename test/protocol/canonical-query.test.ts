// The canonical query string: the SDKs' already-canonical, sorted queries are taken as sent
// (without X-Amz-Signature), and every other query is decoded, encoded again and sorted, so that
// both give what AWS signs. Checked against a plain reference over many generated queries.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { canonicalQuery } from "../../src/protocol/sigv4/canonical-query.ts";
import { splitRawQuery } from "../../src/protocol/sigv4/query-pairs.ts";
import { randomText, seededRandom } from "./support/generated-text.ts";

const canonical = (raw: string) => canonicalQuery(raw, splitRawQuery(raw));

/** The reference: decode valid escapes to bytes, encode all but unreserved bytes, sort by bytes. */
function reference(raw: string): string {
  const encode = (text: string) => {
    const bytes: number[] = [];
    for (let i = 0; i < text.length; i++) {
      if (text[i] === "%" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
        bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...Buffer.from(text[i]!, "utf8"));
    }
    return bytes.map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : "%" + b.toString(16).toUpperCase().padStart(2, "0"))).join("");
  };
  const pairs = raw
    .split("&")
    .filter((piece) => piece !== "")
    .map((piece) => {
      const eq = piece.indexOf("=");
      return eq === -1 ? [encode(piece), ""] : [encode(piece.slice(0, eq)), encode(piece.slice(eq + 1))];
    })
    .filter(([name]) => name!.toLowerCase() !== "x-amz-signature");
  pairs.sort(([an, av], [bn, bv]) => (an !== bn ? (an! < bn! ? -1 : 1) : av! < bv! ? -1 : av! > bv! ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join("&");
}

describe("canonical query", () => {
  const cases: Array<[string, string]> = [
    ["", ""],
    ["Action=ListUsers&Version=2010-05-08", "Action=ListUsers&Version=2010-05-08"],
    ["Version=2010-05-08&Action=ListUsers", "Action=ListUsers&Version=2010-05-08"],
    ["b=2&b=1&a=", "a=&b=1&b=2"],
    ["acl", "acl="],
    ["a=1&&b=2&", "a=1&b=2"],
    ["a=b=c", "a=b%3Dc"],
    ["a=x+y%2fz", "a=x%2By%2Fz"],
    ["a=%7E%41", "a=~A"],
    ["a=%zz%4", "a=%25zz%254"],
    ["q=caf%C3%A9&r=é", "q=caf%C3%A9&r=%C3%A9"],
    ["Z=1&a=1", "Z=1&a=1"],
    ["a=1&Z=1", "Z=1&a=1"],
    ["X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc&X-Amz-Date=20240501T120000Z", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240501T120000Z"],
    ["a=1&x-amz-signature=abc", "a=1"],
    ["X-Amz-Credential=AKID%2F20240501%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=ff", "X-Amz-Credential=AKID%2F20240501%2Fus-east-1%2Fs3%2Faws4_request"],
  ];
  for (const [raw, expected] of cases) {
    test(`${JSON.stringify(raw)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(canonical(raw), expected);
      assert.equal(reference(raw), expected);
    });
  }

  // Guards against a regular expression that backtracks exponentially: without the guard in
  // uri-encode.ts, each of these takes longer than the age of the universe.
  test("long runs followed by a character that is not canonical are handled at once", { timeout: 30_000 }, () => {
    const run = "a".repeat(5_000);
    for (const raw of [`${run}=${run}!`, `${run}!=b`, `a=${run}&${run}`, `a=${run}%zz`, `${run}=${run}&b=${run}&`]) {
      assert.equal(canonical(raw), reference(raw));
    }
  });

  test("agrees with the reference on generated queries, canonical or not, sorted or not", () => {
    const alphabet = ["a", "B", "z", "0", "-", "_", ".", "~", "%2F", "%2f", "%41", "%C3%A9", "é", "+", " ", "/", "=", "&", "%", "%G1", "X-Amz-Signature"];
    const random = seededRandom(7);
    let fastPathTaken = 0;
    for (let i = 0; i < 3000; i++) {
      const pieces = Array.from({ length: 1 + random(6) }, () => randomText(random, alphabet, 5) + "=" + randomText(random, alphabet, 4));
      if (random(2) === 0) pieces.sort();
      const raw = pieces.join("&");
      assert.equal(canonical(raw), reference(raw), raw);
      if (canonical(raw) === raw) fastPathTaken++;
    }
    assert.ok(fastPathTaken > 50, `only ${fastPathTaken} queries were canonical as sent`);
  });
});

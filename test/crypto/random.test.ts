// The pooled CSPRNG slices: the asked-for length, never the same bytes twice (across the pool's
// refills too), and the encodings the IDs and tokens use.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBase32, randomBase64Url, randomHex, randomNonce, randomSecretAccessKey, randomXmlId } from "../../src/crypto/index.ts";

describe("random values", () => {
  it("hands out fresh bytes of the asked length, across many refills of the pool and beyond its slice size", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const bytes = randomNonce(12);
      assert.equal(bytes.length, 12);
      seen.add(bytes.toString("hex"));
    }
    assert.equal(seen.size, 5000, "no 12-byte value came out twice");
    const large = randomNonce(1000);
    assert.equal(large.length, 1000);
    assert.notDeepEqual(large.subarray(0, 500), large.subarray(500));
    // A value handed out is the caller's own: the pool refilling does not change it.
    const kept = randomNonce(16);
    const copy = Buffer.from(kept);
    for (let i = 0; i < 600; i++) randomNonce(16);
    assert.deepEqual(kept, copy);
  });

  it("encodes IDs and tokens as AWS and SAML expect", () => {
    assert.match(randomHex(16), /^[0-9a-f]{32}$/);
    assert.match(randomXmlId(), /^_[0-9a-f]{32}$/);
    assert.match(randomBase32(16), /^[A-Z2-7]{16}$/);
    assert.match(randomBase64Url(24), /^[A-Za-z0-9_-]{32}$/);
    assert.match(randomSecretAccessKey(), /^[A-Za-z0-9+/]{40}$/);
  });
});

// The sealing thread: its bytes are exactly sealSegmentParts' (so a body written through it opens
// with openSegment), the batch's buffer moves to the thread, and once closed it seals on the
// calling thread, with the same bytes, as it does a batch under HERE_BELOW_BYTES. Opening gives
// back the plaintext up to the first segment that does not authenticate, and not a byte of that
// one or after it.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createSegmentSealer, HERE_BELOW_BYTES, openSegment, openSegmentsHere, sealSegmentParts, sealSegmentsHere, type SegmentSpec } from "../../src/crypto/index.ts";

const SEGMENT = 64 * 1024;

function batchOf(lengths: number[]): { segments: SegmentSpec[]; plaintext: Buffer } {
  const plaintext = randomBytes(lengths.reduce((a, b) => a + b, 0));
  const segments = lengths.map((length, index) => ({ iv: randomBytes(12), aad: Buffer.from(`segment ${index} of ${lengths.length}`), length }));
  return { segments, plaintext };
}

/** A copy of `bytes` at the start of an ArrayBuffer of its own, `room` bytes long. */
function owned(bytes: Buffer, room = bytes.length): Buffer {
  const copy = Buffer.allocUnsafeSlow(room);
  bytes.copy(copy);
  return copy;
}

function expected(key: Buffer, segments: SegmentSpec[], plaintext: Buffer): Buffer {
  let from = 0;
  const parts: Buffer[] = [];
  for (const segment of segments) {
    parts.push(...sealSegmentParts(key, segment.iv, plaintext.subarray(from, from + segment.length), segment.aad));
    from += segment.length;
  }
  return Buffer.concat(parts);
}

describe("segment sealer", () => {
  it("seals a batch on its thread into exactly sealSegmentParts' bytes, each segment opening with openSegment", async () => {
    const sealer = createSegmentSealer();
    try {
      const key = randomBytes(32);
      const { segments, plaintext } = batchOf([SEGMENT, SEGMENT, SEGMENT, SEGMENT, 1234]);
      const batch = owned(plaintext, 16 * SEGMENT);
      const sealed = await sealer.seal(key, segments, batch);
      assert.equal(batch.buffer.byteLength, 0, "the batch moved to the thread");
      assert.deepEqual(sealed, expected(key, segments, plaintext));
      let at = 0;
      let from = 0;
      for (const segment of segments) {
        const opened = openSegment(key, segment.iv, sealed.subarray(at, at + segment.length + 16), segment.aad);
        assert.deepEqual(opened, plaintext.subarray(from, from + segment.length));
        at += segment.length + 16;
        from += segment.length;
      }
      assert.notEqual(key.readUInt32BE(0) + key.readUInt32BE(28), 0, "the caller's key is its own (the thread zeroes only its copy)");
    } finally {
      await sealer.close();
    }
  });

  it("keeps batches apart when several are in flight, and seals an empty last segment", async () => {
    const sealer = createSegmentSealer();
    try {
      const key = randomBytes(32);
      const batches = [batchOf([SEGMENT, SEGMENT, SEGMENT, SEGMENT, 10]), batchOf([SEGMENT, 10]), batchOf([0])];
      const sealed = await Promise.all(batches.map(({ segments, plaintext }) => sealer.seal(key, segments, owned(plaintext))));
      batches.forEach(({ segments, plaintext }, i) => assert.deepEqual(sealed[i], expected(key, segments, plaintext)));
    } finally {
      await sealer.close();
    }
  });

  it("opens a sealed batch; a tampered segment stops it there, with only the authenticated plaintext before it", async () => {
    const sealer = createSegmentSealer();
    try {
      const key = randomBytes(32);
      const { segments, plaintext } = batchOf([SEGMENT, SEGMENT, SEGMENT, SEGMENT, 500]);
      const sealed = expected(key, segments, plaintext);
      const asSealed = segments.map((segment) => ({ ...segment, length: segment.length + 16 }));
      const whole = await sealer.open(key, asSealed, owned(sealed));
      assert.equal(whole.failed, undefined);
      assert.deepEqual(whole.plaintext, plaintext);
      const tampered = owned(sealed);
      tampered[2 * (SEGMENT + 16) + 7]! ^= 1; // inside the third segment
      for (const answer of [await sealer.open(key, asSealed, owned(tampered)), openSegmentsHere(key, asSealed, tampered)]) {
        assert.equal(answer.failed, 2);
        assert.deepEqual(answer.plaintext, plaintext.subarray(0, 2 * SEGMENT));
      }
      const wrongKey = await sealer.open(randomBytes(32), asSealed, owned(sealed));
      assert.equal(wrongKey.failed, 0);
      assert.equal(wrongKey.plaintext.length, 0);
    } finally {
      await sealer.close();
    }
  });

  it("after close, seals on the calling thread with the same bytes", async () => {
    const sealer = createSegmentSealer();
    await sealer.close();
    const key = randomBytes(32);
    const { segments, plaintext } = batchOf([SEGMENT, 77]);
    const batch = owned(plaintext);
    assert.deepEqual(await sealer.seal(key, segments, batch), expected(key, segments, plaintext));
    assert.equal(batch.length, plaintext.length, "nothing moved");
    assert.deepEqual(sealSegmentsHere(key, segments, plaintext), expected(key, segments, plaintext));
  });

  it("seals a batch under HERE_BELOW_BYTES in place, with the same bytes, moving nothing", async () => {
    const sealer = createSegmentSealer();
    try {
      const key = randomBytes(32);
      const { segments, plaintext } = batchOf([SEGMENT, 10]);
      assert.ok(plaintext.length < HERE_BELOW_BYTES);
      const batch = owned(plaintext);
      assert.deepEqual(await sealer.seal(key, segments, batch), expected(key, segments, plaintext));
      assert.equal(batch.length, plaintext.length, "nothing moved");
    } finally {
      await sealer.close();
    }
  });

  it("refuses a batch that does not begin its own buffer, without sealing anything", async () => {
    const sealer = createSegmentSealer();
    try {
      const { segments, plaintext } = batchOf([SEGMENT, SEGMENT, SEGMENT, SEGMENT, 100]);
      const shared = Buffer.concat([Buffer.alloc(8), plaintext]).subarray(8);
      await assert.rejects(sealer.seal(randomBytes(32), segments, shared), /its own ArrayBuffer/);
    } finally {
      await sealer.close();
    }
  });
});

// Sealing and opening segments off the event loop: a worker thread that runs sealSegmentParts'
// AES-256-GCM over a batch of consecutive segments (S3's object bodies, about 1 MiB at a time) and
// hands back ciphertext ‖ tag of each, in order, as one buffer; or opens such a batch and hands
// back the plaintext of the segments that authenticated, up to the first that did not (and no
// byte of that one or after it). AES-GCM is most of an upload's or a download's CPU; on the worker
// it runs on the second core while the main thread serves the socket. A batch smaller than
// HERE_BELOW_BYTES is done in place: the trip to the thread would cost more than it saves.
// The batch is moved to the thread (transferred, not copied) and the result moved back; the key
// crosses as a copy that the thread zeroes once the batch is done. The bytes are exactly
// sealSegmentParts' (test/crypto/segment-sealer.test.ts holds them equal).
// The thread's source is plain CommonJS handed to the Worker as text (as the audit writer's), so
// it runs the same under tsx, from a build or in the tests. When the thread cannot start or has
// died, batches are sealed on the calling thread: slower, never different.
import { Worker } from "node:worker_threads";
import { openSegment, sealSegmentParts, SEGMENT_TAG_BYTES } from "./segment-cipher.ts";

/** One segment of a batch: its IV, its AAD and its plaintext length (the batch's bytes follow each other). */
export interface SegmentSpec {
  iv: Uint8Array;
  aad: Uint8Array;
  length: number;
}

/** What open answers: the authenticated plaintext, and where authentication failed if it did. */
export interface OpenedSegments {
  plaintext: Buffer;
  failed?: number;
}

export interface SegmentSealer {
  /**
   * ciphertext ‖ tag of each segment, concatenated: the segments' plaintexts follow each other
   * from the start of `batch`, which must begin its own ArrayBuffer (Buffer.allocUnsafeSlow):
   * that buffer may be moved to the thread, and is unusable afterwards.
   */
  seal(key: Uint8Array, segments: readonly SegmentSpec[], batch: Buffer): Promise<Buffer>;
  /**
   * The plaintext of the sealed segments (here `length` counts ciphertext and tag), concatenated,
   * up to the first that does not authenticate, whose position in `segments` is then `failed`:
   * no byte of it or after it. `batch` moves to the thread as with seal.
   */
  open(key: Uint8Array, segments: readonly SegmentSpec[], batch: Buffer): Promise<OpenedSegments>;
  /** Stops the thread (sealing later happens on the calling thread). */
  close(): Promise<void>;
}

/** Batches of fewer bytes than this are sealed or opened on the calling thread. */
export const HERE_BELOW_BYTES = 4 * 64 * 1024;

const SOURCE = `"use strict";
const { parentPort } = require("node:worker_threads");
const { createCipheriv, createDecipheriv } = require("node:crypto");
function open(message, key) {
  let total = 0;
  for (const segment of message.segments) total += segment.length;
  const sealed = Buffer.from(message.batch, 0, total);
  const plaintext = Buffer.allocUnsafeSlow(total - message.segments.length * ${SEGMENT_TAG_BYTES});
  let from = 0;
  let at = 0;
  for (let i = 0; i < message.segments.length; i++) {
    const segment = message.segments[i];
    const split = from + segment.length - ${SEGMENT_TAG_BYTES};
    let opened = false;
    const start = at;
    if (segment.length >= ${SEGMENT_TAG_BYTES}) {
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, segment.iv, { authTagLength: ${SEGMENT_TAG_BYTES} });
        decipher.setAAD(segment.aad);
        decipher.setAuthTag(sealed.subarray(split, split + ${SEGMENT_TAG_BYTES}));
        at += decipher.update(sealed.subarray(from, split)).copy(plaintext, at);
        at += decipher.final().copy(plaintext, at);
        opened = true;
      } catch {}
    }
    if (!opened) {
      // Nothing of the segment that failed, or after it, leaves the thread.
      plaintext.fill(0, start);
      parentPort.postMessage({ id: message.id, bytes: plaintext.buffer, length: start, failed: i }, [plaintext.buffer]);
      return;
    }
    from = split + ${SEGMENT_TAG_BYTES};
  }
  parentPort.postMessage({ id: message.id, bytes: plaintext.buffer, length: at }, [plaintext.buffer]);
}
parentPort.on("message", (message) => {
  if (message === "close") {
    parentPort.close();
    return;
  }
  const key = Buffer.from(message.key.buffer, message.key.byteOffset, message.key.byteLength);
  try {
    if (message.op === "open") return open(message, key);
    let total = 0;
    for (const segment of message.segments) total += segment.length;
    const plaintext = Buffer.from(message.batch, 0, total);
    const sealed = Buffer.allocUnsafeSlow(plaintext.length + message.segments.length * ${SEGMENT_TAG_BYTES});
    let from = 0;
    let at = 0;
    for (const segment of message.segments) {
      const cipher = createCipheriv("aes-256-gcm", key, segment.iv, { authTagLength: ${SEGMENT_TAG_BYTES} });
      cipher.setAAD(segment.aad);
      at += cipher.update(plaintext.subarray(from, from + segment.length)).copy(sealed, at);
      at += cipher.final().copy(sealed, at);
      at += cipher.getAuthTag().copy(sealed, at);
      from += segment.length;
    }
    parentPort.postMessage({ id: message.id, bytes: sealed.buffer }, [sealed.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error && error.message) });
  } finally {
    key.fill(0);
  }
});
`;

/** The batch sealed on the calling thread: the same bytes the worker makes. */
export function sealSegmentsHere(key: Uint8Array, segments: readonly SegmentSpec[], batch: Buffer): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (const segment of segments) {
    parts.push(...sealSegmentParts(key, segment.iv, batch.subarray(from, from + segment.length), segment.aad));
    from += segment.length;
  }
  return Buffer.concat(parts, from + segments.length * SEGMENT_TAG_BYTES);
}

/** The batch opened on the calling thread: the same answer the worker gives. */
export function openSegmentsHere(key: Uint8Array, segments: readonly SegmentSpec[], batch: Buffer): OpenedSegments {
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const plain = openSegment(key, segment.iv, batch.subarray(from, from + segment.length), segment.aad);
    if (!plain) return { plaintext: Buffer.concat(parts), failed: i };
    parts.push(plain);
    from += segment.length;
  }
  return { plaintext: parts.length === 1 ? parts[0]! : Buffer.concat(parts) };
}

interface Waiter {
  resolve(answer: Buffer | OpenedSegments): void;
  reject(error: Error): void;
}

/** What the thread answers: the result's bytes (for open, `length` of them are plaintext, up to `failed`), or an error. */
type Reply = { id: number; bytes?: ArrayBuffer; length?: number; failed?: number; error?: string };

/** A sealer with its own thread, started on first use; idle, it does not keep the process alive. */
export function createSegmentSealer(): SegmentSealer {
  let worker: Worker | undefined;
  let gone = false;
  let exited: Promise<void> = Promise.resolve();
  const waiting = new Map<number, Waiter>();
  let nextId = 0;

  const settle = (id: number): Waiter | undefined => {
    const waiter = waiting.get(id);
    waiting.delete(id);
    if (waiting.size === 0) worker?.unref();
    return waiter;
  };
  const fail = (reason: string) => {
    gone = true;
    for (const id of [...waiting.keys()]) settle(id)?.reject(new Error(`the sealing thread ${reason}`));
  };

  function thread(): Worker | undefined {
    if (worker || gone) return worker;
    try {
      const started = new Worker(SOURCE, { eval: true });
      started.unref();
      exited = new Promise<void>((resolve) => started.once("exit", () => resolve()));
      started.on("message", (reply: Reply) => {
        const waiter = settle(reply.id);
        if (!reply.bytes) waiter?.reject(new Error(`sealing failed: ${reply.error}`));
        else if (reply.length === undefined) waiter?.resolve(Buffer.from(reply.bytes));
        else waiter?.resolve({ plaintext: Buffer.from(reply.bytes, 0, reply.length), ...(reply.failed === undefined ? {} : { failed: reply.failed }) });
      });
      started.on("error", () => fail("failed"));
      started.on("exit", () => fail("has stopped"));
      worker = started;
    } catch {
      gone = true;
    }
    return worker;
  }

  /** The batch sent to the thread; undefined when it is small, or there is no thread, and is to be done in place. */
  function send(op: "seal" | "open", key: Uint8Array, segments: readonly SegmentSpec[], batch: Buffer): Promise<Buffer | OpenedSegments> | undefined {
    let bytes = 0;
    for (const segment of segments) bytes += segment.length;
    if (bytes < HERE_BELOW_BYTES) return undefined;
    const target = thread();
    if (!target || gone) return undefined;
    if (batch.byteOffset !== 0) return Promise.reject(new TypeError("the batch must begin its own ArrayBuffer"));
    return new Promise<Buffer | OpenedSegments>((resolve, reject) => {
      const id = nextId++;
      if (waiting.size === 0) target.ref();
      waiting.set(id, { resolve, reject });
      const message = { id, op, key: Uint8Array.from(key), segments, batch: batch.buffer };
      target.postMessage(message, [batch.buffer as ArrayBuffer]);
    });
  }

  return {
    seal(key, segments, batch) {
      const sent = send("seal", key, segments, batch) as Promise<Buffer> | undefined;
      return sent ?? Promise.resolve(sealSegmentsHere(key, segments, batch));
    },
    open(key, segments, batch) {
      const sent = send("open", key, segments, batch) as Promise<OpenedSegments> | undefined;
      return sent ?? Promise.resolve(openSegmentsHere(key, segments, batch));
    },
    async close() {
      if (worker && !gone) {
        worker.ref();
        worker.postMessage("close");
      }
      gone = true;
      await exited;
    },
  };
}

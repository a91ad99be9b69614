// read: the plaintext of a byte range of a body, streamed. The data key is opened first (KMS
// Decrypt as the caller for SSE-KMS), and every part's file is checked to exist with its exact
// length, so refusals and missing files fail the call before any byte is sent. Then only the
// segments the range touches are read, in batches of up to 1 MiB, and each is authenticated before
// a byte of it is yielded: a segment that fails is a BodyError (InternalError), never plaintext.
// Batches are opened by the sealer (segment-sealer.ts: on its thread when large enough), the next
// batch read from disk meanwhile.
import { stat } from "node:fs/promises";
import type { SegmentSealer, SegmentSpec } from "../../crypto/index.ts";
import { closeFile, openFile, readAt } from "./files.ts";
import type { DataKeys } from "./envelopes.ts";
import { blobKey, nonceOf } from "./envelopes.ts";
import { integrityError } from "./errors.ts";
import { BLOB_ID, HEADER, HEADER_BYTES, SEGMENT_BYTES, TAG_BYTES, blobFileBytes, segmentAad, segmentCount, segmentIv, segmentOffset, segmentPlainBytes } from "./format.ts";
import type { BlobLayout } from "./layout.ts";
import type { SseCaller, StoredBody, StoredPart } from "./types.ts";

const BATCH_SEGMENTS = 16;

/** One part's share of the range: plaintext bytes [from, to] of the part (to = from - 1: none, but still authenticated). */
interface Slice {
  part: StoredPart;
  from: number;
  to: number;
}

function checkBody(body: StoredBody): void {
  let total = 0;
  for (const part of body.parts) {
    if (!BLOB_ID.test(part.blobId) || !Number.isSafeInteger(part.size) || part.size < 0) throw integrityError(String(part.blobId), "not a stored part");
    total += part.size;
  }
  if (total !== body.size) throw integrityError(body.parts[0]?.blobId ?? "-", "the parts' sizes do not add up to the body's");
}

/** The parts the range touches; the whole body reads every part, empty ones included. */
function slicesOf(body: StoredBody, range: { start: number; end: number } | undefined): Slice[] {
  if (range === undefined) return body.parts.map((part) => ({ part, from: 0, to: part.size - 1 }));
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end >= body.size) {
    throw new RangeError(`range ${start}-${end} is not within a body of ${body.size} bytes`);
  }
  const slices: Slice[] = [];
  let offset = 0;
  for (const part of body.parts) {
    const first = offset;
    const last = offset + part.size - 1;
    offset += part.size;
    if (part.size === 0 || last < start || first > end) continue;
    slices.push({ part, from: Math.max(start, first) - first, to: Math.min(end, last) - first });
  }
  return slices;
}

async function checkFiles(layout: BlobLayout, slices: Slice[]): Promise<void> {
  await Promise.all(
    slices.map(async ({ part }) => {
      const info = await stat(layout.pathOf(part.blobId)).catch(() => undefined);
      if (!info) throw integrityError(part.blobId, "the file is missing");
      if (info.size !== blobFileBytes(part.size)) throw integrityError(part.blobId, `the file holds ${info.size} bytes, not ${blobFileBytes(part.size)}`);
    }),
  );
}

async function* readSlice(layout: BlobLayout, sealer: SegmentSealer, dataKey: Buffer, nonce: Buffer, slice: Slice): AsyncGenerator<Buffer> {
  const { part, from, to } = slice;
  const { blobId, size } = part;
  const key = blobKey(dataKey, blobId);
  const count = segmentCount(size);
  const fd = await openFile(layout.pathOf(blobId), "r");
  /** Reads segments [start, end] (each batch in a buffer of its own: opening may move it to the thread). */
  const readBatch = async (start: number, end: number): Promise<{ start: number; end: number; bytes: Buffer; segments: SegmentSpec[] }> => {
    const segments: SegmentSpec[] = [];
    let length = 0;
    for (let i = start; i <= end; i++) {
      const sealedBytes = segmentPlainBytes(size, i) + TAG_BYTES;
      segments.push({ iv: segmentIv(nonce, i), aad: segmentAad(blobId, i, i === count - 1), length: sealedBytes });
      length += sealedBytes;
    }
    const bytes = Buffer.allocUnsafeSlow(length);
    if ((await readAt(fd, bytes, segmentOffset(start))) !== length) throw integrityError(blobId, "the file is shorter than its body");
    return { start, end, bytes, segments };
  };
  // The next batch's read, started while the current one is opened and sent (settled before the file closes).
  let next: Promise<Awaited<ReturnType<typeof readBatch>>> | undefined;
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    if ((await readAt(fd, header, 0)) !== HEADER_BYTES || !header.equals(HEADER)) throw integrityError(blobId, "not a blob of this format");
    const first = size === 0 ? 0 : Math.floor(from / SEGMENT_BYTES);
    const last = size === 0 ? 0 : Math.floor(to / SEGMENT_BYTES);
    const batchOf = (start: number) => {
      const read = readBatch(start, Math.min(last, start + BATCH_SEGMENTS - 1));
      read.catch(() => undefined); // awaited below, or dropped with the stream
      return read;
    };
    next = batchOf(first);
    for (let batchStart = first; batchStart <= last; batchStart += BATCH_SEGMENTS) {
      const batch = await next!;
      next = batchStart + BATCH_SEGMENTS <= last ? batchOf(batchStart + BATCH_SEGMENTS) : undefined;
      const opened = await sealer.open(key, batch.segments, batch.bytes);
      // The segments that authenticated come out; then the one that did not stops the stream.
      const good = opened.failed === undefined ? batch.end : batch.start + opened.failed - 1;
      let at = 0;
      for (let i = batch.start; i <= good; i++) {
        const plainBytes = segmentPlainBytes(size, i);
        const base = i * SEGMENT_BYTES;
        const lo = Math.max(from, base) - base;
        const hi = Math.min(to, base + plainBytes - 1) - base;
        if (hi >= lo) yield opened.plaintext.subarray(at + lo, at + hi + 1);
        at += plainBytes;
      }
      if (opened.failed !== undefined) throw integrityError(blobId, `segment ${good + 1} does not authenticate`);
    }
  } finally {
    key.fill(0);
    await next?.catch(() => undefined);
    await closeFile(fd);
  }
}

export async function readBody(
  layout: BlobLayout,
  sealer: SegmentSealer,
  keys: DataKeys,
  body: StoredBody,
  range: { start: number; end: number } | undefined,
  who: SseCaller,
): Promise<AsyncIterable<Uint8Array>> {
  checkBody(body);
  const slices = slicesOf(body, range);
  const nonce = nonceOf(body.envelope);
  const dataKey = await keys.dataKeyOf(body.envelope, who, "read");
  try {
    await checkFiles(layout, slices);
  } catch (error) {
    dataKey.fill(0);
    throw error;
  }
  return (async function* stream() {
    try {
      for (const slice of slices) yield* readSlice(layout, sealer, dataKey, nonce, slice);
    } finally {
      dataKey.fill(0);
    }
  })();
}

// writePart: plaintext in, ciphertext on disk. The source is gathered into batches of 16 segments
// of 64 KiB (1 MiB); a full batch is sealed (by the sealer, segment-sealer.ts, on its thread when
// it is large enough to be worth the trip) once the next byte arrives (the last segment is sealed
// knowing it is the last), and written while the next batch fills: one batch in flight, so memory
// stays flat whatever the size. Then fsync, rename into place, fsync of the directory. On any
// failure or abort the temporary file goes.
// The part's ETag is S3's: the plaintext's MD5 for SSE-S3; for SSE-KMS, as S3 documents ("not an
// MD5 digest of their object data"), a digest of the sealed segments' tags, which names these
// bytes under this key and costs nothing; the MD5 is still computed when asked for (Content-MD5).
import { createDigest, randomHex, type SegmentSealer, type SegmentSpec } from "../../crypto/index.ts";
import type { DataKeys } from "./envelopes.ts";
import { blobKey, nonceOf } from "./envelopes.ts";
import { HEADER, SEGMENT_BYTES, TAG_BYTES, segmentAad, segmentIv } from "./format.ts";
import { closeFile, openFile, removeFile, renameFile, syncFile, writeAll } from "./files.ts";
import type { BlobLayout } from "./layout.ts";
import type { Envelope, SseCaller, WrittenPart } from "./types.ts";

/** A batch's plaintext: 16 segments. */
const BATCH_BYTES = 16 * SEGMENT_BYTES;

/** The source's chunks, until it ends or `signal` aborts (then the pending read is abandoned). */
async function* untilAborted(source: AsyncIterable<Uint8Array>, signal: AbortSignal | undefined): AsyncGenerator<Uint8Array> {
  if (!signal) {
    yield* source;
    return;
  }
  signal.throwIfAborted();
  const iterator = source[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      // One abort listener per step, removed when the step settles: racing every chunk against one
      // long-lived promise would keep every chunk reachable until the write ends.
      const step = await new Promise<IteratorResult<Uint8Array>>((resolve, reject) => {
        const onAbort = (): void => reject(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
        iterator.next().then(
          (result) => {
            signal.removeEventListener("abort", onAbort);
            resolve(result);
          },
          (error: unknown) => {
            signal.removeEventListener("abort", onAbort);
            reject(error);
          },
        );
      });
      if (step.done) {
        finished = true;
        return;
      }
      yield step.value;
      signal.throwIfAborted();
    }
  } finally {
    if (!finished) iterator.return?.()?.catch(() => undefined);
  }
}

export async function writePart(
  layout: BlobLayout,
  keys: DataKeys,
  sealer: SegmentSealer,
  envelope: Envelope,
  source: AsyncIterable<Uint8Array>,
  who: SseCaller,
  signal?: AbortSignal,
  options: { md5?: boolean } = {},
): Promise<WrittenPart> {
  signal?.throwIfAborted();
  const nonce = nonceOf(envelope);
  const blobId = randomHex(16);
  const dataKey = await keys.dataKeyOf(envelope, who, "write");
  const key = blobKey(dataKey, blobId);
  dataKey.fill(0);
  const temp = layout.tempPathOf(blobId);
  const path = layout.pathOf(blobId);
  let fd: number | undefined;
  let published = false;
  let done = false;
  // The batch being sealed and written while the next one fills (settled before the file closes).
  let writing: Promise<void> = Promise.resolve();
  try {
    fd = await openFile(temp, "wx", 0o600);
    const file = fd;
    const md5 = envelope.algorithm !== "aws:kms" || options.md5 === true ? createDigest("md5") : undefined;
    const tags = createDigest("md5");
    // The batch grows to BATCH_BYTES as bytes come (a small body never holds a whole MiB); each
    // batch has an ArrayBuffer of its own, which sealing on the thread takes away.
    let batch = Buffer.allocUnsafeSlow(SEGMENT_BYTES);
    let used = 0;
    let firstIndex = 0;
    let size = 0;

    /** Seals the batch (its last segment is the body's last when `last`) and queues its write. */
    const dispatch = async (last: boolean) => {
      const count = used === 0 ? 1 : Math.ceil(used / SEGMENT_BYTES);
      const segments: SegmentSpec[] = [];
      for (let i = 0; i < count; i++) {
        const index = firstIndex + i;
        segments.push({ iv: segmentIv(nonce, index), aad: segmentAad(blobId, index, last && i === count - 1), length: Math.min(SEGMENT_BYTES, used - i * SEGMENT_BYTES) });
      }
      const sealing = sealer.seal(key, segments, batch);
      const buffers: Buffer[] = firstIndex === 0 ? [HEADER] : [];
      firstIndex += count;
      // (The batch may have moved to the sealing thread: the next one is a new buffer.)
      if (!last) batch = Buffer.allocUnsafeSlow(BATCH_BYTES);
      used = 0;
      await writing;
      writing = sealing.then((sealed) => {
        let at = 0;
        for (const segment of segments) {
          at += segment.length + TAG_BYTES;
          tags.update(sealed.subarray(at - TAG_BYTES, at));
        }
        buffers.push(sealed);
        return writeAll(file, buffers, sealed.length + (buffers.length - 1) * HEADER.length);
      });
      // Awaited by the next dispatch or the end; until then a failure must not go unhandled.
      writing.catch(() => undefined);
    };

    for await (const chunk of untilAborted(source, signal)) {
      md5?.update(chunk);
      size += chunk.length;
      let offset = 0;
      while (offset < chunk.length) {
        if (used === BATCH_BYTES) await dispatch(false);
        if (used === batch.length) {
          const grown = Buffer.allocUnsafeSlow(Math.min(BATCH_BYTES, batch.length * 4));
          batch.copy(grown, 0, 0, used);
          batch = grown;
        }
        const n = Math.min(batch.length - used, chunk.length - offset);
        batch.set(chunk.subarray(offset, offset + n), used);
        used += n;
        offset += n;
      }
    }
    await dispatch(true);
    await writing;
    await syncFile(file);
    signal?.throwIfAborted();
    await layout.prepare(blobId);
    // The file is closed while it is renamed into place (a rename needs no closed file): one
    // round trip to the thread pool fewer on every write.
    const closing = closeFile(file);
    fd = undefined;
    const [closed, renamed] = await Promise.allSettled([closing, renameFile(temp, path)]);
    if (renamed.status === "fulfilled") published = true;
    if (closed.status === "rejected") throw closed.reason;
    if (renamed.status === "rejected") throw renamed.reason;
    await layout.syncDirOf(blobId);
    signal?.throwIfAborted();
    const md5Hex = md5?.digest().toString("hex");
    done = true;
    return { blobId, size, md5Hex, etagHex: envelope.algorithm === "aws:kms" ? tags.digest().toString("hex") : md5Hex! };
  } finally {
    await writing.catch(() => undefined);
    key.fill(0);
    if (fd !== undefined) await closeFile(fd).catch(() => undefined);
    if (!done) await removeFile(published ? path : temp).catch(() => undefined);
  }
}

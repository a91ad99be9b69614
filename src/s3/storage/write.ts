// writePart: plaintext in, ciphertext on disk. The source is cut into 64 KiB segments, each sealed
// as it fills (a full segment waits for the next byte to know whether it is the last), written in
// batches of about 1 MiB with backpressure, so memory stays flat whatever the size. Then fsync,
// rename into place, fsync of the directory. On any failure or abort the temporary file goes.
// The part's ETag is S3's: the plaintext's MD5 for SSE-S3; for SSE-KMS, as S3 documents ("not an
// MD5 digest of their object data"), a digest of the sealed segments' tags, which names these
// bytes under this key and costs nothing; the MD5 is still computed when asked for (Content-MD5).
import { createDigest, randomHex, sealSegmentParts } from "../../crypto/index.ts";
import type { DataKeys } from "./envelopes.ts";
import { blobKey, nonceOf } from "./envelopes.ts";
import { HEADER, HEADER_BYTES, SEGMENT_BYTES, segmentAad, segmentIv } from "./format.ts";
import { closeFile, openFile, removeFile, renameFile, syncFile, writeAll } from "./files.ts";
import type { BlobLayout } from "./layout.ts";
import type { Envelope, SseCaller, WrittenPart } from "./types.ts";

const BATCH_BYTES = 1024 * 1024;

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
  try {
    fd = await openFile(temp, "wx", 0o600);
    const md5 = envelope.algorithm !== "aws:kms" || options.md5 === true ? createDigest("md5") : undefined;
    const tags = createDigest("md5");
    const segment = Buffer.allocUnsafe(SEGMENT_BYTES);
    let fill = 0;
    let index = 0;
    let size = 0;
    let pending: Buffer[] = [HEADER];
    let pendingBytes = HEADER_BYTES;
    const seal = (last: boolean) => {
      const [ciphertext, tag] = sealSegmentParts(key, segmentIv(nonce, index), segment.subarray(0, fill), segmentAad(blobId, index, last));
      tags.update(tag);
      pending.push(ciphertext, tag);
      pendingBytes += ciphertext.length + tag.length;
      index += 1;
      fill = 0;
    };
    const flush = async () => {
      const batch = pending;
      const bytes = pendingBytes;
      pending = [];
      pendingBytes = 0;
      if (bytes > 0) await writeAll(fd!, batch, bytes);
    };
    for await (const chunk of untilAborted(source, signal)) {
      md5?.update(chunk);
      size += chunk.length;
      let offset = 0;
      while (offset < chunk.length) {
        if (fill === SEGMENT_BYTES) {
          seal(false);
          if (pendingBytes >= BATCH_BYTES) await flush();
        }
        const n = Math.min(SEGMENT_BYTES - fill, chunk.length - offset);
        segment.set(chunk.subarray(offset, offset + n), fill);
        fill += n;
        offset += n;
      }
    }
    seal(true);
    await flush();
    await syncFile(fd);
    signal?.throwIfAborted();
    await layout.prepare(blobId);
    // The file is closed while it is renamed into place (a rename needs no closed file): one
    // round trip to the thread pool fewer on every write.
    const closing = closeFile(fd);
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
    key.fill(0);
    if (fd !== undefined) await closeFile(fd).catch(() => undefined);
    if (!done) await removeFile(published ? path : temp).catch(() => undefined);
  }
}

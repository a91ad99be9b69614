// S3 object bodies with SSE-S3: round trips of every size that matters to the 64 KiB segments,
// ranges at their edges, bodies of several parts, what an attacker with the files could try
// (tampering, truncation, reordering, swapping segments or files between objects), only ciphertext
// on disk, and the temporary files of failed, aborted and interrupted writes.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadOrCreateFileRootKey } from "../../src/crypto/index.ts";
import type { KmsDeps } from "../../src/kms/index.ts";
import { createObjectBodies, type Envelope, type StoredBody, type StoredPart } from "../../src/s3/storage/index.ts";
import { blobPath, chunked, collect, failure, filesUnder, KiB, MARKER, MiB, noneHolds, plaintext, SEGMENT, sseS3Bodies, who } from "./storage-support.ts";

const { bodies, dir, rootKey } = sseS3Bodies();
after(async () => {
  await rootKey.close();
  rmSync(dirname(dir), { recursive: true, force: true });
});

const md5 = (b: Buffer) => createHash("md5").update(b).digest("hex");
const ARN = "arn:aws:s3:::lab-bucket/some/key";

async function put(bytes: Buffer, sizes?: number[], envelope?: Envelope): Promise<{ body: StoredBody; part: StoredPart }> {
  const env = envelope ?? (await bodies.newEnvelope({ algorithm: "AES256" }, ARN, who()));
  const part = await bodies.writePart(env, chunked(bytes, sizes), who());
  assert.equal(part.size, bytes.length);
  assert.equal(part.md5Hex, md5(bytes));
  const stored: StoredPart = { blobId: part.blobId, size: part.size };
  return { body: { envelope: env, parts: [stored], size: part.size, md5Hex: part.md5Hex }, part: stored };
}

/** The body as the store would give it back: its JSON, parsed (no object identity with what newEnvelope returned). */
const fromStore = (body: StoredBody): StoredBody => JSON.parse(JSON.stringify(body)) as StoredBody;

const readAll = async (body: StoredBody, range?: { start: number; end: number }) => collect(await bodies.read(body, range, who()));

describe("round trips", () => {
  for (const size of [0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 2 * SEGMENT, 5 * MiB + 3]) {
    it(`${size} bytes, in chunks of every shape`, async () => {
      const bytes = plaintext(size);
      for (const sizes of [[16 * KiB], [1, 7, 65_535, 100_000], [MiB]]) {
        if (size > MiB && sizes[0] === 1) continue;
        const { body, part } = await put(bytes, sizes);
        assert.deepEqual(await readAll(fromStore(body)), bytes);
        // header, then each segment's ciphertext and tag: nothing else is written
        const segments = size === 0 ? 1 : Math.ceil(size / SEGMENT);
        assert.equal(statSync(blobPath(dir, part.blobId)).size, 8 + size + 16 * segments);
      }
    });
  }

  it("reads the same object back while another is written, and two envelopes never share a data key", async () => {
    const a = plaintext(3 * SEGMENT + 17);
    const b = plaintext(2 * SEGMENT);
    const [pa, pb] = await Promise.all([put(a), put(b)]);
    assert.notEqual(pa.body.envelope.encryptedDataKey, pb.body.envelope.encryptedDataKey);
    assert.notEqual(pa.body.envelope.nonce, pb.body.envelope.nonce);
    const [ra, rb] = await Promise.all([readAll(fromStore(pa.body)), readAll(fromStore(pb.body))]);
    assert.deepEqual(ra, a);
    assert.deepEqual(rb, b);
  });

  it("keeps no plaintext on disk: the marker written into every 4 KiB appears in no file", async () => {
    await put(plaintext(3 * MiB));
    assert.ok(filesUnder(dir).length > 5);
    assert.ok(noneHolds(dirname(dir), MARKER));
    assert.deepEqual(readdirSync(join(dir, "tmp")), []);
  });

  it("SSE-S3 envelopes hold the data key wrapped under the root key only: another root key cannot open them", async () => {
    const bytes = plaintext(1000);
    const { body } = await put(bytes);
    assert.equal(body.envelope.algorithm, "AES256");
    assert.equal(body.envelope.kmsKeyArn, undefined);
    assert.equal(Buffer.from(body.envelope.nonce, "base64").length, 8);
    const otherRoot = loadOrCreateFileRootKey(join(dirname(dir), "other-root"));
    const other = createObjectBodies({ dir, kms: {} as KmsDeps, rootKey: otherRoot });
    const error = await failure(async () => collect(await other.read(fromStore(body), undefined, who())));
    assert.equal(error.code, "ERR_S3_DATA_KEY");
    assert.equal(error.status, 500);
    await otherRoot.close();
  });
});

describe("ranges", () => {
  const size = 3 * SEGMENT + 5;
  const bytes = plaintext(size);
  let body: StoredBody;

  it("reads exactly the bytes asked for, at and across segment edges", async () => {
    body = fromStore((await put(bytes)).body);
    const edges = [0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 2 * SEGMENT - 1, 2 * SEGMENT, 3 * SEGMENT - 1, 3 * SEGMENT, size - 1];
    for (const start of edges) {
      for (const end of edges) {
        if (end < start) continue;
        assert.deepEqual(await readAll(body, { start, end }), bytes.subarray(start, end + 1), `${start}-${end}`);
      }
    }
  });

  it("refuses a range outside the body (the HTTP layer answers InvalidRange before)", async () => {
    for (const range of [{ start: 0, end: size }, { start: 5, end: 4 }, { start: -1, end: 3 }]) {
      await assert.rejects(bodies.read(body, range, who()), RangeError);
    }
  });

  it("reads bodies of several parts (a multipart upload under one envelope), whole and by random ranges", async () => {
    const envelope = await bodies.newEnvelope({ algorithm: "AES256" }, ARN, who());
    const pieces = [plaintext(SEGMENT + 3), plaintext(70_000), plaintext(1), plaintext(2 * SEGMENT)];
    const parts: StoredPart[] = [];
    for (const piece of pieces) {
      // Each part written with the envelope as the store gives it back (UploadPart).
      const part = await bodies.writePart(fromStore({ envelope, parts: [], size: 0, md5Hex: "" }).envelope, chunked(piece), who());
      parts.push({ blobId: part.blobId, size: part.size });
    }
    const all = Buffer.concat(pieces);
    const multi: StoredBody = { envelope: fromStore({ envelope, parts: [], size: 0, md5Hex: "" }).envelope, parts, size: all.length, md5Hex: "" };
    assert.deepEqual(await readAll(multi), all);
    for (let i = 0; i < 200; i++) {
      const a = Math.floor(Math.random() * all.length);
      const b = Math.floor(Math.random() * all.length);
      const range = { start: Math.min(a, b), end: Math.max(a, b) };
      assert.deepEqual(await readAll(multi, range), all.subarray(range.start, range.end + 1));
    }
    // A body whose parts do not add up is refused.
    assert.equal((await failure(() => bodies.read({ ...multi, size: all.length + 1 }, undefined, who()))).code, "ERR_S3_BODY_INTEGRITY");
  });

  it("reads only the segments a range needs (a damaged segment elsewhere does not matter)", async () => {
    const { body: b, part } = await put(bytes);
    const path = blobPath(dir, part.blobId);
    const file = readFileSync(path);
    file.writeUInt8(file.readUInt8(8 + 2 * (SEGMENT + 16) + 10) ^ 1, 8 + 2 * (SEGMENT + 16) + 10); // in segment 2
    writeFileSync(path, file);
    assert.deepEqual(await readAll(fromStore(b), { start: 0, end: 2 * SEGMENT - 1 }), bytes.subarray(0, 2 * SEGMENT));
    assert.equal((await failure(() => readAll(fromStore(b), { start: 2 * SEGMENT, end: 2 * SEGMENT }))).code, "ERR_S3_BODY_INTEGRITY");
  });
});

describe("what someone with the files could try", () => {
  const size = 4 * SEGMENT;
  const bytes = plaintext(size);
  const sealed = SEGMENT + 16;
  const at = (i: number) => 8 + i * sealed;

  /** Reads the whole body, and returns what came out before the failure and the failure. */
  async function readUntilFailure(body: StoredBody): Promise<{ out: Buffer; error: (Error & { code?: string; status?: number }) | undefined }> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of await bodies.read(body, undefined, who())) chunks.push(Buffer.from(chunk));
      return { out: Buffer.concat(chunks), error: undefined };
    } catch (error) {
      return { out: Buffer.concat(chunks), error: error as Error & { code?: string; status?: number } };
    }
  }

  it("a flipped bit: an internal error, and nothing of that segment comes out", async () => {
    for (const offset of [at(1) + 5, at(1) + sealed - 1 /* its tag */, 3 /* the header */]) {
      const { body, part } = await put(bytes);
      const path = blobPath(dir, part.blobId);
      const file = readFileSync(path);
      file.writeUInt8(file.readUInt8(offset) ^ 0x80, offset);
      writeFileSync(path, file);
      const { out, error } = await readUntilFailure(fromStore(body));
      assert.equal(error?.code, "ERR_S3_BODY_INTEGRITY");
      assert.equal(error?.status, 500);
      assert.ok(out.length <= SEGMENT, "at most the segments before the damaged one");
      assert.deepEqual(out, bytes.subarray(0, out.length));
    }
  });

  it("truncation: a shorter file is refused before any byte; cut at a segment edge with the size changed to match, the last segment is not the last", async () => {
    const { body, part } = await put(bytes);
    const path = blobPath(dir, part.blobId);
    truncateSync(path, at(3));
    assert.equal((await failure(() => bodies.read(fromStore(body), undefined, who()))).code, "ERR_S3_BODY_INTEGRITY");
    const shorter: StoredBody = { ...fromStore(body), parts: [{ blobId: part.blobId, size: 3 * SEGMENT }], size: 3 * SEGMENT };
    const { out, error } = await readUntilFailure(shorter);
    assert.equal(error?.code, "ERR_S3_BODY_INTEGRITY");
    assert.ok(out.length <= 2 * SEGMENT);
    // and appending a segment of one's own is no better
    const { body: other, part: otherPart } = await put(bytes);
    const longer = Buffer.concat([readFileSync(blobPath(dir, otherPart.blobId)), readFileSync(blobPath(dir, otherPart.blobId)).subarray(at(0), at(1))]);
    writeFileSync(blobPath(dir, otherPart.blobId), longer);
    const grown: StoredBody = { ...fromStore(other), parts: [{ blobId: otherPart.blobId, size: 5 * SEGMENT }], size: 5 * SEGMENT };
    assert.equal((await readUntilFailure(grown)).error?.code, "ERR_S3_BODY_INTEGRITY");
  });

  it("reordering segments within a file fails", async () => {
    const { body, part } = await put(bytes);
    const path = blobPath(dir, part.blobId);
    const file = readFileSync(path);
    const swapped = Buffer.concat([file.subarray(0, at(1)), file.subarray(at(2), at(3)), file.subarray(at(1), at(2)), file.subarray(at(3))]);
    writeFileSync(path, swapped);
    const { out, error } = await readUntilFailure(fromStore(body));
    assert.equal(error?.code, "ERR_S3_BODY_INTEGRITY");
    assert.deepEqual(out, bytes.subarray(0, SEGMENT));
  });

  it("swapping files or segments between objects fails, even between the parts of one upload (one envelope)", async () => {
    const envelope = await bodies.newEnvelope({ algorithm: "AES256" }, ARN, who());
    const a = await put(bytes, undefined, envelope);
    const b = await put(plaintext(size), undefined, envelope);
    const c = await put(plaintext(size)); // another envelope
    // b's file under a's name
    copyFileSync(blobPath(dir, b.part.blobId), blobPath(dir, a.part.blobId));
    assert.equal((await readUntilFailure(fromStore(a.body))).error?.code, "ERR_S3_BODY_INTEGRITY");
    // one segment of c in b
    const fileB = readFileSync(blobPath(dir, b.part.blobId));
    readFileSync(blobPath(dir, c.part.blobId)).copy(fileB, at(2), at(2), at(3));
    writeFileSync(blobPath(dir, b.part.blobId), fileB);
    const { out, error } = await readUntilFailure(fromStore(b.body));
    assert.equal(error?.code, "ERR_S3_BODY_INTEGRITY");
    assert.equal(out.length, 2 * SEGMENT);
    // another object's envelope on this body
    const d = await put(bytes);
    assert.equal((await readUntilFailure({ ...fromStore(d.body), envelope: fromStore(c.body).envelope })).error?.code, "ERR_S3_BODY_INTEGRITY");
    // or this envelope with its nonce changed
    const e = await put(bytes);
    const wrongNonce = { ...fromStore(e.body), envelope: { ...fromStore(e.body).envelope, nonce: Buffer.alloc(8).toString("base64") } };
    assert.equal((await readUntilFailure(wrongNonce)).error?.code, "ERR_S3_DATA_KEY");
  });

  it("a missing file fails before any byte; remove() is idempotent", async () => {
    const { body, part } = await put(bytes);
    await bodies.remove([part]);
    await bodies.remove([part, { blobId: "../../etc/passwd", size: 1 }]);
    assert.equal(existsSync(blobPath(dir, part.blobId)), false);
    assert.equal((await failure(() => bodies.read(fromStore(body), undefined, who()))).code, "ERR_S3_BODY_INTEGRITY");
  });
});

describe("failed and interrupted writes leave nothing", () => {
  const objectsNow = () => filesUnder(join(dir, "objects")).length;

  it("an abort while the source waits: rejected with the abort's reason, the temporary file removed", async () => {
    const envelope = await bodies.newEnvelope({ algorithm: "AES256" }, ARN, who());
    const before = objectsNow();
    const controller = new AbortController();
    let sent = 0;
    let tempFiles = 0;
    async function* stalled(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 40; i++) {
        sent += 1;
        yield plaintext(64 * KiB);
      }
      tempFiles = readdirSync(join(dir, "tmp")).length;
      setTimeout(() => controller.abort(new Error("client went away")), 0);
      await new Promise(() => undefined); // never ends, as a client that stopped sending
    }
    const error = await failure(() => bodies.writePart(envelope, stalled(), who(), controller.signal));
    assert.equal(error.message, "client went away");
    assert.equal(sent, 40);
    assert.equal(tempFiles, 1, "the part was being written when the client stopped");
    assert.deepEqual(readdirSync(join(dir, "tmp")), []);
    assert.equal(objectsNow(), before);
  });

  it("an abort between chunks, an already aborted signal, and a source that fails", async () => {
    const envelope = await bodies.newEnvelope({ algorithm: "AES256" }, ARN, who());
    const before = objectsNow();
    const controller = new AbortController();
    async function* aborting(): AsyncGenerator<Uint8Array> {
      yield plaintext(3 * MiB);
      controller.abort();
      yield plaintext(10);
    }
    assert.equal((await failure(() => bodies.writePart(envelope, aborting(), who(), controller.signal))).name, "AbortError");
    assert.equal((await failure(() => bodies.writePart(envelope, chunked(plaintext(10)), who(), controller.signal))).name, "AbortError");
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield plaintext(2 * MiB);
      throw new Error("connection reset");
    }
    assert.equal((await failure(() => bodies.writePart(envelope, broken(), who()))).message, "connection reset");
    assert.deepEqual(readdirSync(join(dir, "tmp")), []);
    assert.equal(objectsNow(), before);
  });

  it("temporary files that a crash left are removed when the bodies start", async () => {
    writeFileSync(join(dir, "tmp", "0123456789abcdef0123456789abcdef.deadbeef.tmp"), "half a part");
    const again = createObjectBodies({ dir, kms: {} as KmsDeps, rootKey });
    assert.deepEqual(readdirSync(join(dir, "tmp")), []);
    const { body } = await put(plaintext(10));
    assert.equal((await collect(await again.read(fromStore(body), undefined, who()))).length, 10);
  });
});

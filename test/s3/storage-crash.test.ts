// kill -9 in the middle of a write: the part that writePart acknowledged reads back whole, the one
// being written left only a temporary file, and the next start removes it.
import { after, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { loadOrCreateFileRootKey } from "../../src/crypto/index.ts";
import type { KmsDeps } from "../../src/kms/index.ts";
import { createObjectBodies, type Envelope, type StoredPart } from "../../src/s3/storage/index.ts";
import { collect, filesUnder, MARKER, noneHolds, who } from "./storage-support.ts";

const dataDir = mkdtempSync(join(tmpdir(), "federa-s3-crash-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

it("an acknowledged part survives kill -9; the interrupted one leaves nothing after the next start", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./storage-crash-child.ts", import.meta.url)), dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
  let acknowledged: { envelope: Envelope; part: StoredPart & { md5Hex: string } } | undefined;
  for await (const line of createInterface({ input: child.stdout! })) {
    const message = JSON.parse(line) as { acknowledged?: typeof acknowledged; stalled?: boolean };
    if (message.acknowledged) acknowledged = message.acknowledged;
    if (message.stalled) {
      child.kill("SIGKILL");
      break;
    }
  }
  assert.equal(await exited, "SIGKILL");
  assert.ok(acknowledged);
  const tmp = join(dataDir, "s3", "tmp");
  assert.equal(readdirSync(tmp).length, 1, "the write in progress left its temporary file");
  assert.ok(noneHolds(dataDir, MARKER), "and only ciphertext");

  const rootKey = loadOrCreateFileRootKey(dataDir);
  const bodies = createObjectBodies({ dir: join(dataDir, "s3"), kms: {} as KmsDeps, rootKey });
  assert.deepEqual(readdirSync(tmp), []);
  assert.equal(filesUnder(join(dataDir, "s3", "objects")).length, 1);
  const { part } = acknowledged;
  const body = await collect(await bodies.read({ envelope: acknowledged.envelope, parts: [{ blobId: part.blobId, size: part.size }], size: part.size, md5Hex: part.md5Hex }, undefined, who()));
  assert.equal(body.length, 3 * 1024 * 1024 + 5);
  assert.equal(createHash("md5").update(body).digest("hex"), part.md5Hex);
  await rootKey.close();
});

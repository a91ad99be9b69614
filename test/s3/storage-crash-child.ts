// Run by storage-crash.test.ts in a child process: writes one part to completion and reports it,
// then starts another that stalls half-way, reports that, and waits to be killed (kill -9).
import { join } from "node:path";
import { loadOrCreateFileRootKey } from "../../src/crypto/index.ts";
import type { KmsDeps } from "../../src/kms/index.ts";
import { createObjectBodies } from "../../src/s3/storage/index.ts";
import { chunked, MiB, plaintext, who } from "./storage-support.ts";

const dataDir = process.argv[2]!;
const bodies = createObjectBodies({ dir: join(dataDir, "s3"), kms: {} as KmsDeps, rootKey: loadOrCreateFileRootKey(dataDir) });
const envelope = await bodies.newEnvelope({ algorithm: "AES256" }, "arn:aws:s3:::crash/acknowledged", who());
const bytes = plaintext(3 * MiB + 5);
const part = await bodies.writePart(envelope, chunked(bytes), who());
process.stdout.write(JSON.stringify({ acknowledged: { envelope, part, md5: part.md5Hex } }) + "\n");
async function* stalls() {
  yield plaintext(4 * MiB);
  yield plaintext(4 * MiB);
  process.stdout.write(JSON.stringify({ stalled: true }) + "\n");
  await new Promise(() => undefined);
}
await bodies.writePart(envelope, stalls(), who());

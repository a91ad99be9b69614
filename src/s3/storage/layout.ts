// Where blobs live under the S3 directory (<dataDir>/s3):
//   tmp/<blobId>.<random>.tmp        a part being written (removed on failure, and all of them at start)
//   objects/<first 2 hex digits>/<blobId>   a written part, published by rename(2) after fsync
// A crash leaves at most temporary files, which the next start removes. The directory entry of a
// published blob is made durable by fsync of its directory before the write is acknowledged.
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { randomHex } from "../../crypto/index.ts";
import { BLOB_ID } from "./format.ts";
import { closeFile, openFile, syncDirectory, syncFile } from "./files.ts";

export interface BlobLayout {
  /** The path of a published blob (the id is checked: it names a file). */
  pathOf(blobId: string): string;
  /** A fresh temporary path for a blob being written. */
  tempPathOf(blobId: string): string;
  /** Makes sure the blob's directory exists (durably) before a rename into it. */
  prepare(blobId: string): Promise<void>;
  /** fsync of the blob's directory, after a rename into it. */
  syncDirOf(blobId: string): Promise<void>;
  /** Closes the directories kept open for syncDirOf (later syncs open and close their own). */
  close(): Promise<void>;
}

function checkId(blobId: string): string {
  if (!BLOB_ID.test(blobId)) throw new TypeError("not a blob id");
  return blobId;
}

/** Sets the directory up (synchronously, at start) and removes what an interrupted write left. */
export function createBlobLayout(dir: string): BlobLayout {
  const tmp = join(dir, "tmp");
  const objects = join(dir, "objects");
  mkdirSync(tmp, { recursive: true, mode: 0o700 });
  mkdirSync(objects, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(tmp)) rmSync(join(tmp, name), { recursive: true, force: true });
  const ready = new Set<string>();
  // The prefix directories stay open once synced (at most 256 descriptors): a write's directory
  // fsync is then one call to the thread pool, not three.
  const open = new Map<string, Promise<number>>();
  let closed = false;
  const descriptorOf = (path: string): Promise<number> => {
    let fd = open.get(path);
    if (!fd) {
      fd = openFile(path, "r");
      open.set(path, fd);
      fd.catch(() => open.delete(path));
    }
    return fd;
  };
  const prefixDir = (blobId: string) => join(objects, checkId(blobId).slice(0, 2));
  return {
    pathOf: (blobId) => join(prefixDir(blobId), blobId),
    tempPathOf: (blobId) => join(tmp, `${checkId(blobId)}.${randomHex(6)}.tmp`),
    async prepare(blobId) {
      const prefix = blobId.slice(0, 2);
      if (ready.has(prefix)) return;
      const made = await mkdir(prefixDir(blobId), { recursive: true, mode: 0o700 });
      if (made !== undefined) await syncDirectory(objects);
      ready.add(prefix);
    },
    async syncDirOf(blobId) {
      const path = prefixDir(blobId);
      if (closed) return syncDirectory(path);
      await syncFile(await descriptorOf(path));
    },
    async close() {
      closed = true;
      const fds = [...open.values()];
      open.clear();
      await Promise.all(fds.map((fd) => fd.then(closeFile).catch(() => undefined)));
    },
  };
}

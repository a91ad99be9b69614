// The file calls of the blob writer and reader, on descriptors: Node's callback API, promisified,
// which costs the event loop less per call than fs/promises' FileHandle (measured by bench/s3.ts;
// an S3 PUT makes several of them).
import { close, fsync, open, read, rename, unlink, writev, write } from "node:fs";
import { promisify } from "node:util";

export const openFile = promisify(open);
export const closeFile = promisify(close);
export const syncFile = promisify(fsync);
export const renameFile = promisify(rename);
const unlinkFile = promisify(unlink);
const writevFile = promisify(writev);
const writeFile = promisify(write);
const readFile = promisify(read);

/** Reads into all of `buffer` from `position`, as far as the file goes; the bytes read. */
export async function readAt(fd: number, buffer: Buffer, position: number): Promise<number> {
  let got = 0;
  while (got < buffer.length) {
    const { bytesRead } = await readFile(fd, buffer, got, buffer.length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

/** Removes a file; one that is already gone is not an error. */
export async function removeFile(path: string): Promise<void> {
  try {
    await unlinkFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** Writes every byte of `buffers` at the file's current position (writev may write fewer). */
export async function writeAll(fd: number, buffers: Buffer[], total: number): Promise<void> {
  const { bytesWritten } = await writevFile(fd, buffers);
  if (bytesWritten === total) return;
  let rest = Buffer.concat(buffers, total).subarray(bytesWritten);
  while (rest.length > 0) {
    const { bytesWritten: n } = await writeFile(fd, rest, 0, rest.length, null);
    rest = rest.subarray(n);
  }
}

/** fsync of a directory (after a rename into it, or a new entry in it). */
export async function syncDirectory(path: string): Promise<void> {
  const fd = await openFile(path, "r");
  try {
    await syncFile(fd);
  } finally {
    await closeFile(fd);
  }
}

// The root key wraps every KMS backing key at rest. The file provider keeps 32 random bytes in
// `<dataDir>/kms-root-key`, created once and never overwritten; a PKCS#11 provider can take its
// place behind the same interface.
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { aesGcmOpen, aesGcmSeal } from "./aes-gcm.ts";
import { RootKeyError } from "./errors.ts";

export const ROOT_KEY_FILE = "kms-root-key";
const ROOT_KEY_BYTES = 32;
const VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export interface RootKeyProvider {
  readonly kind: "file" | "pkcs11";
  /** Wraps key material; `aad` binds the wrap to its owner (e.g. key id + backing key id). */
  wrap(material: Uint8Array, aad: Uint8Array): Promise<Buffer>;
  /** Unwraps; throws RootKeyError (code "ERR_ROOT_KEY_UNWRAP") when the blob or aad do not match. */
  unwrap(wrapped: Uint8Array, aad: Uint8Array): Promise<Buffer>;
  close(): Promise<void>;
}

/** The file root key of `dataDir`, created on first use. Wrapped: 0x01 | 12-byte IV | 16-byte tag | AES-256-GCM ciphertext. */
export function loadOrCreateFileRootKey(dataDir: string): RootKeyProvider {
  let key: Buffer | undefined = readOrCreateKeyFile(dataDir);
  const open = (): Buffer => key ?? closed();
  return {
    kind: "file",
    async wrap(material, aad) {
      const { iv, ciphertext, tag } = aesGcmSeal(open(), material, aad);
      return Buffer.concat([Buffer.of(VERSION), iv, tag, ciphertext]);
    },
    async unwrap(wrapped, aad) {
      const rootKey = open();
      const material =
        wrapped.length >= HEADER_BYTES && wrapped[0] === VERSION
          ? aesGcmOpen(rootKey, wrapped.subarray(1, 1 + IV_BYTES), wrapped.subarray(HEADER_BYTES), wrapped.subarray(1 + IV_BYTES, HEADER_BYTES), aad)
          : undefined;
      if (!material) throw new RootKeyError("ERR_ROOT_KEY_UNWRAP", "the wrapped key does not open under the root key and this owner");
      return material;
    },
    async close() {
      key?.fill(0);
      key = undefined;
    },
  };
}

/** What wrap and unwrap do once the provider is closed. */
function closed(): never {
  throw new RootKeyError("ERR_ROOT_KEY_CLOSED", "the root key provider is closed");
}

/** Reads the key file, or creates it atomically when there is none yet. */
function readOrCreateKeyFile(dataDir: string): Buffer {
  const path = join(dataDir, ROOT_KEY_FILE);
  if (!existsSync(path)) createKeyFile(dataDir, path);
  const key = readFileSync(path);
  if (key.length !== ROOT_KEY_BYTES) {
    key.fill(0);
    throw new RootKeyError("ERR_ROOT_KEY_INVALID", `${path} does not hold a ${ROOT_KEY_BYTES}-byte root key`, { detail: { path } });
  }
  return key;
}

/**
 * Writes a new key to a temporary file (mode 0600, synced), then publishes it under its name.
 * The temporary file is always removed.
 */
function createKeyFile(dataDir: string, path: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const temp = `${path}.${randomBytes(8).toString("hex")}.tmp`;
  const key = randomBytes(ROOT_KEY_BYTES);
  try {
    const fd = openSync(temp, "wx", 0o600);
    try {
      writeSync(fd, key);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    publish(temp, path);
  } finally {
    key.fill(0);
    rmSync(temp, { force: true });
  }
}

/**
 * link(2) fails when the name exists, unlike rename(2): of two processes starting at once both end
 * up with the first key, and an existing key, whose loss would make every wrapped backing key
 * unreadable, is never replaced. rename(2) is the fallback where the file system has no hard links.
 */
function publish(temp: string, path: string): void {
  try {
    linkSync(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return;
    if ((code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP" || code === "ENOSYS") && !existsSync(path)) {
      renameSync(temp, path);
      return;
    }
    throw error;
  }
}

// The `openssl` command-line tool as an independent oracle for the KMS primitives' tests.
import { execFileSync } from "node:child_process";
import { createPrivateKey, createPublicKey } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "federa-kms-openssl-"));
let counter = 0;

/** Writes bytes or text to a new file in the test's temporary directory and says its path. */
export function file(content: Uint8Array | string, name = "data"): string {
  const path = join(dir, `${counter++}-${name}`);
  writeFileSync(path, content);
  return path;
}

/** A file holding the PEM of an SPKI DER public key. */
export function publicPem(publicKeyDer: Uint8Array): string {
  return file(createPublicKey({ key: Buffer.from(publicKeyDer), format: "der", type: "spki" }).export({ type: "spki", format: "pem" }), "pub.pem");
}

/** A file holding the PEM of a PKCS#8 DER private key. */
export function privatePem(privateKeyDer: Uint8Array): string {
  return file(createPrivateKey({ key: Buffer.from(privateKeyDer), format: "der", type: "pkcs8" }).export({ type: "pkcs8", format: "pem" }), "key.pem");
}

/** Runs openssl; its standard output, or throws with its standard error. */
export function openssl(...args: string[]): Buffer {
  return execFileSync("openssl", args, { stdio: ["ignore", "pipe", "pipe"] });
}

/** Whether openssl exits 0 (e.g. a signature it verifies). */
export function opensslSucceeds(...args: string[]): boolean {
  try {
    openssl(...args);
    return true;
  } catch {
    return false;
  }
}

/** Runs an openssl command writing to a new file (`-out`, put before any file operand), and returns that file's bytes. */
export function opensslOut(command: string, ...args: string[]): Buffer {
  const out = join(dir, `${counter++}-out`);
  openssl(command, "-out", out, ...args);
  return readFileSync(out);
}

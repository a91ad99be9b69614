// The service key: 32 random bytes in the data directory, created on first start. It keys the
// HMACs of login state and CSRF tokens (and, later, the JWE of session tokens), so any instance
// that shares the data directory can verify what another issued.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";

export const SERVICE_KEY_FILE = "service.key";

export function loadOrCreateServiceKey(dataDir: string): Buffer {
  const path = join(dataDir, SERVICE_KEY_FILE);
  if (existsSync(path)) {
    const key = Buffer.from(readFileSync(path, "utf8").trim(), "base64");
    if (key.length >= 32) return key;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(path, key.toString("base64") + "\n", { mode: 0o600 });
  return key;
}

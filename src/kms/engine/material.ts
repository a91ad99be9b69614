// Backing keys: key material made or imported for a key, wrapped under the root key with an AAD
// that names its key and backing key (a wrapped blob moved to another key does not unwrap), and
// unwrapped on use through a bounded cache.
import { randomHex } from "../../crypto/index.ts";
import type { KmsBackingKeyRow } from "../../store/index.ts";
import type { BackingKeyInfo } from "../model/types.ts";
import type { KmsDeps } from "./context.ts";

export function newBackingKeyId(): string {
  return randomHex(16);
}

function aad(keyId: string, backingKeyId: string): Buffer {
  return Buffer.from(`federa/kms/backing-key/${keyId}/${backingKeyId}`, "utf8");
}

/** A backing key row for `material`, wrapped; the caller stores it. */
export async function wrapBackingKey(deps: KmsDeps, keyId: string, material: Buffer, createdAt: Date, info: BackingKeyInfo = {}, backingKeyId = newBackingKeyId()): Promise<KmsBackingKeyRow> {
  const wrapped = await deps.rootKey.wrap(material, aad(keyId, backingKeyId));
  deps.caches.material.set(`${keyId}/${backingKeyId}`, material);
  return { keyId, backingKeyId, createdAt, wrapped, document: info };
}

/** The material of a backing key, or undefined when the key has no such backing key. */
export async function backingKeyMaterial(deps: KmsDeps, keyId: string, backingKeyId: string): Promise<Buffer | undefined> {
  const cacheKey = `${keyId}/${backingKeyId}`;
  const cached = deps.caches.material.get(cacheKey);
  if (cached) return cached;
  const row = await deps.repo.getBackingKey(keyId, backingKeyId);
  if (!row) return undefined;
  const material = await deps.rootKey.unwrap(row.wrapped, aad(keyId, backingKeyId));
  deps.caches.material.set(cacheKey, material);
  return material;
}

// Loading and saving key documents: a KmsKey to and from the store's row, with the two times the
// schedulers look up (deletion, automatic rotation) kept in columns.
import type { KmsKeyRow, KmsRepository } from "../../store/index.ts";
import type { KmsKey } from "../model/types.ts";

export function keyRow(key: KmsKey): KmsKeyRow {
  return {
    keyId: key.keyId,
    accountId: key.accountId,
    region: key.region,
    deletionAt: key.state === "PendingDeletion" && key.deletionDate !== undefined ? new Date(key.deletionDate) : undefined,
    nextRotationAt: key.rotation.enabled && key.rotation.nextRotationAt !== undefined && key.state !== "PendingDeletion" ? new Date(key.rotation.nextRotationAt) : undefined,
    document: key,
  };
}

export async function loadKey(repo: KmsRepository, keyId: string): Promise<KmsKey | undefined> {
  const row = await repo.getKey(keyId);
  return row ? (row.document as KmsKey) : undefined;
}

export async function saveKey(repo: KmsRepository, key: KmsKey): Promise<void> {
  await repo.putKey(keyRow(key));
}

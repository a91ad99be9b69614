// Deleting a key for real, when its deletion window has ended: the key, its backing keys, grants
// and aliases go, and every later call naming it gets NotFoundException.
import type { KmsKey } from "../model/types.ts";
import type { KmsDeps } from "./context.ts";

/** Deletes the key and everything of it (the store cascades), and forgets its cached entries. */
export async function deleteKeyNow(deps: KmsDeps, key: KmsKey): Promise<void> {
  await deps.repo.deleteKey(key.keyId);
  deps.caches.forgetKey(key.keyId);
}

/** Deletes every key whose window has ended by `now`; returns how many. */
export async function sweepDeletions(deps: KmsDeps, now: Date): Promise<number> {
  let count = 0;
  for (;;) {
    const due = await deps.repo.keysDueForDeletion(now, 100);
    for (const row of due) {
      await deleteKeyNow(deps, row.document as KmsKey);
      count++;
    }
    if (due.length < 100) return count;
  }
}

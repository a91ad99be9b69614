// Time-driven changes, applied whenever a key is read as well as by the scheduler, so a key is
// never seen in a state its time has passed: a deletion window that has ended deletes it, a due
// automatic rotation rotates it, expired imported material is removed.
import type { KmsKey } from "../model/types.ts";
import type { KmsDeps } from "./context.ts";
import { deleteKeyNow, sweepDeletions } from "./deletion.ts";
import { expireIfDue } from "./imported.ts";
import { rotateDue, rotateIfDue } from "./rotation.ts";

/** The key as it is at `now`, or undefined when its deletion window has ended (it is deleted then). */
export async function settleKey(deps: KmsDeps, key: KmsKey, now: Date): Promise<KmsKey | undefined> {
  if (key.state === "PendingDeletion" && key.deletionDate !== undefined && key.deletionDate <= now.getTime()) {
    await deleteKeyNow(deps, key);
    return undefined;
  }
  let settled = await expireIfDue(deps, key, now);
  settled = await rotateIfDue(deps, settled, now);
  return settled;
}

/** One pass of the schedules: deletions, then rotations. */
export async function runSchedules(deps: KmsDeps, now: Date): Promise<{ deleted: number; rotated: number }> {
  const deleted = await sweepDeletions(deps, now);
  const rotated = await rotateDue(deps, now);
  return { deleted, rotated };
}

/** Runs the schedules every `intervalMs` on the deps' clock; stop() ends it. */
export function startScheduler(deps: KmsDeps, intervalMs = 60_000, onError: (error: unknown) => void = () => undefined): { stop(): void } {
  const timer = setInterval(() => void runSchedules(deps, deps.clock.now()).catch(onError), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

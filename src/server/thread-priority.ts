// The main thread serves every request; every other thread of the process works for it: libuv's
// thread pool (RSA signatures, file I/O), the SQLite and sealing workers, V8's compiler and GC
// helpers. Left at the same priority, a helper woken on the main thread's core preempts it, and
// Linux's scheduler is slow to move either to the idle core: with two cores, the main thread of a
// loaded IdP waited a quarter of its time runnable while a fifth of the machine stood idle.
// At the lowest priority (nice 19), helpers run on whatever core the main thread leaves.
//
// Linux only (threads are read from /proc/self/task; elsewhere this does nothing). Raising a
// nice value needs no privilege. `federa start` calls it; a library user's process is left alone.
import { readdirSync } from "node:fs";
import { stat } from "node:fs/promises";
import { getPriority, setPriority } from "node:os";

export const HELPER_NICE = 19;

/** Gives every thread of this process but the main one nice HELPER_NICE; answers how many it changed. */
export function lowerHelperThreads(): number {
  let tids: string[];
  try {
    tids = readdirSync("/proc/self/task");
  } catch {
    return 0; // no procfs
  }
  let changed = 0;
  for (const tid of tids) {
    const id = Number(tid);
    if (id === process.pid) continue;
    try {
      if (getPriority(id) >= HELPER_NICE) continue;
      setPriority(id, HELPER_NICE);
      changed++;
    } catch {
      // The thread ended meanwhile.
    }
  }
  return changed;
}

/**
 * Lowers the helpers now and every thread a Worker brings later. libuv starts its whole pool on
 * first use, so a pool task is run first; the workers' threads are caught when they come online.
 */
export async function keepHelperThreadsLow(): Promise<void> {
  if (process.platform !== "linux") return;
  await stat("/proc/self/task").catch(() => undefined); // a task on libuv's pool, which starts it
  lowerHelperThreads();
  process.on("worker", (worker) => worker.once("online", () => lowerHelperThreads()));
}

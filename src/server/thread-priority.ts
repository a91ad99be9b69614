// The main thread serves every request; every other thread of the process works for it: libuv's
// thread pool (RSA signatures, file I/O), the SQLite and sealing workers, V8's compiler and GC
// helpers. Left at the same priority, a helper woken on the main thread's core preempts it, and
// Linux's scheduler is slow to move either to the idle core: with two cores, the main thread of a
// loaded IdP waited a quarter of its time runnable while a fifth of the machine stood idle.
// At the lowest priority (nice 19), helpers run on whatever core the main thread leaves. Workers
// marked as serving (src/shared/serving-threads.ts: STS's assertion checkers, which a busy STS
// waits on) keep the main thread's priority: at nice 19 the scheduler left a checker thread
// runnable on the main thread's core while the other core idled.
//
// Linux only (threads are read from /proc/self/task; elsewhere this does nothing). Raising a
// nice value needs no privilege. `federa start` calls it; a library user's process is left alone.
import { readdirSync } from "node:fs";
import { stat } from "node:fs/promises";
import { getPriority, setPriority } from "node:os";
import { isServingWorker } from "../shared/index.ts";

export const HELPER_NICE = 19;

/** The thread ids there at the last lowering, and those left at their priority (serving workers'). */
let seenThreads = new Set<number>();
const keptThreads = new Set<number>();

function threadIds(): number[] {
  try {
    return readdirSync("/proc/self/task").map(Number);
  } catch {
    return []; // no procfs
  }
}

/**
 * Gives every thread of this process but the main one and the serving workers' nice HELPER_NICE;
 * answers how many it changed.
 */
export function lowerHelperThreads(): number {
  let changed = 0;
  const ids = threadIds();
  // Only the threads there now: an id that ended may come back as another thread.
  seenThreads = new Set(ids);
  for (const id of ids) {
    if (id === process.pid || keptThreads.has(id)) continue;
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
 * A serving worker's thread is the one that was not there at the last lowering when it comes
 * online: it keeps the main thread's priority from then on.
 */
export async function keepHelperThreadsLow(): Promise<void> {
  if (process.platform !== "linux") return;
  await stat("/proc/self/task").catch(() => undefined); // a task on libuv's pool, which starts it
  lowerHelperThreads();
  process.on("worker", (worker) =>
    worker.once("online", () => {
      if (isServingWorker(worker)) {
        const own = threadIds().filter((id) => !seenThreads.has(id));
        for (const id of own) keptThreads.add(id);
        // Thread ids are reused once a thread ends: its ids stop being kept with it.
        worker.once("exit", () => own.forEach((id) => keptThreads.delete(id)));
      }
      lowerHelperThreads();
    }),
  );
}

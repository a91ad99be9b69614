// Worker threads that serve requests beside the main thread (STS's assertion checkers: a busy
// STS waits on them, not on the main thread) are marked here by whoever starts them, so that
// `federa start`, which gives every other helper thread the lowest priority, leaves them at the
// main thread's.
const serving = new WeakSet<object>();

/** Marks a Worker as serving requests; call it before the Worker comes online. */
export function markServingWorker(worker: object): void {
  serving.add(worker);
}

export function isServingWorker(worker: object): boolean {
  return serving.has(worker);
}

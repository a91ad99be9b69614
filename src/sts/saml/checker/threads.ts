// AssumeRoleWithSAML's checks (decoding, the hardened parse, the signatures, the claims: more
// than half of a call's CPU) on threads of their own, so the main thread keeps serving while a
// check runs: one thread fewer than the cores (at least one, at most four), each taking the next
// request when it has the fewest waiting. They start at the first check; until one is ready, and
// for good if they fail, the checks run here on the main thread instead: the answer is the same
// either way.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { markServingWorker, type Logger } from "../../../shared/index.ts";
import { checkAssertion, type CheckedAssertion } from "../check-assertion.ts";
import type { SamlCheckInput } from "../types.ts";
import { fromWire, type CheckReply, type CheckRequest } from "./wire.ts";

export interface AssertionCheckers {
  check(input: SamlCheckInput, skewMs: number): Promise<CheckedAssertion>;
  /** Starts the threads if need be; answers how many are ready once each is ready or gone. */
  whenReady(): Promise<number>;
  close(): Promise<void>;
}

interface Pending {
  request: CheckRequest;
  resolve(value: CheckedAssertion): void;
  reject(error: unknown): void;
}

interface CheckerThread {
  worker: Worker;
  ready: boolean;
  pending: Map<number, Pending>;
  /** Settles when the thread is ready or gone. */
  settled: Promise<void>;
}

const ENTRY = new URL("./entry.mjs", import.meta.url);

export function defaultCheckerThreads(): number {
  return Math.min(4, Math.max(1, availableParallelism() - 1));
}

/** Here, on the calling thread: the same checks, for when no checker thread can take them. */
function checkHere(pending: Pending): void {
  try {
    pending.resolve(checkAssertion(pending.request.input, pending.request.skewMs));
  } catch (error) {
    pending.reject(error);
  }
}

export function startAssertionCheckers(options: { threads?: number; logger?: Logger } = {}): AssertionCheckers {
  const threads: CheckerThread[] = [];
  let nextId = 1;
  let closed = false;

  function start(): CheckerThread {
    let settle = () => {};
    const thread: CheckerThread = { worker: new Worker(ENTRY), ready: false, pending: new Map(), settled: new Promise<void>((resolve) => (settle = resolve)) };
    thread.worker.unref();
    // Checks are the busy STS's bottleneck: the thread keeps the main thread's priority.
    markServingWorker(thread.worker);
    thread.worker.on("message", (message: CheckReply | "ready") => {
      if (message === "ready") {
        thread.ready = true;
        settle();
        return;
      }
      const pending = thread.pending.get(message.id);
      if (!pending) return;
      thread.pending.delete(message.id);
      if ("checked" in message) pending.resolve(message.checked);
      else pending.reject(fromWire(message.refused));
    });
    const gone = (why: string, error?: unknown) => {
      settle();
      const index = threads.indexOf(thread);
      if (index < 0) return;
      threads.splice(index, 1);
      if (!closed) options.logger?.error({ event: "sts.checker_thread_failed", why, err: error }, "an assertion checker thread stopped; the checks it held failed, and the next go to another thread or run here");
      // What it still held fails (InternalFailure) rather than being checked again here: one of
      // those checks may be what stopped it. No caller waits on a thread that is gone.
      for (const pending of thread.pending.values()) pending.reject(new Error("the assertion checker thread stopped during the check"));
      thread.pending.clear();
    };
    thread.worker.on("error", (error) => gone("error", error));
    thread.worker.on("exit", (code) => gone(`exit ${code}`));
    return thread;
  }

  /** Started at the first check: a federa that never sees AssumeRoleWithSAML starts no thread. */
  let started = false;
  function startAll(): void {
    started = true;
    for (let i = 0; i < (options.threads ?? defaultCheckerThreads()); i++) {
      try {
        threads.push(start());
      } catch (error) {
        options.logger?.error({ event: "sts.checker_thread_failed", why: "start", err: error }, "an assertion checker thread did not start; checks run on the main thread");
        break;
      }
    }
  }

  function leastBusy(): CheckerThread | undefined {
    let best: CheckerThread | undefined;
    for (const thread of threads) if (thread.ready && (!best || thread.pending.size < best.pending.size)) best = thread;
    return best;
  }

  return {
    check(input, skewMs) {
      return new Promise<CheckedAssertion>((resolve, reject) => {
        const pending: Pending = { request: { id: nextId++, input, skewMs }, resolve, reject };
        if (!started && !closed) startAll();
        const thread = closed ? undefined : leastBusy();
        if (!thread) return checkHere(pending);
        thread.pending.set(pending.request.id, pending);
        thread.worker.postMessage(pending.request);
      });
    },
    async whenReady() {
      if (!started && !closed) startAll();
      await Promise.all(threads.map((thread) => thread.settled));
      return threads.filter((thread) => thread.ready).length;
    },
    async close() {
      closed = true;
      await Promise.all(threads.map((thread) => thread.worker.terminate()));
    },
  };
}

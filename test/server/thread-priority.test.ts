// `federa start` gives every helper thread the lowest CPU priority, so the main thread, which
// serves every request, is never pushed off its core by them. Read as `ps -L -o tid,ni` would.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { startFederaProcess } from "../support/federa-process.ts";
import { HELPER_NICE, keepHelperThreadsLow } from "../../src/server/index.ts";
import { markServingWorker } from "../../src/shared/index.ts";

/** Each thread's nice value, by thread id, from /proc (field 19 of its stat line). */
function niceByThread(pid: number): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      nice.set(Number(tid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]));
    } catch {
      // ended meanwhile
    }
  }
  return nice;
}

test("federa start: the main thread keeps its priority, every other thread has nice 19", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "federa-nice-"));
  const { child, url } = await startFederaProcess(dataDir);
  try {
    assert.equal((await fetch(`${url}/health`)).status, 200);
    const nice = niceByThread(child.pid!);
    assert.equal(nice.get(child.pid!), 0, "the main thread");
    const helpers = [...nice].filter(([tid]) => tid !== child.pid);
    // libuv's pool (4), V8's helpers, the audit writer and the WAL checkpointer at least.
    assert.ok(helpers.length >= 6, `${helpers.length} helper threads`);
    assert.deepEqual(
      helpers.filter(([, value]) => value !== HELPER_NICE),
      [],
    );
  } finally {
    child.kill("SIGTERM");
    await once(child, "exit");
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a Worker started later is lowered as it comes online", async () => {
  await keepHelperThreadsLow();
  const before = new Set(niceByThread(process.pid).keys());
  const worker = new Worker("require('node:worker_threads').parentPort.once('message', () => process.exit(0));", { eval: true });
  try {
    await once(worker, "online");
    await new Promise((resolve) => setImmediate(resolve));
    const nice = niceByThread(process.pid);
    const added = [...nice].filter(([tid]) => !before.has(tid));
    assert.ok(added.length >= 1, "the worker's thread");
    assert.deepEqual(
      added.filter(([, value]) => value !== HELPER_NICE),
      [],
    );
    assert.equal(nice.get(process.pid), 0, "the main thread");
  } finally {
    worker.postMessage("stop");
    await once(worker, "exit");
  }
});

/** A worker that waits for a message, then ends. */
function waitingWorker(): Worker {
  return new Worker("require('node:worker_threads').parentPort.once('message', () => process.exit(0));", { eval: true });
}

test("a serving worker (an STS checker) keeps the main thread's priority, also when other workers come later", async () => {
  await keepHelperThreadsLow();
  const before = new Set(niceByThread(process.pid).keys());
  const serving = waitingWorker();
  markServingWorker(serving);
  await once(serving, "online");
  await new Promise((resolve) => setImmediate(resolve));
  const servingThreads = [...niceByThread(process.pid).keys()].filter((tid) => !before.has(tid));
  const afterServing = new Set(niceByThread(process.pid).keys());
  const helper = waitingWorker();
  try {
    assert.ok(servingThreads.length >= 1, "the serving worker's thread");
    await once(helper, "online");
    await new Promise((resolve) => setImmediate(resolve));
    const nice = niceByThread(process.pid);
    assert.deepEqual(
      servingThreads.map((tid) => nice.get(tid)),
      servingThreads.map(() => 0),
      "the serving worker's threads, after another worker came online",
    );
    const helperThreads = [...nice].filter(([tid]) => !afterServing.has(tid));
    assert.ok(helperThreads.length >= 1, "the later worker's thread");
    assert.deepEqual(
      helperThreads.filter(([, value]) => value !== HELPER_NICE),
      [],
    );
  } finally {
    for (const worker of [serving, helper]) {
      worker.postMessage("stop");
      await once(worker, "exit");
    }
  }
});

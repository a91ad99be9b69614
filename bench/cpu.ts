// CPU time a process spends, read from Linux's /proc: its main thread (the one that serves every
// request in federa) and all its threads together. Unlike a rate, CPU time per request changes
// little when other tenants of the host slow the machine down, so it shows what a change to the
// code saved. Undefined where /proc cannot be read (not Linux, or the process is gone).
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

export interface CpuTimes {
  /** Seconds of CPU (user and system) used by the main thread so far. */
  mainThread: number;
  /** Seconds of CPU used by every thread of the process so far. */
  process: number;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of a /proc stat line, in seconds (fields 14 and 15; the name may hold spaces). */
function cpuSeconds(statLine: string): number {
  const fields = statLine.slice(statLine.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

export function readCpuTimes(pid: number | undefined): CpuTimes | undefined {
  if (pid === undefined) return undefined;
  try {
    return {
      mainThread: cpuSeconds(readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8")),
      process: cpuSeconds(readFileSync(`/proc/${pid}/stat`, "utf8")),
    };
  } catch {
    return undefined;
  }
}

/** Microseconds of CPU per request: on the main thread, and on all threads together. */
export interface CpuPerRequest {
  mainThreadUs: number;
  processUs: number;
}

/** CPU per request between two readings. */
export function cpuPerRequest(before: CpuTimes | undefined, after: CpuTimes | undefined, requests: number): CpuPerRequest | undefined {
  if (!before || !after || requests <= 0) return undefined;
  return {
    mainThreadUs: ((after.mainThread - before.mainThread) / requests) * 1e6,
    processUs: ((after.process - before.process) / requests) * 1e6,
  };
}

// Repeated failures for one login name slow down, then lock it for a while. Counted per
// lower-cased name in the store, so every instance sharing the store sees the same count.
import type { LoginAttemptRepository } from "../../store/index.ts";
import type { IdpConfig } from "../../config/index.ts";

export type ThrottleVerdict = { kind: "allow"; delayMs: number; failures: number } | { kind: "locked"; until: Date };

export interface LoginThrottle {
  check(username: string, now: Date): Promise<ThrottleVerdict>;
  failure(username: string, now: Date): Promise<void>;
  success(username: string): Promise<void>;
}

/** Failures older than this no longer count. */
const FAILURE_WINDOW_MS = 30 * 60_000;
const MAX_DELAY_MS = 4000;

export function createLoginThrottle(repo: LoginAttemptRepository, policy: IdpConfig["lockout"]): LoginThrottle {
  // alice, CORP\alice and alice@corp.example.test are one account: one counter.
  const key = (username: string) =>
    username.trim().toLowerCase().replace(/^[^\\]*\\/, "").replace(/@.*$/, "").slice(0, 256);
  return {
    async check(username, now) {
      const record = await repo.get(key(username));
      if (!record) return { kind: "allow", delayMs: 0, failures: 0 };
      if (record.lockedUntil && record.lockedUntil > now) return { kind: "locked", until: record.lockedUntil };
      if (now.getTime() - record.lastFailureAt.getTime() > FAILURE_WINDOW_MS) return { kind: "allow", delayMs: 0, failures: record.failures };
      const over = record.failures - policy.slowAfter;
      return { kind: "allow", delayMs: over < 0 ? 0 : Math.min(MAX_DELAY_MS, 250 * 2 ** over), failures: record.failures };
    },
    async failure(username, now) {
      const name = key(username);
      const record = await repo.get(name);
      const stale = !record || now.getTime() - record.lastFailureAt.getTime() > FAILURE_WINDOW_MS || (record.lockedUntil !== undefined && record.lockedUntil <= now);
      const failures = stale ? 1 : record.failures + 1;
      const lockedUntil = failures >= policy.lockAfter ? new Date(now.getTime() + policy.lockMinutes * 60_000) : undefined;
      await repo.put({ username: name, failures, lastFailureAt: now, lockedUntil });
    },
    async success(username) {
      await repo.clear(key(username));
    },
  };
}

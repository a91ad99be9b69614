// `federa trail`'s option values: times (ISO 8601, or relative to now: 30s, 15m, 2h, 1d, 1w),
// limits and event sources. A bad value is refused with what was expected (exit code 2).
import { InvalidArgumentError } from "commander";

const RELATIVE = /^(\d{1,9})(s|m|h|d|w)$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
/** A date, optionally with a time and zone: 2026-11-28, 2026-11-28T21:00:00Z, 2026-11-28T22:00+01:00. */
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

export const MAX_LIMIT = 10_000;

/** A point in time: ISO 8601 (UTC when no zone is given), or so long before `now`. */
export function parseTime(value: string, now: Date = new Date()): Date {
  const text = value.trim();
  const relative = RELATIVE.exec(text);
  if (relative) return new Date(now.getTime() - Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS]);
  if (ISO.test(text)) {
    const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text);
    const date = new Date(text.length === 10 ? `${text}T00:00:00Z` : hasZone ? text : `${text.replace(" ", "T")}Z`);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new InvalidArgumentError("expected an ISO 8601 time (2026-11-28T21:00:00Z) or a time ago (30s, 15m, 2h, 1d, 1w).");
}

export function parseLimit(value: string): number {
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > MAX_LIMIT) {
    throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_LIMIT}.`);
  }
  return Number(value);
}

/** "kms" and "kms.amazonaws.com" both name KMS's events. */
export function parseEventSource(value: string): string {
  const text = value.trim().toLowerCase();
  if (!/^[a-z0-9-]+(\.amazonaws\.com)?$/.test(text)) throw new InvalidArgumentError("expected a service (kms) or an event source (kms.amazonaws.com).");
  return text.endsWith(".amazonaws.com") ? text : `${text}.amazonaws.com`;
}

export function parseEventName(value: string): string {
  if (!/^[A-Za-z][A-Za-z0-9]{0,127}$/.test(value)) throw new InvalidArgumentError("expected an API operation's name, e.g. Decrypt.");
  return value;
}

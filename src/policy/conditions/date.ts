// Date operators: values are ISO 8601 dates and times (W3C profile: `2024-01-31`,
// `2024-01-31T12:00:00Z`, with fractions and `±hh:mm` offsets; no offset means UTC) or epoch
// seconds (`1700000000`), as aws:CurrentTime and aws:EpochTime carry them. Compared to the
// millisecond.
import { comparisonTest, type Comparison } from "./numeric.ts";
import type { ValueTest } from "./matcher.ts";

const ISO = /^(-?\d{4,9})(?:-(\d{2})(?:-(\d{2})(?:[Tt ](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?)?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH = /^\d+(\.\d+)?$/;

/** Milliseconds since the epoch, or undefined when the text is not a date IAM reads. */
export function parseDate(text: string): number | undefined {
  const value = text.trim();
  if (EPOCH.test(value)) return Math.round(Number(value) * 1000);
  const m = ISO.exec(value);
  if (!m) return undefined;
  const [, y, mo = "1", d = "1", h = "0", mi = "0", s = "0", frac = "", zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), month - 1, day);
  date.setUTCHours(hour, minute, second, frac ? Math.round(Number(`0.${frac}`) * 1000) : 0);
  let ms = date.getTime();
  if (zone && zone !== "Z" && zone !== "z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0");
    ms -= sign * offset * 60_000;
  }
  return Number.isFinite(ms) ? ms : undefined;
}

export function dateTest(comparison: Comparison, values: readonly string[]): ValueTest {
  return comparisonTest(comparison, values, parseDate);
}

// Request times as SigV4 writes them: basic ISO 8601 in UTC, "20130524T000000Z" (X-Amz-Date), or
// an HTTP Date header (RFC 7231 IMF-fixdate), which is signed in the basic form.

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** The last well-formed time parsed: a client signs many requests within the same second. */
let lastText = "";
let lastMs = 0;

/** Parses "YYYYMMDDTHHMMSSZ"; undefined when malformed or not a real instant (month 13, 25 o'clock). */
export function parseAmzDate(text: string): Date | undefined {
  if (text === lastText) return new Date(lastMs);
  const parsed = parseFresh(text);
  if (parsed !== undefined) {
    lastText = text;
    lastMs = parsed.getTime();
  }
  return parsed;
}

function parseFresh(text: string): Date | undefined {
  if (text.length !== 16 || text.charCodeAt(8) !== 0x54 || text.charCodeAt(15) !== 0x5a) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 4, 2);
  const day = digits(text, 6, 2);
  const hour = digits(text, 9, 2);
  const minute = digits(text, 11, 2);
  const second = digits(text, 13, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return date.getUTCDate() === day ? date : undefined;
}

/** Formats a Date as "YYYYMMDDTHHMMSSZ". */
export function formatAmzDate(date: Date): string {
  const iso = date.toISOString(); // 2013-05-24T00:00:00.000Z
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + "T" + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + "Z";
}

const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Parses an HTTP Date header in IMF-fixdate form; undefined otherwise. */
export function parseHttpDate(text: string): Date | undefined {
  const trimmed = text.trim();
  if (!HTTP_DATE.test(trimmed)) return undefined;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

// Dates as S3 writes them in HTTP headers: IMF-fixdate ("Tue, 15 Nov 1994 08:12:31 GMT"; XML
// bodies use Date's ISO 8601 with milliseconds). Conditional headers are read leniently
// (any date the platform parses), and compared at one-second resolution as HTTP dates are.

export const httpDate = (date: Date): string => date.toUTCString();

/** An HTTP date header; undefined when absent or unreadable (then S3 ignores the condition). */
export function parseHttpDateHeader(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Seconds since the epoch: Last-Modified as the client saw it. */
export const wholeSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

// Dates as S3 writes them: HTTP headers in IMF-fixdate ("Tue, 15 Nov 1994 08:12:31 GMT"), XML in
// ISO 8601 with milliseconds ("2009-10-12T17:50:30.000Z"). Conditional headers are read leniently
// (any date the platform parses), and compared at one-second resolution as HTTP dates are.

export const httpDate = (date: Date): string => date.toUTCString();
export const xmlDate = (date: Date): string => date.toISOString();

/** An HTTP date header; undefined when absent or unreadable (then S3 ignores the condition). */
export function parseHttpDateHeader(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Seconds since the epoch: Last-Modified as the client saw it. */
export const wholeSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

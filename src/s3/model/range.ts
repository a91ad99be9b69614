// The Range header as S3 reads it: one byte range, "bytes=first-last", "bytes=first-" or
// "bytes=-suffix". Anything S3 does not understand (several ranges, other units, garbage) is
// ignored and the whole object served; a range that starts past the end is InvalidRange (416).
import { S3Errors } from "../errors.ts";

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

const RANGE = /^bytes=(\d*)-(\d*)$/;

export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  const match = RANGE.exec(text);
  if (!match) return undefined;
  const [, first, last] = match as unknown as [string, string, string];
  if (first === "" && last === "") return undefined;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0) throw S3Errors.invalidRange(text, size);
    if (size === 0) throw S3Errors.invalidRange(text, size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Number(last);
  if (last !== "" && end < start) return undefined;
  if (start >= size) throw S3Errors.invalidRange(text, size);
  return { start, end: Math.min(end, size - 1) };
}

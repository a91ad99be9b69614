// BinaryEquals: the policy holds base64; the request's value (carried base64-encoded in the
// context) is compared byte for byte, so different spellings of the same bytes match.
import type { ValueTest } from "./matcher.ts";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes a base64 text stands for, as a binary string; undefined when it is not base64. */
function decode(text: string): string | undefined {
  const compact = text.replace(/\s+/g, "");
  if (!BASE64.test(compact) || compact.length % 4 === 1) return undefined;
  const padded = compact.replace(/=+$/, "").padEnd(Math.ceil(compact.replace(/=+$/, "").length / 4) * 4, "=");
  try {
    return atob(padded);
  } catch {
    return undefined;
  }
}

export function binaryTest(values: readonly string[]): ValueTest {
  const wanted = new Set(values.map(decode).filter((v): v is string => v !== undefined));
  return (value) => {
    const bytes = decode(value);
    if (bytes === undefined) return undefined;
    return wanted.has(bytes);
  };
}

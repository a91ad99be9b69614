// Splits a raw query string into its name=value pairs, still encoded as sent. A pair without "="
// has the empty value, as SigV4 canonicalises it; empty pieces ("a&&b") are dropped.
import { hexValue } from "./uri-encode.ts";

export interface RawPair {
  name: string;
  value: string;
}

export function splitRawQuery(rawQuery: string): RawPair[] {
  const pairs: RawPair[] = [];
  if (rawQuery === "") return pairs;
  let start = 0;
  while (start <= rawQuery.length) {
    let end = rawQuery.indexOf("&", start);
    if (end === -1) end = rawQuery.length;
    if (end > start) {
      const eq = rawQuery.indexOf("=", start);
      if (eq === -1 || eq > end) pairs.push({ name: rawQuery.slice(start, end), value: "" });
      else pairs.push({ name: rawQuery.slice(start, eq), value: rawQuery.slice(eq + 1, end) });
    }
    start = end + 1;
  }
  return pairs;
}

/**
 * Percent-decodes a query component as text; bad escapes stay literal. `plusIsSpace` for form
 * semantics (Query API parameters); SigV4's own parameters keep "+" as it is.
 */
export function decodeQueryComponent(raw: string, plusIsSpace = false): string {
  const text = plusIsSpace && raw.includes("+") ? raw.replace(/\+/g, " ") : raw;
  const first = text.indexOf("%");
  if (first === -1) return text;
  return decodeAsciiEscapes(text, first) ?? decodeFully(text);
}

/**
 * The common case, done in JavaScript: every escape a valid %XX of an ASCII byte. Undefined when
 * an escape is malformed or stands for a byte of a multi-byte character.
 */
function decodeAsciiEscapes(text: string, first: number): string | undefined {
  let out = "";
  let literalStart = 0;
  for (let i = first; i !== -1; i = text.indexOf("%", literalStart)) {
    if (i + 2 >= text.length) return undefined;
    const high = hexValue(text.charCodeAt(i + 1));
    const low = hexValue(text.charCodeAt(i + 2));
    if (high < 0 || low < 0 || high > 7) return undefined;
    out += text.slice(literalStart, i) + String.fromCharCode((high << 4) | low);
    literalStart = i + 3;
  }
  return out + text.slice(literalStart);
}

function decodeFully(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
      const code = parseInt(hex, 16);
      return code < 0x80 ? String.fromCharCode(code) : escape;
    });
  }
}

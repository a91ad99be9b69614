// Splits a raw query string into its name=value pairs, still encoded as sent. A pair without "="
// has the empty value, as SigV4 canonicalises it; empty pieces ("a&&b") are dropped.

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
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
      const code = parseInt(hex, 16);
      return code < 0x80 ? String.fromCharCode(code) : escape;
    });
  }
}

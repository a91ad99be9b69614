// URI encoding as SigV4 defines it: every byte except the unreserved A–Z a–z 0–9 - _ . ~ becomes
// %XX with upper-case hex (RFC 3986 §2.3). Works on raw (still percent-encoded) text at the byte
// level, so input that is not valid UTF-8 once decoded is still encoded exactly.

const HEX = "0123456789ABCDEF";

/** The characters that are never encoded, as a regular-expression class. */
const UNRESERVED_CLASS = "[A-Za-z0-9._~-]";

/** UNRESERVED[c] is 1 for the ASCII characters that are never encoded. */
const UNRESERVED = new Uint8Array(128);
const unreservedCharacter = new RegExp(`^${UNRESERVED_CLASS}$`);
for (let c = 0; c < 128; c++) {
  if (unreservedCharacter.test(String.fromCharCode(c))) UNRESERVED[c] = 1;
}

/** The value of a hex digit in either case; -1 for any other character. */
export function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

function pushByte(out: string[], byte: number, keepSlash: boolean): void {
  if ((byte < 128 && UNRESERVED[byte] === 1) || (keepSlash && byte === 0x2f)) out.push(String.fromCharCode(byte));
  else out.push("%", HEX[byte >> 4]!, HEX[byte & 15]!);
}

function pushEncoded(out: string[], text: string, keepSlash: boolean): void {
  for (const byte of Buffer.from(text, "utf8")) pushByte(out, byte, keepSlash);
}

/** True when the text needs no work: only unreserved characters (and "/" when kept). */
function isPlain(text: string, keepSlash: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || (UNRESERVED[c] !== 1 && !(keepSlash && c === 0x2f))) return false;
  }
  return true;
}

/** An escape %XX, upper-case hex, of a byte that must be escaped (any but the unreserved). */
const ESCAPE = "%(?:[01][0-9A-F]|2[0-9A-CF]|3[A-F]|40|5[B-E]|60|7[B-DF]|[89A-F][0-9A-F])";
/**
 * A run of unreserved characters or one escape. The run must end where the unreserved
 * characters do (the look-ahead): with only one way to split any text into pieces, a text that
 * does not match fails in time linear in its length, where "(?:[…]+|…)*" alone would try every
 * split of a long run and take exponential time (a ReDoS).
 */
const CANONICAL_TEXT = `(?:${UNRESERVED_CLASS}+(?!${UNRESERVED_CLASS})|${ESCAPE})`;
const CANONICAL = new RegExp(`^${CANONICAL_TEXT}*$`);

/**
 * A query string every name and value of which is canonical: "name=value" pairs joined by "&",
 * every name non-empty, none without "=". Regular expressions are compiled to machine code, and
 * run several times faster here than a loop over the characters.
 */
export const CANONICAL_QUERY = new RegExp(`^${CANONICAL_TEXT}+=${CANONICAL_TEXT}*(?:&${CANONICAL_TEXT}+=${CANONICAL_TEXT}*)*$`);

/**
 * True when the text is already in canonical form: unreserved characters, and %XX escapes with
 * upper-case hex of bytes that need escaping. What the SDKs send is; canonicalising it is a no-op.
 */
function isCanonical(text: string): boolean {
  return CANONICAL.test(text);
}

/** Encodes text taken literally: "%" itself becomes %25 (the second encoding of non-S3 paths). */
export function uriEncode(text: string, keepSlash = false): string {
  if (isPlain(text, keepSlash)) return text;
  const out: string[] = [];
  pushEncoded(out, text, keepSlash);
  return out.join("");
}

/**
 * Decodes valid %XX escapes to bytes and encodes the result again: the canonical form of a query
 * name or value as sent. "+" is a literal plus (RFC 3986), and a "%" not followed by two hex digits
 * is taken literally.
 */
export function canonicalizeEncoded(raw: string): string {
  if (isCanonical(raw)) return raw;
  const out: string[] = [];
  let i = 0;
  let literalStart = 0;
  while (i < raw.length) {
    if (raw.charCodeAt(i) === 0x25 && i + 2 < raw.length) {
      const high = hexValue(raw.charCodeAt(i + 1));
      const low = hexValue(raw.charCodeAt(i + 2));
      if (high >= 0 && low >= 0) {
        if (literalStart < i) pushEncoded(out, raw.slice(literalStart, i), false);
        pushByte(out, (high << 4) | low, false);
        i += 3;
        literalStart = i;
        continue;
      }
    }
    i++;
  }
  if (literalStart < raw.length) pushEncoded(out, raw.slice(literalStart), false);
  return out.join("");
}

// The XML 1.0 Char production (§2.2): text that contains anything else cannot be written or read.

// C0 controls other than TAB, LF, CR; U+FFFE/U+FFFF; unpaired surrogates.
const INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `value` holds only characters that XML 1.0 allows. */
export function isXmlText(value: string): boolean {
  return !INVALID.test(value);
}

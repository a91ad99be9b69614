// Character escaping exactly as Exclusive XML Canonicalization 1.0 writes it (C14N 1.0 §2.3,
// "Text Nodes" and "Attribute Nodes"), so what the writer emits is already canonical.
import { XmlError } from "../errors.ts";
import { isXmlText } from "../chars.ts";

const TEXT_SPECIAL = /[&<>\r]/g;
const ATTRIBUTE_SPECIAL = /[&<"\t\n\r]/g;
// Quick test for "nothing to escape and nothing to reject": plain printable text.
const NEEDS_WORK = /[&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

const TEXT_ESCAPES: Record<string, string> = { __proto__: null as unknown as string, "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#xD;" };
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  __proto__: null as unknown as string,
  "&": "&amp;",
  "<": "&lt;",
  '"': "&quot;",
  "\t": "&#x9;",
  "\n": "&#xA;",
  "\r": "&#xD;",
};

function checked(value: string): string {
  if (!isXmlText(value)) throw new XmlError("XML_INVALID_CHARACTER", "value contains characters XML 1.0 forbids");
  return value;
}

/** Text content: `&amp; &lt; &gt; &#xD;`. */
export function escapeText(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return checked(value).replace(TEXT_SPECIAL, (ch) => TEXT_ESCAPES[ch]!);
}

/** An attribute value (always written in double quotes): `&amp; &lt; &quot; &#x9; &#xA; &#xD;`. */
export function escapeAttribute(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return checked(value).replace(ATTRIBUTE_SPECIAL, (ch) => ATTRIBUTE_ESCAPES[ch]!);
}

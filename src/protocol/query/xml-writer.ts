// Writes plain values as the XML of AWS's Query protocol answers: a structure's fields become
// elements in their order, a list becomes <member> elements, a Map becomes <entry><key/><value/>
// elements, Dates ISO 8601 in UTC, bytes base64, null and undefined nothing at all.

export type XmlValue =
  | string
  | number
  | boolean
  | bigint
  | Date
  | Uint8Array
  | null
  | undefined
  | readonly XmlValue[]
  | ReadonlyMap<string, XmlValue>
  | XmlStructure;

export interface XmlStructure {
  readonly [name: string]: XmlValue;
}

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "\r": "&#xD;" };
// Characters XML 1.0 cannot carry at all become U+FFFD.
const INVALID_XML_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => ESCAPES[c]!).replace(INVALID_XML_CHARS, "\uFFFD");
}

const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function scalarText(value: string | number | boolean | bigint | Date | Uint8Array): string {
  if (typeof value === "string") return escapeXml(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  return String(value);
}

/** Appends the XML of `value` as the content of an element (not the element itself). */
export function writeContent(out: string[], value: XmlValue): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value as readonly XmlValue[]) writeElement(out, "member", item);
    return;
  }
  if (value instanceof Map) {
    for (const [key, item] of value as ReadonlyMap<string, XmlValue>) {
      out.push("<entry><key>", escapeXml(key), "</key>");
      writeElement(out, "value", item);
      out.push("</entry>");
    }
    return;
  }
  if (typeof value === "object" && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    for (const name of Object.keys(value)) writeElement(out, name, (value as XmlStructure)[name]);
    return;
  }
  out.push(scalarText(value as string | number | boolean | bigint | Date | Uint8Array));
}

/** Appends <name>…</name>; nothing when the value is null or undefined. */
export function writeElement(out: string[], name: string, value: XmlValue): void {
  if (value === null || value === undefined) return;
  if (!ELEMENT_NAME.test(name)) throw new TypeError(`not an XML element name: ${JSON.stringify(name)}`);
  out.push("<", name, ">");
  writeContent(out, value);
  out.push("</", name, ">");
}

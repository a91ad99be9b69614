// S3's XML, both ways. Answers: an XML declaration and a root element in S3's namespace, with
// children written in order (repeated elements are repeated, not wrapped). Requests: parsed with
// src/xml's hardened parser within a size limit; elements are matched by local name in S3's
// namespace or in none (clients send both); anything unreadable is MalformedXML.
import { escapeXml } from "../../protocol/index.ts";
import { childElements, isElement, parseXml, textOf, type Element } from "../../xml/index.ts";
import { isS3Error, S3Errors } from "../errors.ts";

export const S3_XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";

export type XmlScalar = string | number | boolean | Date;
/** An element: [name, text] or [name, children]; undefined children are left out. */
export type XmlNode = readonly [string, XmlScalar | readonly (XmlNode | undefined)[]];

function scalar(value: XmlScalar): string {
  if (value instanceof Date) return value.toISOString();
  return typeof value === "string" ? escapeXml(value) : String(value);
}

function write(out: string[], node: XmlNode): void {
  const [name, content] = node;
  out.push("<", name, ">");
  if (Array.isArray(content)) {
    for (const child of content as readonly (XmlNode | undefined)[]) if (child) write(out, child);
  } else {
    out.push(scalar(content as XmlScalar));
  }
  out.push("</", name, ">");
}

/** A whole answer document: `<Root xmlns="…">children</Root>`. */
export function xmlDocument(root: string, children: readonly (XmlNode | undefined)[] | XmlScalar): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n', "<", root, ' xmlns="', S3_XMLNS, '">'];
  if (Array.isArray(children)) {
    for (const child of children as readonly (XmlNode | undefined)[]) if (child) write(out, child);
  } else {
    out.push(scalar(children as XmlScalar));
  }
  out.push("</", root, ">");
  return out.join("");
}

/** An optional element: undefined when the value is. */
export function opt(name: string, value: XmlScalar | undefined): XmlNode | undefined {
  return value === undefined ? undefined : [name, value];
}

// ----- requests

const inS3Namespace = (element: Element): boolean => element.namespaceURI === null || element.namespaceURI === "" || element.namespaceURI === S3_XMLNS;

/** The document's root element, which must be named `root`. */
export function parseRequestXml(body: Buffer, root: string, maxBytes: number): Element {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw S3Errors.malformedXml();
  }
  try {
    const doc = parseXml(text, { maxBytes, maxDepth: 16 });
    const element = doc.documentElement;
    if (!isElement(element) || element.localName !== root || !inS3Namespace(element)) throw S3Errors.malformedXml();
    return element;
  } catch (error) {
    if (isS3Error(error)) throw error;
    throw S3Errors.malformedXml();
  }
}

/** Child elements named `name`. */
export function children(parent: Element, name: string): Element[] {
  return childElements(parent).filter((child) => child.localName === name && inS3Namespace(child));
}

/** The one child named `name`, if any (MalformedXML when repeated). */
export function child(parent: Element, name: string): Element | undefined {
  const found = children(parent, name);
  if (found.length > 1) throw S3Errors.malformedXml();
  return found[0];
}

/** The text of the one child named `name`, if any. */
export function childText(parent: Element, name: string): string | undefined {
  const found = child(parent, name);
  return found ? textOf(found) : undefined;
}

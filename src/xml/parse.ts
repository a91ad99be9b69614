// Hardened XML parsing for untrusted input: a size limit, no DTD (so no entities of any kind), a
// depth limit, XML 1.0 characters only, and every parser complaint (even a warning) is fatal.
import { DOMParser, type Document, type Node } from "@xmldom/xmldom";
import { XmlError } from "./errors.ts";
import { isXmlText } from "./chars.ts";
import { installRegExpCache } from "./regexp-cache.ts";

installRegExpCache();

export interface ParseXmlOptions {
  /** Largest accepted document, in UTF-8 bytes. Default 1 MiB. */
  maxBytes?: number;
  /** Deepest accepted element nesting. Default 64. */
  maxDepth?: number;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_MAX_DEPTH = 64;

// Markup declarations only ever appear in a DTD; refusing them outright closes XXE and
// entity-expansion attacks whatever the parser would have done with them.
const DECLARATION = /<!(?:DOCTYPE|ENTITY|ATTLIST|ELEMENT|NOTATION)/i;

const ELEMENT_NODE = 1;
const ATTRIBUTE_NODE = 2;
const TEXT_NODE = 3;
const CDATA_NODE = 4;
const ENTITY_REFERENCE_NODE = 5;
const DOCUMENT_TYPE_NODE = 10;

/** XML 1.0 §2.11 line-end handling (xmldom's default also folds U+0085/U+2028/U+2029: XML 1.1). */
function normalizeXml10LineEnds(source: string): string {
  return source.replace(/\r\n?/g, "\n");
}

export function parseXml(text: string, options: ParseXmlOptions = {}): Document {
  if (typeof text !== "string") throw new TypeError("parseXml expects a string");
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > maxBytes || Buffer.byteLength(text, "utf8") > maxBytes) {
    throw new XmlError("XML_TOO_LARGE", `XML document exceeds ${maxBytes} bytes`);
  }
  if (DECLARATION.test(text)) {
    throw new XmlError("XML_DTD_FORBIDDEN", "XML document type declarations and entities are not accepted");
  }
  let complaint: string | undefined;
  let doc: Document;
  try {
    const parser = new DOMParser({
      locator: false,
      normalizeLineEndings: normalizeXml10LineEnds,
      onError: (level, message) => {
        complaint ??= `${level}: ${message}`;
        throw new Error(complaint);
      },
    });
    doc = parser.parseFromString(text, "application/xml");
  } catch (cause) {
    throw new XmlError("XML_MALFORMED", `XML is not well-formed (${complaint ?? "unreadable"})`, { cause });
  }
  if (!doc.documentElement) throw new XmlError("XML_MALFORMED", "XML document has no root element");
  inspect(doc, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  return doc;
}

/** Walks the tree without recursion: no DTD or entity nodes, bounded depth, valid characters. */
function inspect(doc: Document, maxDepth: number): void {
  const stack: Array<[Node, number]> = [[doc, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    switch (node.nodeType) {
      case DOCUMENT_TYPE_NODE:
      case ENTITY_REFERENCE_NODE:
        throw new XmlError("XML_DTD_FORBIDDEN", "XML document type declarations and entities are not accepted");
      case TEXT_NODE:
      case CDATA_NODE:
        checkChars(node.nodeValue ?? "");
        break;
      case ELEMENT_NODE: {
        if (depth > maxDepth) throw new XmlError("XML_TOO_DEEP", `XML nesting exceeds ${maxDepth} levels`);
        const attributes = (node as unknown as { attributes: ArrayLike<Node> }).attributes;
        for (let i = 0; i < attributes.length; i++) {
          const attribute = attributes[i]!;
          if (attribute.nodeType === ATTRIBUTE_NODE) checkChars(attribute.nodeValue ?? "");
        }
        break;
      }
    }
    for (let child = node.firstChild; child; child = child.nextSibling) {
      stack.push([child, node.nodeType === ELEMENT_NODE ? depth + 1 : depth]);
    }
  }
}

function checkChars(value: string): void {
  if (!isXmlText(value)) throw new XmlError("XML_INVALID_CHARACTER", "XML document contains characters XML 1.0 forbids");
}

// Exclusive XML Canonicalization 1.0 without comments (https://www.w3.org/TR/xml-exc-c14n/) of a
// parsed element, for signature verification:
// - a namespace declaration is rendered where its prefix is visibly utilized (the element's own
//   name, a prefixed attribute) or listed in the InclusiveNamespaces PrefixList and declared there,
//   unless the nearest output ancestor already rendered the same binding (§3); the default
//   namespace only on unprefixed elements, and only when it changes;
// - declarations first (default first, then by prefix), then attributes sorted by (namespace URI,
//   local name), unqualified first (C14N 1.0 §2.2); escapes as C14N 1.0 §2.3 (escape.ts);
// - comments are left out; the excluded node (the enveloped ds:Signature) and its subtree too.
// Where xml-crypto 6's ExclusiveCanonicalization (what verification used before) writes something
// else than the specification, or something the two could disagree on, this returns undefined
// and the caller falls back to xml-crypto, so every decision stays what it was:
// processing instructions, empty text nodes, `xmlns=""` (xml-crypto repeats it), namespace URIs
// that need escaping (xml-crypto writes them raw), attributes named xmlns* (it drops them),
// "#default" or a prefix list entry that is also a prefixed attribute's local name, the prefixes
// `xml`/`xmlns` on elements, an order its comparators (localeCompare, URI+name concatenation)
// would write differently, and characters outside the BMP in names or URIs.
import type { Attr, Element, Node } from "@xmldom/xmldom";
import { escapeAttribute, escapeText } from "./escape.ts";

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;
const COMMENT_NODE = 8;
const XMLNS_URI = "http://www.w3.org/2000/xmlns/";
const XML_URI = "http://www.w3.org/XML/1998/namespace";
// A namespace URI that C14N would escape (xml-crypto does not), or anything outside the BMP.
const UNSAFE_URI = /[&<"\t\n\r\uD800-\uDFFF]/;
const ASTRAL = /[\uD800-\uDFFF]/;

export interface ExcC14nOptions {
  /** A node inside the element left out with its subtree (the enveloped signature). */
  readonly exclude?: Node;
  /** The InclusiveNamespaces PrefixList, already split. */
  readonly prefixList?: readonly string[];
}

/** Thrown inside the walk when the result might differ from xml-crypto's; never escapes. */
class Diverges {}
const DIVERGES = new Diverges();

/** A binding rendered by an output ancestor: [prefix, uri], innermost last. */
type Rendered = Array<readonly [string, string]>;

function renderedUri(scope: Rendered, prefix: string): string | undefined {
  for (let i = scope.length - 1; i >= 0; i--) if (scope[i]![0] === prefix) return scope[i]![1];
  return undefined;
}

/**
 * The exclusive canonical form of `element` as an apex (nothing rendered above it), or undefined
 * when xml-crypto's canonicalization could write other bytes for it.
 */
export function exclusiveCanonicalXml(element: Element, options: ExcC14nOptions = {}): string | undefined {
  const prefixList = options.prefixList ?? [];
  if (prefixList.includes("#default")) return undefined;
  const out: string[] = [];
  try {
    renderElement(element, [], "", options.exclude, prefixList, out);
  } catch (error) {
    if (error === DIVERGES) return undefined;
    throw error;
  }
  return out.join("");
}

const localOf = (attribute: Attr): string => attribute.localName ?? attribute.name;

function compareAttributes(a: Attr, b: Attr): number {
  const ua = a.namespaceURI ?? "";
  const ub = b.namespaceURI ?? "";
  if (ua !== ub) return ua < ub ? -1 : 1;
  const la = localOf(a);
  const lb = localOf(b);
  return la < lb ? -1 : la > lb ? 1 : 0;
}

/** xml-crypto's attrCompare, to check that it orders the same way. */
function xmlCryptoAttributeOrder(a: Attr, b: Attr): number {
  if (!a.namespaceURI && b.namespaceURI) return -1;
  if (!b.namespaceURI && a.namespaceURI) return 1;
  const left = `${a.namespaceURI}${a.localName}`;
  const right = `${b.namespaceURI}${b.localName}`;
  return left === right ? 0 : left < right ? -1 : 1;
}

function renderElement(node: Element, scope: Rendered, defaultNs: string, exclude: Node | undefined, prefixList: readonly string[], out: string[]): void {
  const mark = scope.length;
  const prefix = node.prefix ?? "";
  if (prefix === "xml" || prefix === "xmlns") throw DIVERGES;
  const uri = node.namespaceURI ?? "";
  const declarations: Array<[string, string]> = [];
  const need = (p: string, u: string): void => {
    if (renderedUri(scope, p) === u) return;
    if (UNSAFE_URI.test(u) || u === "") throw DIVERGES;
    declarations.push([p, u]);
    scope.push([p, u]);
  };

  let newDefault = defaultNs;
  let defaultDeclaration: string | undefined;
  if (prefix !== "") {
    need(prefix, uri);
  } else if (uri !== defaultNs) {
    // xml-crypto repeats xmlns="" below an undeclared default; C14N writes it once.
    if (uri === "" || UNSAFE_URI.test(uri)) throw DIVERGES;
    defaultDeclaration = uri;
    newDefault = uri;
  }

  const attributes: Attr[] = [];
  const list = node.attributes;
  for (let i = 0; i < list.length; i++) {
    const attribute = list[i]!;
    const name = attribute.name;
    if (attribute.namespaceURI === XMLNS_URI) {
      if (!name.startsWith("xmlns")) throw DIVERGES;
      // A declaration: rendered here only for a listed prefix (C14N treatment of the PrefixList).
      if (attribute.prefix === "xmlns" && prefixList.includes(localOf(attribute))) {
        if (attribute.value === "") throw DIVERGES;
        need(localOf(attribute), attribute.value);
      }
      continue;
    }
    if (name.startsWith("xmlns")) throw DIVERGES;
    const attributePrefix = attribute.prefix ?? "";
    if (attributePrefix !== "") {
      if (prefixList.includes(localOf(attribute))) throw DIVERGES;
      if (attributePrefix !== "xml") need(attributePrefix, attribute.namespaceURI ?? "");
      else if (attribute.namespaceURI !== XML_URI) throw DIVERGES;
    }
    attributes.push(attribute);
  }

  let text = "<" + node.tagName;
  if (defaultDeclaration !== undefined) text += ' xmlns="' + defaultDeclaration + '"';
  if (declarations.length > 1) {
    declarations.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (let i = 1; i < declarations.length; i++) {
      const [a, b] = [declarations[i - 1]![0], declarations[i]![0]];
      if (ASTRAL.test(a) || ASTRAL.test(b) || a.localeCompare(b) >= 0) throw DIVERGES;
    }
  }
  for (const [p, u] of declarations) text += " xmlns:" + p + '="' + u + '"';
  if (attributes.length > 1) {
    attributes.sort(compareAttributes);
    for (let i = 1; i < attributes.length; i++) {
      const [a, b] = [attributes[i - 1]!, attributes[i]!];
      if (xmlCryptoAttributeOrder(a, b) >= 0) throw DIVERGES;
      if (ASTRAL.test(localOf(a)) || ASTRAL.test(localOf(b)) || ASTRAL.test(a.namespaceURI ?? "") || ASTRAL.test(b.namespaceURI ?? "")) throw DIVERGES;
    }
  }
  for (const attribute of attributes) text += " " + attribute.name + '="' + escapeAttribute(attribute.value) + '"';
  out.push(text + ">");

  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child === exclude) continue;
    switch (child.nodeType) {
      case ELEMENT_NODE:
        renderElement(child as Element, scope, newDefault, exclude, prefixList, out);
        break;
      case TEXT_NODE:
      case CDATA_NODE: {
        const data = (child as unknown as { data: string }).data;
        if (data === "") throw DIVERGES;
        out.push(escapeText(data));
        break;
      }
      case COMMENT_NODE:
        break;
      default:
        // Processing instructions: xml-crypto writes their data as text.
        throw DIVERGES;
    }
  }
  out.push("</" + node.tagName + ">");
  scope.length = mark;
}

// Small, namespace-exact DOM readers for parsed documents: match on namespace URI and local name,
// never on a prefix, and tell "absent" apart from "empty".
import type { Element, Node } from "@xmldom/xmldom";

const ELEMENT_NODE = 1;

export function isElement(node: Node | null | undefined): node is Element {
  return !!node && node.nodeType === ELEMENT_NODE;
}

export function isNamed(node: Element, namespaceUri: string, localName: string): boolean {
  return node.namespaceURI === namespaceUri && node.localName === localName;
}

/** The element children of `parent`, optionally only those with this namespace and local name. */
export function childElements(parent: Node, namespaceUri?: string, localName?: string): Element[] {
  const out: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (!isElement(child)) continue;
    if (namespaceUri !== undefined && localName !== undefined && !isNamed(child, namespaceUri, localName)) continue;
    out.push(child);
  }
  return out;
}

/** The value of an unqualified attribute, or undefined when it is absent. */
export function attributeOf(node: Element, name: string): string | undefined {
  const attribute = node.getAttributeNode(name);
  return attribute ? attribute.value : undefined;
}

/** All character data inside `node`, in document order. */
export function textOf(node: Node): string {
  return node.textContent ?? "";
}

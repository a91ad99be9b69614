// A nested element written out as a document of its own, carrying the namespace declarations it
// inherits (nearest first; its own win), so that xml-crypto can verify its enveloped signature as
// the root: the fallback of verifySignedXml for a non-root element outside the common shape.
import { XMLSerializer, type Element } from "@xmldom/xmldom";
import { isElement } from "../dom.ts";

const XMLNS = "http://www.w3.org/2000/xmlns/";

export function standaloneXml(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  for (let node = element.parentNode; isElement(node); node = node.parentNode) {
    const attributes = node.attributes;
    for (let i = 0; i < attributes.length; i++) {
      const attribute = attributes.item(i)!;
      if (attribute.namespaceURI !== XMLNS || copy.hasAttribute(attribute.name)) continue;
      copy.setAttributeNS(XMLNS, attribute.name, attribute.value);
    }
  }
  return new XMLSerializer().serializeToString(copy);
}

// The element tree the canonical writer renders: namespaced elements, attributes, text, and
// already-rendered canonical elements (a signed assertion inside its response).

export interface XmlNamespace {
  readonly uri: string;
  /** "" for the default namespace. */
  readonly prefix: string;
}

export interface XmlAttribute {
  /** null for an unqualified attribute (the usual case). */
  readonly ns: XmlNamespace | null;
  readonly local: string;
  readonly value: string;
}

export interface XmlElement {
  readonly kind: "element";
  readonly ns: XmlNamespace;
  readonly local: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlChild[];
}

/** An element already in exclusive canonical form, and the namespace prefixes it uses. */
export interface CanonicalElement {
  readonly kind: "canonical";
  readonly xml: string;
  /** Every prefix (""= default) visibly used anywhere inside, with its namespace URI. */
  readonly namespaces: ReadonlyMap<string, string>;
}

/** A string child is character data. */
export type XmlChild = XmlElement | CanonicalElement | string;

export type AttributeInput = Readonly<Record<string, string | undefined>> | readonly XmlAttribute[];

export const XML_NAMESPACE_URI = "http://www.w3.org/XML/1998/namespace";
/** Elements in no namespace. */
export const NO_NAMESPACE: XmlNamespace = Object.freeze({ uri: "", prefix: "" });

const NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

/** An attribute name: an NCName that is not `xmlns` (declarations come from the names used). */
function checkAttributeName(local: string): void {
  if (!NAME.test(local) || local === "xmlns") throw new TypeError(`bad attribute name ${local}`);
}

export function xmlNamespace(uri: string, prefix = ""): XmlNamespace {
  if (prefix !== "" && (!NAME.test(prefix) || uri === "")) throw new TypeError(`bad namespace prefix ${prefix}`);
  if (/^xml/i.test(prefix) && !(prefix === "xml" && uri === XML_NAMESPACE_URI)) throw new TypeError(`reserved prefix ${prefix}`);
  return Object.freeze({ uri, prefix });
}

export function attribute(ns: XmlNamespace | null, local: string, value: string): XmlAttribute {
  checkAttributeName(local);
  if (ns && ns.prefix === "") throw new TypeError("a qualified attribute needs a prefix");
  return { ns, local, value };
}

/**
 * Builds an element. Attributes given as a record are unqualified; `undefined` values are left
 * out. `undefined`, `null` and `false` children are left out, so optional parts read inline.
 */
export function element(
  ns: XmlNamespace,
  local: string,
  attributes?: AttributeInput | null,
  children?: ReadonlyArray<XmlChild | undefined | null | false>,
): XmlElement {
  if (!NAME.test(local)) throw new TypeError(`bad element name ${local}`);
  return {
    kind: "element",
    ns,
    local,
    attributes: toAttributes(attributes),
    children: children ? (children.filter((c) => c !== undefined && c !== null && c !== false) as XmlChild[]) : [],
  };
}

function toAttributes(input: AttributeInput | null | undefined): readonly XmlAttribute[] {
  if (!input) return [];
  if (Array.isArray(input)) return input as readonly XmlAttribute[];
  const out: XmlAttribute[] = [];
  for (const [local, value] of Object.entries(input as Record<string, string | undefined>)) {
    if (value === undefined) continue;
    checkAttributeName(local);
    out.push({ ns: null, local, value });
  }
  return out;
}

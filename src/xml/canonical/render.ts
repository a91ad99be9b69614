// Renders an element tree directly in Exclusive XML Canonicalization 1.0 form (without comments,
// empty InclusiveNamespaces PrefixList), so a signature's digest is taken over the bytes written,
// with no re-parse. What exc-c14n prescribes, and what this does:
// - a namespace declaration appears on an element that visibly uses its prefix (the element's own
//   name, or a prefixed attribute), unless the nearest output ancestor already rendered that same
//   binding (exc-c14n §3); `xmlns=""` only to undo a rendered non-empty default;
// - namespace declarations first, the default one first, then by prefix; then attributes sorted by
//   (namespace URI, local name), unqualified ones first (C14N 1.0 §2.2, "Document Order");
// - empty elements as a start and an end tag; escapes as in escape.ts.
// Namespaces used only inside attribute values (QNames in content, `xsi:type="xs:string"`) are
// not "visibly utilized" and would be dropped, so this writer is not for such documents.
import { escapeAttribute, escapeText } from "./escape.ts";
import { XML_NAMESPACE_URI, type CanonicalElement, type XmlAttribute, type XmlElement } from "./tree.ts";

/** prefix -> namespace URI as rendered by output ancestors (prototype chain = ancestry). */
type Scope = Readonly<Record<string, string>>;

const EMPTY_SCOPE: Scope = Object.freeze(Object.create(null) as Record<string, string>);

/** The element's exclusive canonical form, standalone (as a signature's Reference sees it). */
export function canonicalize(root: XmlElement): CanonicalElement {
  const used = new Map<string, string>();
  const xml = render(root, EMPTY_SCOPE, used);
  return { kind: "canonical", xml, namespaces: used };
}

function qname(prefix: string, local: string): string {
  return prefix === "" ? local : `${prefix}:${local}`;
}

function compareAttributes(a: XmlAttribute, b: XmlAttribute): number {
  const ua = a.ns ? a.ns.uri : "";
  const ub = b.ns ? b.ns.uri : "";
  if (ua !== ub) return ua < ub ? -1 : 1;
  return a.local < b.local ? -1 : a.local > b.local ? 1 : 0;
}

function render(node: XmlElement, scope: Scope, used: Map<string, string>): string {
  // Namespace declarations this element must render.
  let declarations: Array<[string, string]> | undefined;
  const need = (prefix: string, uri: string): void => {
    used.set(prefix, uri);
    const rendered = scope[prefix];
    // With nothing rendered, the default namespace in effect is "no namespace".
    if ((prefix === "" ? (rendered ?? "") : rendered) === uri) return;
    for (const [p, u] of declarations ?? []) {
      if (p === prefix) {
        if (u !== uri) fail(prefix);
        return;
      }
    }
    (declarations ??= []).push([prefix, uri]);
  };
  need(node.ns.prefix, node.ns.uri);
  for (const attribute of node.attributes) {
    if (attribute.ns && attribute.ns.uri !== XML_NAMESPACE_URI) need(attribute.ns.prefix, attribute.ns.uri);
  }

  const name = qname(node.ns.prefix, node.local);
  let out = "<" + name;
  let childScope = scope;
  if (declarations) {
    const next = Object.create(scope) as Record<string, string>;
    if (declarations.length > 1) declarations.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (const [prefix, uri] of declarations) {
      next[prefix] = uri;
      out += (prefix === "" ? ' xmlns="' : ` xmlns:${prefix}="`) + escapeAttribute(uri) + '"';
    }
    childScope = next;
  }
  const attributes = node.attributes.length > 1 ? [...node.attributes].sort(compareAttributes) : node.attributes;
  for (let i = 1; i < attributes.length; i++) {
    if (compareAttributes(attributes[i - 1]!, attributes[i]!) === 0) throw new TypeError(`attribute ${attributes[i]!.local} appears twice`);
  }
  for (const attribute of attributes) {
    out += " " + qname(attribute.ns ? attribute.ns.prefix : "", attribute.local) + '="' + escapeAttribute(attribute.value) + '"';
  }
  out += ">";
  for (const child of node.children) {
    if (typeof child === "string") out += escapeText(child);
    else if (child.kind === "element") out += render(child, childScope, used);
    else out += embed(child, childScope, used);
  }
  return out + "</" + name + ">";
}

function fail(prefix: string): never {
  throw new TypeError(`prefix "${prefix}" is bound to two namespaces on one element`);
}

/**
 * A canonical element renders the same inside this scope as standalone exactly when the scope
 * holds no rendered binding for any prefix it uses: then every declaration decision inside it
 * comes out the same.
 */
function embed(fragment: CanonicalElement, scope: Scope, used: Map<string, string>): string {
  for (const [prefix, uri] of fragment.namespaces) {
    const inScope = scope[prefix];
    if (inScope !== undefined && !(prefix === "" && inScope === "")) {
      throw new TypeError(`canonical element uses prefix "${prefix}", which its new parent already declares`);
    }
    used.set(prefix, uri);
  }
  return fragment.xml;
}

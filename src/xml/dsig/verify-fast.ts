// The common shape of an enveloped signature verified without xml-crypto: child elements are
// walked (no XPath), the Reference and SignedInfo are canonicalized with exclusive C14N
// (canonical/exc-c14n.ts), the digest is compared in constant time and the RSA signature checked
// against the configured certificates only. It accepts and refuses exactly what xml-crypto did:
// - only this shape: SignedInfo = [CanonicalizationMethod exc-c14n, SignatureMethod, Reference],
//   Reference = [Transforms [enveloped-signature (an InclusiveNamespaces in it ignored, as
//   xml-crypto ignores it), exc-c14n (+ ec:InclusiveNamespaces)],
//   DigestMethod sha1|sha256, DigestValue], SignatureValue a single text node;
// - xml-crypto's own refusals are repeated: a quote in the URI, the ID on more than one element
//   (any attribute whose local name is ID, Id or id), another ds:Signature with the same value;
// - anything else (other algorithms, extra children, characters its own parse would fold, a
//   canonical form it would write differently) returns undefined: the caller uses xml-crypto.
import type { Document, Element, Node } from "@xmldom/xmldom";
import { base64ToPem, rsaVerify, safeEqual, sha1, sha256 } from "../../crypto/index.ts";
import { exclusiveCanonicalXml } from "../canonical/exc-c14n.ts";
import { XmlError } from "../errors.ts";
import { isElement, isNamed } from "../dom.ts";
import { ALG, DSIG_NS_URI, signatureHashOf } from "./algorithms.ts";
import { certificateBase64 } from "./signer.ts";

const TEXT_NODE = 3;
const XMLNS_URI = "http://www.w3.org/2000/xmlns/";
const ID_NAMES = ["Id", "ID", "id"] as const;
// xml-crypto parses the text again with xmldom's defaults, which fold these line ends (XML 1.1).
const FOLDED_LINE_ENDS = /[\u0085\u2028\u2029]/;

const DIGESTS: Readonly<Record<string, (data: string) => Buffer>> = {
  __proto__: null as unknown as (data: string) => Buffer,
  [ALG.sha1]: sha1,
  [ALG.sha256]: sha256,
};

export interface FastVerification {
  /** The canonical bytes the Reference digested. */
  readonly signedXml: string;
}

// Every refusal here reads as verifySignedXml's refusals after xml-crypto ran always read.
const DOES_NOT_VERIFY = "the signature does not verify with any configured certificate";

function invalid(reason: string): XmlError {
  return new XmlError("XML_SIGNATURE_INVALID", DOES_NOT_VERIFY, { cause: new Error(reason) });
}

function elementChildren(parent: Node): Element[] {
  const out: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) if (isElement(child)) out.push(child);
  return out;
}

function ds(node: Element | undefined, local: string): node is Element {
  return node !== undefined && isNamed(node, DSIG_NS_URI, local);
}

/** The Algorithm of a ds:`local` with no element children, when `accepted`; else undefined. */
function leafAlgorithm(node: Element | undefined, local: string, accepted: (uri: string) => boolean): string | undefined {
  if (!ds(node, local) || elementChildren(node).length > 0) return undefined;
  const uri = node.getAttribute("Algorithm") ?? "";
  return node.hasAttribute("Algorithm") && accepted(uri) ? uri : undefined;
}

/** The text of an element holding exactly one text node. */
function soleText(node: Element): string | undefined {
  const child = node.firstChild;
  return child && !child.nextSibling && child.nodeType === TEXT_NODE ? (child as unknown as { data: string }).data : undefined;
}

interface Shape {
  signedInfo: Element;
  hash: NonNullable<ReturnType<typeof signatureHashOf>>;
  digest: (data: string) => Buffer;
  digestValue: string;
  signatureValue: string;
  prefixList: string[];
  uri: string;
}

/** The signature in the common shape, or undefined for anything else. */
function shapeOf(signature: Element): Shape | undefined {
  const parts = elementChildren(signature);
  const [signedInfo, signatureValue] = parts;
  if (!ds(signedInfo, "SignedInfo") || !ds(signatureValue, "SignatureValue")) return undefined;
  for (const part of parts.slice(2)) if (part.localName === "SignedInfo" || part.localName === "SignatureValue") return undefined;

  const info = elementChildren(signedInfo);
  if (info.length !== 3) return undefined;
  if (leafAlgorithm(info[0], "CanonicalizationMethod", (uri) => uri === ALG.excC14n) === undefined) return undefined;
  const signatureAlgorithm = leafAlgorithm(info[1], "SignatureMethod", (uri) => signatureHashOf(uri) !== undefined);
  if (signatureAlgorithm === undefined) return undefined;
  const reference = info[2];
  if (!ds(reference, "Reference")) return undefined;

  const [transforms, digestMethod, digestValue, ...rest] = elementChildren(reference);
  if (rest.length > 0 || !ds(transforms, "Transforms") || !ds(digestValue, "DigestValue") || elementChildren(digestValue).length > 0) return undefined;
  const digestAlgorithm = leafAlgorithm(digestMethod, "DigestMethod", (uri) => DIGESTS[uri] !== undefined);
  if (digestAlgorithm === undefined) return undefined;

  const steps = elementChildren(transforms);
  if (steps.length !== 2 || !ds(steps[0], "Transform") || steps[0].getAttribute("Algorithm") !== ALG.envelopedSignature) return undefined;
  // xml-crypto's own signer writes an InclusiveNamespaces into this transform too; it is unused.
  const ignored = elementChildren(steps[0]);
  if (ignored.length > 1 || (ignored.length === 1 && (ignored[0]!.localName !== "InclusiveNamespaces" || elementChildren(ignored[0]!).length > 0))) return undefined;
  const c14n = steps[1]!;
  if (!ds(c14n, "Transform") || c14n.getAttribute("Algorithm") !== ALG.excC14n) return undefined;
  const inner = elementChildren(c14n);
  let prefixList: string[] = [];
  if (inner.length > 0) {
    const inclusive = inner[0]!;
    if (inner.length > 1 || !isNamed(inclusive, ALG.excC14n, "InclusiveNamespaces") || elementChildren(inclusive).length > 0) return undefined;
    // Split as xml-crypto splits it, so the same prefixes count.
    prefixList = (inclusive.getAttribute("PrefixList") ?? "").split(" ").filter((p) => p.length > 0);
  }

  const value = soleText(signatureValue);
  if (value === undefined || !reference.hasAttribute("URI")) return undefined;
  return {
    signedInfo,
    hash: signatureHashOf(signatureAlgorithm)!,
    digest: DIGESTS[digestAlgorithm]!,
    digestValue: digestValue.textContent ?? "",
    signatureValue: value,
    prefixList,
    uri: reference.getAttribute("URI") ?? "",
  };
}

/** xml-crypto's wrapping guards, over the whole document, in one walk. */
function checkDocument(doc: Document, id: string, signatureValue: string): void {
  let idCount = 0;
  let sameSignatures = 0;
  const stack: Element[] = [doc.documentElement!];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const attributes = node.attributes;
    for (const name of ID_NAMES) {
      for (let i = 0; i < attributes.length; i++) {
        const attribute = attributes[i]!;
        if (attribute.localName === name && attribute.namespaceURI !== XMLNS_URI && attribute.value === id) {
          idCount++;
          break;
        }
      }
    }
    if (isNamed(node, DSIG_NS_URI, "Signature")) {
      const value = elementChildren(node).find((child) => child.localName === "SignatureValue");
      if (value && value.textContent === signatureValue) sameSignatures++;
    }
    for (let child = node.firstChild; child; child = child.nextSibling) if (isElement(child)) stack.push(child);
  }
  if (idCount > 1) throw invalid("the signed element's ID is not unique");
  if (sameSignatures > 1) throw invalid("the document carries the same signature twice");
}

/**
 * Verifies the enveloped `signature` of `root` (already checked by inspectSignature: the document's
 * root, or a nested element whose ID is unique in the whole document) and returns the canonical
 * bytes the Reference digested; undefined when xml-crypto must decide instead. A nested element is
 * canonicalized where it stands: exc-c14n renders only visibly utilized namespaces, with the URIs
 * the parser bound in scope, so inherited declarations are rendered exactly where used; an
 * InclusiveNamespaces PrefixList (which would also pull in an ancestor's declaration) is left to
 * the caller's fallback.
 */
export function verifyCommonShape(xml: string, doc: Document, root: Element, signature: Element, certificates: readonly string[]): FastVerification | undefined {
  if (FOLDED_LINE_ENDS.test(xml)) return undefined;
  const shape = shapeOf(signature);
  if (!shape) return undefined;
  if (root !== doc.documentElement && shape.prefixList.length > 0) return undefined;
  const id = shape.uri.slice(1);
  if (id.includes("'")) throw invalid("the reference URI holds a quote");
  // The enveloped transform of xml-crypto also reads a CanonicalizationMethod child of the root.
  if (shape.prefixList.length === 0 && elementChildren(root).some((child) => child.localName === "CanonicalizationMethod")) return undefined;

  const signedXml = exclusiveCanonicalXml(root, { exclude: signature, prefixList: shape.prefixList });
  const signedInfoXml = exclusiveCanonicalXml(shape.signedInfo);
  if (signedXml === undefined || signedInfoXml === undefined) return undefined;
  checkDocument(doc, id, shape.signatureValue);

  if (!safeEqual(shape.digest(signedXml), Buffer.from(shape.digestValue, "base64"))) throw invalid("the signed element's digest does not match");
  const value = Buffer.from(shape.signatureValue.replace(/\r?\n/g, ""), "base64");
  for (const certificate of certificates) {
    if (rsaVerify(base64ToPem(certificateBase64(certificate)), signedInfoXml, value, shape.hash)) return { signedXml };
  }
  throw invalid("no configured certificate verifies the SignatureValue");
}

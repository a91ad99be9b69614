// Verifies the enveloped signature of an incoming document (an AuthnRequest over HTTP-POST) with
// xml-crypto, with node-saml's getVerifiedXml rigour, and hands back ONLY the signed bytes:
// - exactly one ds:Signature child of the signed element (the root, or `options.element`), one
//   SignedInfo, one Reference;
// - the Reference points at that element by its ID, and that ID names exactly one element of the
//   whole document;
// - transforms, digest, canonicalisation and signature algorithms from a short allow-list;
// - the key comes from the configured certificates, never from KeyInfo.
// The result is what was digested (re-parsed), so nothing unsigned can ride along. The common
// shape (exc-c14n, SHA-1/SHA-256) is verified by hand in verify-fast.ts; xml-crypto decides the rest.
// A nested element (a SAML Assertion inside its Response) is verified in place in the common shape
// (its subtree canonicalized where it stands, namespaces from their in-scope bindings, as exc-c14n
// requires); otherwise it is written out as a document of its own and verified as that root.
import { SignedXml } from "xml-crypto";
import type { Document, Element } from "@xmldom/xmldom";
import { base64ToPem } from "../../crypto/index.ts";
import { XmlError } from "../errors.ts";
import { parseXml, type ParseXmlOptions } from "../parse.ts";
import { attributeOf, childElements, isElement } from "../dom.ts";
import { ACCEPTED_CANONICALIZATIONS, ACCEPTED_DIGESTS, ACCEPTED_TRANSFORMS, ALG, DSIG_NS_URI, signatureHashOf } from "./algorithms.ts";
import { certificateBase64 } from "./signer.ts";
import { standaloneXml } from "./standalone.ts";
import { verifyCommonShape } from "./verify-fast.ts";

export interface VerifiedXml {
  /** The signed element in the canonical form that was digested. */
  readonly xml: string;
  /** That element, parsed again: read only from here. */
  readonly element: Element;
  readonly signatureAlgorithm: string;
}

export interface VerifySignedXmlOptions extends ParseXmlOptions {
  /** The same text already parsed with parseXml (saves a parse). */
  document?: Document;
  /**
   * The signed element, when it is not the root: an element of `document` (required with it), whose
   * enveloped signature is verified in place. Default: the root.
   */
  element?: Element;
}

const ID_ATTRIBUTES = ["ID", "Id", "id"] as const;

function invalid(message: string, cause?: unknown): XmlError {
  return new XmlError("XML_SIGNATURE_INVALID", message, cause === undefined ? {} : { cause });
}

function only(parent: Element, local: string): Element {
  const found = childElements(parent, DSIG_NS_URI, local);
  if (found.length !== 1) throw invalid(`the signature must hold exactly one ${local}`);
  return found[0]!;
}

function algorithmOf(parent: Element, local: string, accepted: (uri: string) => boolean): string {
  const uri = attributeOf(only(parent, local), "Algorithm") ?? "";
  if (!accepted(uri)) throw invalid(`${local} algorithm ${uri} is not accepted`);
  return uri;
}

/** Counts the elements carrying `id` in any of the attributes xml-crypto resolves references by. */
function countIds(doc: Document, id: string): number {
  let count = 0;
  const stack: Element[] = [doc.documentElement!];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ID_ATTRIBUTES.some((name) => attributeOf(node, name) === id)) count++;
    for (let child = node.firstChild; child; child = child.nextSibling) if (isElement(child)) stack.push(child);
  }
  return count;
}

/** Checks the signature's shape before any cryptography runs; returns the signature element. */
function inspectSignature(doc: Document, root: Element): { signature: Element; signatureAlgorithm: string } {
  const signatures = childElements(root, DSIG_NS_URI, "Signature");
  if (signatures.length === 0) throw new XmlError("XML_SIGNATURE_MISSING", "the document is not signed");
  if (signatures.length > 1) throw invalid("the document carries more than one signature");
  const signature = signatures[0]!;
  const signedInfo = only(signature, "SignedInfo");
  algorithmOf(signedInfo, "CanonicalizationMethod", (uri) => ACCEPTED_CANONICALIZATIONS.has(uri));
  const signatureAlgorithm = algorithmOf(signedInfo, "SignatureMethod", (uri) => signatureHashOf(uri) !== undefined);
  const reference = only(signedInfo, "Reference");
  algorithmOf(reference, "DigestMethod", (uri) => ACCEPTED_DIGESTS.has(uri));

  const id = attributeOf(root, "ID");
  if (!id) throw invalid("the signed element has no ID");
  if (attributeOf(reference, "URI") !== `#${id}`) throw invalid("the signature does not reference the signed element");
  if (countIds(doc, id) !== 1) throw invalid("the signed element's ID is not unique");

  const transforms = childElements(only(reference, "Transforms"), DSIG_NS_URI, "Transform").map((t) => attributeOf(t, "Algorithm") ?? "");
  if (transforms.length > 2 || transforms[0] !== ALG.envelopedSignature || !transforms.every((t) => ACCEPTED_TRANSFORMS.has(t))) {
    throw invalid("the signature's transforms are not accepted");
  }
  return { signature, signatureAlgorithm };
}

/**
 * Verifies the enveloped signature on the root element of `xml` with one of `certificates` (PEM or
 * base64 DER) and returns the signed element alone.
 */
export function verifySignedXml(xml: string, certificates: readonly string[], options: VerifySignedXmlOptions = {}): VerifiedXml {
  if (certificates.length === 0) throw new TypeError("verifySignedXml needs at least one certificate");
  if (options.element !== undefined && (options.document === undefined || options.element.ownerDocument !== options.document)) {
    throw new TypeError("verifySignedXml: options.element must be an element of options.document");
  }
  const doc = options.document ?? parseXml(xml, options);
  const root = options.element ?? doc.documentElement!;
  const { signature, signatureAlgorithm } = inspectSignature(doc, root);
  const fast = verifyCommonShape(xml, doc, root, signature, certificates);
  if (fast) return signedElement(fast.signedXml, root, signatureAlgorithm, options);
  if (root !== doc.documentElement) {
    // xml-crypto verifies the root only: the element as a document of its own decides.
    const { document: _document, element: _element, ...parseOptions } = options;
    return verifySignedXml(standaloneXml(root), certificates, parseOptions);
  }

  let lastError: unknown;
  for (const certificate of certificates) {
    const verifier = new SignedXml({ publicCert: base64ToPem(certificateBase64(certificate)), getCertFromKeyInfo: () => null });
    try {
      verifier.loadSignature(signature as unknown as globalThis.Node);
      if (verifier.getReferences().length !== 1) throw invalid("the signature must hold exactly one Reference");
      if (verifier.checkSignature(xml) !== true) continue;
    } catch (error) {
      lastError = error;
      continue;
    }
    const signed = verifier.getSignedReferences();
    if (signed.length !== 1) throw invalid("the signature must cover exactly one element");
    return signedElement(signed[0]!, root, signatureAlgorithm, options);
  }
  throw invalid("the signature does not verify with any configured certificate", lastError);
}

/** The digested bytes, parsed again: they must be the signed element (its name and ID). */
function signedElement(signedXml: string, root: Element, signatureAlgorithm: string, options: VerifySignedXmlOptions): VerifiedXml {
  const element = parseXml(signedXml, options).documentElement!;
  if (element.namespaceURI !== root.namespaceURI || element.localName !== root.localName || attributeOf(element, "ID") !== attributeOf(root, "ID")) {
    throw invalid("the signed element is not the document's root");
  }
  return { xml: signedXml, element, signatureAlgorithm };
}

// The XML layer: hardened parsing, a writer whose output is exclusive-canonical by construction,
// enveloped XML-DSig signing over those bytes, and verification that returns only signed bytes.
export { XmlError, isXmlError, type XmlErrorCode } from "./errors.ts";
export { parseXml, type ParseXmlOptions } from "./parse.ts";
export { isXmlText } from "./chars.ts";
export { attributeOf, childElements, isElement, isNamed, textOf } from "./dom.ts";
export {
  element,
  attribute,
  xmlNamespace,
  NO_NAMESPACE,
  XML_NAMESPACE_URI,
  type XmlNamespace,
  type XmlAttribute,
  type XmlElement,
  type XmlChild,
  type CanonicalElement,
  type AttributeInput,
} from "./canonical/tree.ts";
export { canonicalize } from "./canonical/render.ts";
export { escapeText, escapeAttribute } from "./canonical/escape.ts";
export { ALG, DSIG, DSIG_NS_URI, signatureHashOf } from "./dsig/algorithms.ts";
export { createXmlSigner, certificateBase64, type XmlSigner } from "./dsig/signer.ts";
export { signEnveloped, signEnvelopedAsync, type SignEnvelopedOptions } from "./dsig/sign-enveloped.ts";
export { verifySignedXml, type VerifiedXml, type VerifySignedXmlOptions } from "./dsig/verify-enveloped.ts";
export { standaloneXml } from "./dsig/standalone.ts";
export type { Document, Element, Node } from "@xmldom/xmldom";

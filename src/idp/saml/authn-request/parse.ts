// parseAuthnRequest: an AuthnRequest from either binding, decoded within limits, its signature
// checked against the SP's configured certificates, and read only from trusted bytes.
//   Redirect: split the raw query -> base64 -> inflate (capped) -> UTF-8 -> parse -> Issuer ->
//             SP lookup -> query signature over the raw octets -> fields.
//   POST:     base64 -> UTF-8 -> parse -> Issuer -> SP lookup -> XML signature (verified element
//             only) -> fields, and the signed Issuer must be the one looked up.
// Garbage of any kind ends in a SamlError with a stable code, never a crash.
import { childElements, DSIG_NS_URI, isXmlError, parseXml, verifySignedXml, type Document, type Element } from "../../../xml/index.ts";
import { SamlError } from "../errors.ts";
import { decodeBase64, inflate, utf8 } from "./decode.ts";
import { splitRedirectQuery } from "./redirect-query.ts";
import { verifyQuerySignature } from "./query-signature.ts";
import { issuerOf, readAuthnRequest } from "./read.ts";
import type { AuthnRequest, AuthnRequestInput, ParseAuthnRequestOptions, PostBindingInput, RedirectBindingInput, SpTrust } from "./types.ts";

const DEFAULT_MAX_ENCODED = 64 * 1024;
const DEFAULT_MAX_XML = 128 * 1024;

function parseRequestXml(xml: string, maxBytes: number): Document {
  try {
    return parseXml(xml, { maxBytes, maxDepth: 32 });
  } catch (cause) {
    if (!isXmlError(cause)) throw cause;
    if (cause.code === "XML_TOO_LARGE") throw new SamlError("SAML_REQUEST_TOO_LARGE", cause.message, { cause });
    throw new SamlError("SAML_REQUEST_MALFORMED", `the AuthnRequest is not acceptable XML (${cause.code})`, { cause });
  }
}

function trustOf(issuer: string, options: ParseAuthnRequestOptions): SpTrust {
  const trust = options.trustFor(issuer);
  if (!trust) throw new SamlError("SAML_REQUEST_UNKNOWN_SP", "the AuthnRequest comes from an unknown service provider");
  return trust;
}

function unsigned(trust: SpTrust): void {
  if (trust.wantAuthnRequestsSigned) throw new SamlError("SAML_REQUEST_UNSIGNED", "this service provider must sign its AuthnRequests");
}

function noCertificate(): SamlError {
  return new SamlError("SAML_REQUEST_SIGNATURE_INVALID", "no certificate is configured to check this service provider's signature");
}

function parseRedirect(input: RedirectBindingInput, options: ParseAuthnRequestOptions): AuthnRequest {
  if (typeof input.query !== "string") throw new SamlError("SAML_REQUEST_MALFORMED", "the query string is missing");
  const maxEncoded = options.maxEncodedBytes ?? DEFAULT_MAX_ENCODED;
  const maxXml = options.maxXmlBytes ?? DEFAULT_MAX_XML;
  // The whole query (SAMLRequest, RelayState, Signature) may take a little more than SAMLRequest.
  const query = splitRedirectQuery(input.query, maxEncoded + 8192);
  if (query.samlRequest.length > maxEncoded) throw new SamlError("SAML_REQUEST_TOO_LARGE", `SAMLRequest exceeds ${maxEncoded} bytes`);
  const root = parseRequestXml(utf8(inflate(decodeBase64(query.samlRequest, "SAMLRequest"), maxXml)), maxXml).documentElement!;
  const trust = trustOf(issuerOf(root), options);

  let signed = false;
  if (query.signature !== undefined && query.sigAlg !== undefined && query.signedOctets !== undefined) {
    if (trust.certificates.length > 0) {
      verifyQuerySignature(query.signedOctets, query.sigAlg, query.signature, trust.certificates);
      signed = true;
    } else if (trust.wantAuthnRequestsSigned) {
      throw noCertificate();
    }
  }
  if (!signed) unsigned(trust);
  return { ...readAuthnRequest(root), binding: "redirect", signed, ...(query.relayState === undefined ? {} : { relayState: query.relayState }) };
}

function verifiedElement(xml: string, doc: Document, certificates: readonly string[], maxBytes: number): Element {
  try {
    return verifySignedXml(xml, certificates, { document: doc, maxBytes, maxDepth: 32 }).element;
  } catch (cause) {
    if (!isXmlError(cause)) throw cause;
    throw new SamlError("SAML_REQUEST_SIGNATURE_INVALID", "the AuthnRequest's XML signature does not verify", { cause });
  }
}

function parsePost(input: PostBindingInput, options: ParseAuthnRequestOptions): AuthnRequest {
  if (typeof input.samlRequest !== "string") throw new SamlError("SAML_REQUEST_MALFORMED", "SAMLRequest is missing");
  const maxEncoded = options.maxEncodedBytes ?? DEFAULT_MAX_ENCODED;
  const maxXml = options.maxXmlBytes ?? DEFAULT_MAX_XML;
  if (input.samlRequest.length > maxEncoded) throw new SamlError("SAML_REQUEST_TOO_LARGE", `SAMLRequest exceeds ${maxEncoded} bytes`);
  const xml = utf8(decodeBase64(input.samlRequest, "SAMLRequest"));
  const doc = parseRequestXml(xml, maxXml);
  const root = doc.documentElement!;
  const issuer = issuerOf(root);
  const trust = trustOf(issuer, options);

  let element = root;
  let signed = false;
  if (childElements(root, DSIG_NS_URI, "Signature").length > 0) {
    if (trust.certificates.length > 0) {
      element = verifiedElement(xml, doc, trust.certificates, maxXml);
      signed = true;
      if (issuerOf(element) !== issuer) throw new SamlError("SAML_REQUEST_SIGNATURE_INVALID", "the signed Issuer differs from the one read");
    } else if (trust.wantAuthnRequestsSigned) {
      throw noCertificate();
    }
  }
  if (!signed) unsigned(trust);
  return { ...readAuthnRequest(element), binding: "post", signed, ...(input.relayState === undefined ? {} : { relayState: input.relayState }) };
}

export function parseAuthnRequest(input: AuthnRequestInput, options: ParseAuthnRequestOptions): AuthnRequest {
  if (input?.binding === "redirect") return parseRedirect(input, options);
  if (input?.binding === "post") return parsePost(input, options);
  throw new TypeError("parseAuthnRequest: binding must be redirect or post");
}

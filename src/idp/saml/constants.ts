// SAML 2.0 namespaces and identifiers (SAML core, bindings and metadata specifications).
import { xmlNamespace } from "../../xml/index.ts";
import { SAML_ASSERTION_NS, SAML_PROTOCOL_NS } from "../../shared/index.ts";

// The names the STS reads too live in src/shared (saml-names.ts); re-exported for the IdP's modules.
export { SAML_ASSERTION_NS, SAML_PROTOCOL_NS, CM_BEARER, TOP_STATUS, AWS_ATTRIBUTE, type TopStatusCode } from "../../shared/index.ts";

export const SAML_METADATA_NS = "urn:oasis:names:tc:SAML:2.0:metadata";

/** Assertion elements in the default namespace (as AD FS writes them). */
export const SAML = xmlNamespace(SAML_ASSERTION_NS);
export const SAMLP = xmlNamespace(SAML_PROTOCOL_NS, "samlp");
export const MD = xmlNamespace(SAML_METADATA_NS);

export const BINDING = {
  redirect: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
  post: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
} as const;

export const NAMEID_FORMAT = {
  persistent: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
  transient: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
  emailAddress: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
  unspecified: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
  entity: "urn:oasis:names:tc:SAML:2.0:nameid-format:entity",
} as const;

export const ATTRNAME_FORMAT_URI = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
export const AC_PASSWORD_PROTECTED_TRANSPORT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
export const CONSENT_UNSPECIFIED = "urn:oasis:names:tc:SAML:2.0:consent:unspecified";

/** Second-level status codes an IdP answers with (SAML core §3.2.2.2). */
export const SUB_STATUS = {
  AuthnFailed: "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed",
  InvalidAttrNameOrValue: "urn:oasis:names:tc:SAML:2.0:status:InvalidAttrNameOrValue",
  InvalidNameIDPolicy: "urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy",
  NoAuthnContext: "urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext",
  NoPassive: "urn:oasis:names:tc:SAML:2.0:status:NoPassive",
  RequestDenied: "urn:oasis:names:tc:SAML:2.0:status:RequestDenied",
  RequestUnsupported: "urn:oasis:names:tc:SAML:2.0:status:RequestUnsupported",
  RequestVersionTooHigh: "urn:oasis:names:tc:SAML:2.0:status:RequestVersionTooHigh",
  RequestVersionTooLow: "urn:oasis:names:tc:SAML:2.0:status:RequestVersionTooLow",
  UnknownPrincipal: "urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal",
  UnsupportedBinding: "urn:oasis:names:tc:SAML:2.0:status:UnsupportedBinding",
} as const;
export type SubStatusCode = keyof typeof SUB_STATUS;


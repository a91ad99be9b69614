// SAML 2.0 namespaces and identifiers (SAML core, bindings and metadata specifications).
import { xmlNamespace } from "../../xml/index.ts";

export const SAML_ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
export const SAML_PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
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
export const CM_BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
export const AC_PASSWORD_PROTECTED_TRANSPORT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
export const CONSENT_UNSPECIFIED = "urn:oasis:names:tc:SAML:2.0:consent:unspecified";

/** Top-level status codes (SAML core §3.2.2.2). */
export const TOP_STATUS = {
  Success: "urn:oasis:names:tc:SAML:2.0:status:Success",
  Requester: "urn:oasis:names:tc:SAML:2.0:status:Requester",
  Responder: "urn:oasis:names:tc:SAML:2.0:status:Responder",
  VersionMismatch: "urn:oasis:names:tc:SAML:2.0:status:VersionMismatch",
} as const;
export type TopStatusCode = Exclude<keyof typeof TOP_STATUS, "Success">;

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

/** AWS's SAML attribute names (IAM User Guide, "Configuring SAML assertions for the authentication response"). */
export const AWS_ATTRIBUTE = {
  role: "https://aws.amazon.com/SAML/Attributes/Role",
  roleSessionName: "https://aws.amazon.com/SAML/Attributes/RoleSessionName",
  sessionDuration: "https://aws.amazon.com/SAML/Attributes/SessionDuration",
  sourceIdentity: "https://aws.amazon.com/SAML/Attributes/SourceIdentity",
  principalTagPrefix: "https://aws.amazon.com/SAML/Attributes/PrincipalTag:",
  transitiveTagKeys: "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys",
} as const;

// SAML 2.0 and AWS SAML identifiers that both sides use: the IdP writes them, the STS checks them
// (SAML core, and the IAM User Guide's "Configure SAML assertions for the authentication
// response"). Here rather than in src/idp so that the STS's checker threads load no IdP.

export const SAML_ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
export const SAML_PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";

export const CM_BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

/** Top-level status codes (SAML core §3.2.2.2). */
export const TOP_STATUS = {
  Success: "urn:oasis:names:tc:SAML:2.0:status:Success",
  Requester: "urn:oasis:names:tc:SAML:2.0:status:Requester",
  Responder: "urn:oasis:names:tc:SAML:2.0:status:Responder",
  VersionMismatch: "urn:oasis:names:tc:SAML:2.0:status:VersionMismatch",
} as const;
export type TopStatusCode = Exclude<keyof typeof TOP_STATUS, "Success">;

/** AWS's SAML attribute names (IAM User Guide, "Configuring SAML assertions for the authentication response"). */
export const AWS_ATTRIBUTE = {
  role: "https://aws.amazon.com/SAML/Attributes/Role",
  roleSessionName: "https://aws.amazon.com/SAML/Attributes/RoleSessionName",
  sessionDuration: "https://aws.amazon.com/SAML/Attributes/SessionDuration",
  sourceIdentity: "https://aws.amazon.com/SAML/Attributes/SourceIdentity",
  principalTagPrefix: "https://aws.amazon.com/SAML/Attributes/PrincipalTag:",
  transitiveTagKeys: "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys",
} as const;

// What the response builders take. The clock value comes in as `now`: nothing here reads time.

export interface SamlNameId {
  value: string;
  /** e.g. urn:oasis:names:tc:SAML:2.0:nameid-format:persistent */
  format: string;
  nameQualifier?: string;
  spNameQualifier?: string;
}

export interface SamlAttribute {
  name: string;
  values: readonly string[];
  /** Default urn:oasis:names:tc:SAML:2.0:attrname-format:uri */
  nameFormat?: string;
  friendlyName?: string;
}

export interface SamlResponseInput {
  /** The IdP's entity ID. */
  issuer: string;
  /** Response/@Destination: where the response is posted. */
  destination: string;
  /** SubjectConfirmationData/@Recipient: the SP's ACS (AWS: https://signin.aws.amazon.com/saml). */
  recipient: string;
  /** Conditions/AudienceRestriction/Audience: the SP's entity ID (AWS: urn:amazon:webservices). */
  audience: string;
  /** The AuthnRequest's ID, for SP-initiated sign-on. */
  inResponseTo?: string;
  nameId: SamlNameId;
  attributes: readonly SamlAttribute[];
  authnInstant: Date;
  sessionIndex: string;
  sessionNotOnOrAfter: Date;
  now: Date;
  /** Validity of the assertion (Conditions and SubjectConfirmationData NotOnOrAfter), seconds from now. */
  lifetimeSeconds: number;
  /** How far NotBefore lies before now, seconds. Default 0 (as AD FS's NotBeforeSkew). */
  notBeforeSkewSeconds?: number;
  /** Default urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport */
  authnContextClassRef?: string;
  /** Response/@Consent, e.g. urn:oasis:names:tc:SAML:2.0:consent:unspecified as AD FS sends. */
  consent?: string;
  /** Sign the Response as well as the Assertion. Default true. */
  signResponse?: boolean;
}

export interface SamlErrorResponseInput {
  issuer: string;
  destination: string;
  inResponseTo?: string;
  statusCode: "Requester" | "Responder" | "VersionMismatch";
  subStatusCode?:
    | "AuthnFailed"
    | "InvalidAttrNameOrValue"
    | "InvalidNameIDPolicy"
    | "NoAuthnContext"
    | "NoPassive"
    | "RequestDenied"
    | "RequestUnsupported"
    | "RequestVersionTooHigh"
    | "RequestVersionTooLow"
    | "UnknownPrincipal"
    | "UnsupportedBinding";
  /** StatusMessage: shown to people by some SPs; must hold no secret. */
  message?: string;
  now: Date;
}

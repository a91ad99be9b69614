// The AuthnRequest as federa reads it, and what parseAuthnRequest takes.

/** HTTP-Redirect: the raw query string exactly as it arrived (with or without the leading "?"). */
export interface RedirectBindingInput {
  binding: "redirect";
  query: string;
}

/** HTTP-POST: the form's SAMLRequest (base64 XML) and RelayState. */
export interface PostBindingInput {
  binding: "post";
  samlRequest: string;
  relayState?: string;
}

export type AuthnRequestInput = RedirectBindingInput | PostBindingInput;

/** What the SP registry says about the request's Issuer. */
export interface SpTrust {
  /** Certificates (PEM or base64 DER) that may sign this SP's requests. */
  certificates: readonly string[];
  /** Refuse unsigned requests from this SP. */
  wantAuthnRequestsSigned: boolean;
}

export interface ParseAuthnRequestOptions {
  /** Looks the request's Issuer up; undefined for an unknown SP. */
  trustFor(issuer: string): SpTrust | undefined;
  /** Largest SAMLRequest accepted, as sent (base64, URL-encoded). Default 64 KiB. */
  maxEncodedBytes?: number;
  /** Largest AuthnRequest XML accepted, after inflating. Default 128 KiB. */
  maxXmlBytes?: number;
}

export interface AuthnRequest {
  id: string;
  issuer: string;
  issueInstant: Date;
  destination?: string;
  acsUrl?: string;
  acsIndex?: number;
  protocolBinding?: string;
  forceAuthn: boolean;
  isPassive: boolean;
  nameIdPolicyFormat?: string;
  nameIdPolicyAllowCreate?: boolean;
  /** How it arrived. */
  binding: "redirect" | "post";
  /** True when a signature (query or XML) was verified with the SP's certificate. */
  signed: boolean;
  relayState?: string;
}

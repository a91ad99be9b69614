// What the metadata builders take.

export interface IdpMetadataInput {
  entityId: string;
  /** SingleSignOnService locations for the HTTP-Redirect and HTTP-POST bindings. */
  ssoUrls: { redirect: string; post: string };
  /** SingleLogoutService location (both bindings), when there is one. */
  sloUrl?: string;
  /** Signing certificates, base64 DER (PEM is accepted too): the current first, then the next. */
  certificates: readonly string[];
  nameIdFormats: readonly string[];
  validUntil?: Date;
  /** IDPSSODescriptor/@WantAuthnRequestsSigned. Default false. */
  wantAuthnRequestsSigned?: boolean;
}

export interface AdfsMetadataInput extends IdpMetadataInput {
  /** EntityDescriptor/@ID (an NCName); a fresh one when absent, as AD FS does. */
  id?: string;
}

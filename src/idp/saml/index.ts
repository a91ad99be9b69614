// The SAML core of the IdP: signed responses and error responses, IdP and AD FS metadata, and
// AuthnRequest parsing for the HTTP-Redirect and HTTP-POST bindings.
export {
  SAML_ASSERTION_NS,
  SAML_PROTOCOL_NS,
  SAML_METADATA_NS,
  BINDING,
  NAMEID_FORMAT,
  ATTRNAME_FORMAT_URI,
  CM_BEARER,
  AC_PASSWORD_PROTECTED_TRANSPORT,
  CONSENT_UNSPECIFIED,
  TOP_STATUS,
  SUB_STATUS,
  AWS_ATTRIBUTE,
  type TopStatusCode,
  type SubStatusCode,
} from "./constants.ts";
export { SamlError, isSamlError, type SamlErrorCode } from "./errors.ts";
export type { SamlAttribute, SamlNameId, SamlResponseInput, SamlErrorResponseInput } from "./response/types.ts";
export { buildSamlResponse, buildSamlResponseAsync } from "./response/build-response.ts";
export { buildSamlErrorResponse } from "./response/error-response.ts";
export type { IdpMetadataInput, AdfsMetadataInput } from "./metadata/types.ts";
export { buildIdpMetadata } from "./metadata/idp-metadata.ts";
export { buildAdfsFederationMetadata } from "./metadata/adfs-metadata.ts";
export { parseAuthnRequest } from "./authn-request/parse.ts";
export type {
  AuthnRequest,
  AuthnRequestInput,
  RedirectBindingInput,
  PostBindingInput,
  ParseAuthnRequestOptions,
  SpTrust,
} from "./authn-request/types.ts";
export { createXmlSigner, type XmlSigner } from "../../xml/index.ts";

// Claim type URIs, claim property names and issuer names that federa's rules and the IdP share.
// Values are exactly those of AD FS and of AWS's SAML documentation.

/** `CORP\alice`, issued by the directory login ("AD AUTHORITY"). */
export const WINDOWS_ACCOUNT_NAME = "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname";
export const NAME_IDENTIFIER = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";
export const UPN = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
export const EMAIL_ADDRESS = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
export const GROUP = "http://schemas.xmlsoap.org/claims/Group";

/** The claim property that carries a NameIdentifier's SAML NameID Format. */
export const NAME_ID_FORMAT_PROPERTY = "http://schemas.xmlsoap.org/ws/2005/05/identity/claimproperties/format";
export const NAME_ID_FORMAT_PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
export const NAME_ID_FORMAT_TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";

export const AWS_ROLE = "https://aws.amazon.com/SAML/Attributes/Role";
export const AWS_ROLE_SESSION_NAME = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
export const AWS_SESSION_DURATION = "https://aws.amazon.com/SAML/Attributes/SessionDuration";
export const AWS_SOURCE_IDENTITY = "https://aws.amazon.com/SAML/Attributes/SourceIdentity";
export const AWS_PRINCIPAL_TAG_PREFIX = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";
export const AWS_PRINCIPAL_TAG_DEPARTMENT = `${AWS_PRINCIPAL_TAG_PREFIX}department`;
export const AWS_TRANSITIVE_TAG_KEYS = "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys";

/** The working claim type of AWS's "Get AD Groups" rule: added, never issued. */
export const TEMP_VARIABLE = "http://temp/variable";

/** A claim's default ValueType. */
export const XML_SCHEMA_STRING = "http://www.w3.org/2001/XMLSchema#string";
/** The Issuer of claims that rules create. */
export const LOCAL_AUTHORITY = "LOCAL AUTHORITY";
/** The Issuer of claims that come from Active Directory (login, and the AD attribute store). */
export const AD_AUTHORITY = "AD AUTHORITY";
/** The attribute store name that AD FS rules use for the directory. */
export const ACTIVE_DIRECTORY_STORE = "Active Directory";

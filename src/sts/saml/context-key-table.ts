// IAM User Guide, "Mapping SAML attributes to AWS trust policy context keys": the attribute Names
// AWS maps to SAML:* condition keys, and whether a key is a list or a single string. Names are
// matched exactly, as AWS lists them (including its "2.4.5.42" and "0.9.2342.19200300.100.1.45").

export interface ContextKeyMapping {
  key: string;
  list: boolean;
}

const EDU_PERSON = "urn:oid:1.3.6.1.4.1.5923.1.1.1.";
const EDU_ORG = "urn:oid:1.3.6.1.4.1.5923.1.2.1.";
const list = (key: string): ContextKeyMapping => ({ key: `SAML:${key}`, list: true });
const single = (key: string): ContextKeyMapping => ({ key: `SAML:${key}`, list: false });

export const CONTEXT_KEYS: ReadonlyMap<string, ContextKeyMapping> = new Map([
  // eduPerson and eduOrg attributes
  [`${EDU_PERSON}1`, list("edupersonaffiliation")],
  [`${EDU_PERSON}2`, list("edupersonnickname")],
  [`${EDU_PERSON}3`, single("edupersonorgdn")],
  [`${EDU_PERSON}4`, list("edupersonorgunitdn")],
  [`${EDU_PERSON}5`, single("edupersonprimaryaffiliation")],
  [`${EDU_PERSON}6`, single("edupersonprincipalname")],
  [`${EDU_PERSON}7`, list("edupersonentitlement")],
  [`${EDU_PERSON}8`, single("edupersonprimaryorgunitdn")],
  [`${EDU_PERSON}9`, list("edupersonscopedaffiliation")],
  [`${EDU_PERSON}10`, list("edupersontargetedid")],
  [`${EDU_PERSON}11`, list("edupersonassurance")],
  [`${EDU_ORG}2`, list("eduorghomepageuri")],
  [`${EDU_ORG}3`, list("eduorgidentityauthnpolicyuri")],
  [`${EDU_ORG}4`, list("eduorglegalname")],
  [`${EDU_ORG}5`, list("eduorgsuperioruri")],
  [`${EDU_ORG}6`, list("eduorgwhitepagesuri")],
  ["urn:oid:2.5.4.3", list("cn")],
  // Active Directory attributes
  ["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", single("name")],
  ["http://schemas.xmlsoap.org/claims/CommonName", single("commonName")],
  ["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", single("givenName")],
  ["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", single("surname")],
  ["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", single("mail")],
  ["http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid", single("uid")],
  // X.500 attributes
  ["2.5.4.3", single("commonName")],
  ["2.5.4.4", single("surname")],
  ["2.4.5.42", single("givenName")],
  ["2.5.4.45", single("x500UniqueIdentifier")],
  ["0.9.2342.19200300100.1.1", single("uid")],
  ["0.9.2342.19200300100.1.3", single("mail")],
  ["0.9.2342.19200300.100.1.45", single("organizationStatus")],
]);

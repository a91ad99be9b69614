// The default rule set: AWS's classic AD FS claim rules for the relying party
// urn:amazon:webservices, from the AWS blog post "Enabling Federation to AWS Using Windows Active
// Directory, ADFS, and SAML 2.0", with PrincipalTag:department added. NameID (persistent) is the
// account name; RoleSessionName is the mail attribute; every group named AWS-<account>-<name>
// becomes the Role pair "arn:aws:iam::<account>:saml-provider/ADFS,arn:aws:iam::<account>:role/ADFS-<name>".
// SessionDuration is not here: the IdP adds it from its configuration.
// Kept as text in AD FS's export format, and compiled like any other rule set.

export const DEFAULT_AWS_CLAIM_RULES = `@RuleTemplate = "MapClaims"
@RuleName = "NameId"
c:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname", Issuer == "AD AUTHORITY"]
 => issue(Type = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier", Issuer = c.Issuer, OriginalIssuer = c.OriginalIssuer, Value = c.Value, ValueType = c.ValueType, Properties["http://schemas.xmlsoap.org/ws/2005/05/identity/claimproperties/format"] = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");

@RuleTemplate = "LdapClaims"
@RuleName = "RoleSessionName"
c:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname", Issuer == "AD AUTHORITY"]
 => issue(store = "Active Directory", types = ("https://aws.amazon.com/SAML/Attributes/RoleSessionName"), query = ";mail;{0}", param = c.Value);

@RuleName = "Get AD Groups"
c:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname", Issuer == "AD AUTHORITY"]
 => add(store = "Active Directory", types = ("http://temp/variable"), query = ";tokenGroups;{0}", param = c.Value);

@RuleName = "Roles"
c:[Type == "http://temp/variable", Value =~ "(?i)^AWS-([\\d]{12})"]
 => issue(Type = "https://aws.amazon.com/SAML/Attributes/Role", Value = RegExReplace(c.Value, "AWS-([\\d]{12})-", "arn:aws:iam::$1:saml-provider/ADFS,arn:aws:iam::$1:role/ADFS-"));

@RuleTemplate = "LdapClaims"
@RuleName = "PrincipalTag:department"
c:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname", Issuer == "AD AUTHORITY"]
 => issue(store = "Active Directory", types = ("https://aws.amazon.com/SAML/Attributes/PrincipalTag:department"), query = ";department;{0}", param = c.Value);
`;

// The roles an assertion offers: each Role attribute value is a pair of ARNs, a role and a SAML
// provider, in either order (AWS accepts both).
import { parseXml } from "../xml/index.ts";

export interface RoleChoice {
  roleArn: string;
  principalArn: string;
  accountId: string;
  roleName: string;
}

const ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role";
const ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";

export function rolesOf(samlResponseBase64: string): RoleChoice[] {
  const document = parseXml(Buffer.from(samlResponseBase64, "base64").toString("utf8"));
  const out: RoleChoice[] = [];
  const attributes = document.getElementsByTagNameNS(ASSERTION_NS, "Attribute");
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes.item(i)!;
    if (attribute.getAttribute("Name") !== ROLE_ATTRIBUTE) continue;
    const values = attribute.getElementsByTagNameNS(ASSERTION_NS, "AttributeValue");
    for (let j = 0; j < values.length; j++) {
      const pair = (values.item(j)!.textContent ?? "").split(",").map((part) => part.trim());
      const role = pair.find((arn) => /^arn:aws[\w-]*:iam::\d{12}:role\//.test(arn));
      const principal = pair.find((arn) => /^arn:aws[\w-]*:iam::\d{12}:saml-provider\//.test(arn));
      if (pair.length !== 2 || !role || !principal) continue;
      out.push({ roleArn: role, principalArn: principal, accountId: role.split(":")[4]!, roleName: role.slice(role.lastIndexOf("/") + 1) });
    }
  }
  return out;
}

/** The role that --role names: a full role ARN, or a role name when only one account has it. */
export function pickRole(roles: RoleChoice[], wanted: string): RoleChoice | undefined {
  const exact = roles.find((r) => r.roleArn === wanted);
  if (exact) return exact;
  const byName = roles.filter((r) => r.roleName === wanted);
  return byName.length === 1 ? byName[0] : undefined;
}

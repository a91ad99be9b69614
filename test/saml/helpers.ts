// Shared inputs for the SAML tests: an AWS-shaped sign-on, and the test signer.
import { createXmlSigner, type XmlSigner } from "../../src/xml/index.ts";
import { AWS_ATTRIBUTE, NAMEID_FORMAT, type SamlResponseInput } from "../../src/idp/saml/index.ts";
import { testIdentity } from "../support/saml-verify.ts";

export const IDP = "https://idp.example.test/idp/metadata";
export const ACS = "https://sp.example.test/saml/acs";
export const SP = "https://sp.example.test/saml/metadata";

export async function testSigner(index = 0): Promise<{ signer: XmlSigner; certificatePem: string; privateKeyPem: string }> {
  const identity = await testIdentity(index);
  return { signer: createXmlSigner(identity.privateKeyPem, identity.certificatePem), ...identity };
}

export function responseInput(now: Date, overrides: Partial<SamlResponseInput> = {}): SamlResponseInput {
  return {
    issuer: IDP,
    destination: ACS,
    recipient: ACS,
    audience: SP,
    inResponseTo: "_request-1",
    nameId: { value: "CORP\\alice", format: NAMEID_FORMAT.persistent },
    attributes: [
      {
        name: AWS_ATTRIBUTE.role,
        values: [
          "arn:aws:iam::111122223333:role/ADFS-KeyAdmins,arn:aws:iam::111122223333:saml-provider/ADFS",
          "arn:aws:iam::111122223333:role/ADFS-Developers,arn:aws:iam::111122223333:saml-provider/ADFS",
        ],
      },
      { name: AWS_ATTRIBUTE.roleSessionName, values: ["alice@corp.example.test"] },
      { name: AWS_ATTRIBUTE.sessionDuration, values: ["3600"] },
      { name: `${AWS_ATTRIBUTE.principalTagPrefix}department`, values: ["Key Management"] },
    ],
    authnInstant: new Date(now.getTime() - 1000),
    sessionIndex: "_session-1",
    sessionNotOnOrAfter: new Date(now.getTime() + 8 * 3600_000),
    now,
    lifetimeSeconds: 300,
    ...overrides,
  };
}

/** Values that must survive escaping: markup characters, quotes, CR, TAB, LF, non-ASCII, astral. */
export const AWKWARD = `R&D <"team"> 'x' ]]> tab\there\r\nline é ß 日本 𝄞`;

export const SSO = "https://idp.example.test/idp/sso";

export interface RequestFields {
  id?: string;
  issuer?: string;
  issueInstant?: string;
  extraAttributes?: string;
  body?: string;
}

/** An AuthnRequest as an SP would write it (not through federa's writer). */
export function authnRequestXml(fields: RequestFields = {}): string {
  return (
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"` +
    ` ID="${fields.id ?? "_req-7f3a"}" Version="2.0" IssueInstant="${fields.issueInstant ?? "2025-03-01T10:00:00Z"}"` +
    ` Destination="${SSO}" AssertionConsumerServiceURL="${ACS}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"` +
    `${fields.extraAttributes ?? ""}>` +
    `<saml:Issuer>${fields.issuer ?? SP}</saml:Issuer>` +
    (fields.body ?? `<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" AllowCreate="true"/>`) +
    `</samlp:AuthnRequest>`
  );
}

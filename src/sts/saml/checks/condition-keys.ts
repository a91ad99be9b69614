// The trust-policy context keys of a SAML federation (IAM: "Available keys for SAML-based AWS STS
// federation"): SAML:aud is the Recipient (not the Audience), SAML:iss the Issuer, SAML:sub and
// SAML:sub_type the NameID, SAML:doc "accountId/providerName", SAML:namequalifier
// base64(sha1(issuer + accountId + "/" + providerName)), and the mapped attributes. "Only one claim
// per key is mapped": the first attribute mapping to a key wins. Key names compare case-insensitively.
import { sha1 } from "../../../crypto/index.ts";
import { CONTEXT_KEYS } from "../context-key-table.ts";
import type { SamlProviderTrust } from "../types.ts";
import type { SamlAttributes } from "./attributes.ts";

export interface ConditionKeyInput {
  recipient: string;
  issuer: string;
  subject: string;
  subjectType: string;
  provider: SamlProviderTrust;
  attributes: SamlAttributes;
}

/** The few issuer/provider pairs an account trusts, by their concatenation; bounded. */
const NAME_QUALIFIERS = new Map<string, string>();
const NAME_QUALIFIER_LIMIT = 1024;

export function nameQualifierOf(issuer: string, accountId: string, providerName: string): string {
  const text = `${issuer}${accountId}/${providerName}`;
  let qualifier = NAME_QUALIFIERS.get(text);
  if (qualifier === undefined) {
    qualifier = sha1(text).toString("base64");
    if (NAME_QUALIFIERS.size >= NAME_QUALIFIER_LIMIT) NAME_QUALIFIERS.clear();
    NAME_QUALIFIERS.set(text, qualifier);
  }
  return qualifier;
}

export function mapConditionKeys(input: ConditionKeyInput): Record<string, string | string[]> {
  const { provider } = input;
  const keys: Record<string, string | string[]> = {
    "SAML:aud": input.recipient,
    "SAML:iss": input.issuer,
    "SAML:sub": input.subject,
    "SAML:sub_type": input.subjectType,
    "SAML:namequalifier": nameQualifierOf(input.issuer, provider.accountId, provider.name),
    "SAML:doc": `${provider.accountId}/${provider.name}`,
  };
  for (const [name, values] of input.attributes) {
    const mapping = CONTEXT_KEYS.get(name);
    if (!mapping || Object.hasOwn(keys, mapping.key) || values.length === 0) continue;
    keys[mapping.key] = mapping.list ? [...values] : values[0]!;
  }
  return keys;
}

// PrincipalTag:<key> attributes become session tags: at most 50, one value each, keys of 1-128 and
// values of 0-256 characters of IAM's tag alphabet, no "aws:" prefix, no two keys differing only in
// case; TransitiveTagKeys names some of them (IAM: "Passing session tags in AWS STS", tag naming
// rules). When any come along, the trust policy must also allow sts:TagSession.
import { StsSamlError } from "../errors.ts";
import { AWS_ATTRIBUTE, LIMITS } from "../constants.ts";
import type { SamlAttributes } from "./attributes.ts";

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export interface SessionTags {
  principalTags: Record<string, string>;
  transitiveTagKeys: string[];
}

const invalid = (message: string) => new StsSamlError("InvalidIdentityToken", message, "session-tags");

export function checkSessionTags(attributes: SamlAttributes): SessionTags {
  const principalTags: Record<string, string> = Object.create(null);
  const lowerKeys = new Set<string>();
  for (const [name, values] of attributes) {
    if (!name.startsWith(AWS_ATTRIBUTE.principalTagPrefix)) continue;
    const key = name.slice(AWS_ATTRIBUTE.principalTagPrefix.length);
    if ([...key].length > LIMITS.maxTagKeyChars || !TAG_KEY.test(key) || /^aws:/i.test(key)) throw invalid("PrincipalTag key in AuthnResponse is invalid");
    if (values.length !== 1) throw invalid("PrincipalTag in AuthnResponse must have exactly one value");
    const value = values[0]!;
    if ([...value].length > LIMITS.maxTagValueChars || !TAG_VALUE.test(value)) throw invalid("PrincipalTag value in AuthnResponse is invalid");
    if (lowerKeys.has(key.toLowerCase())) throw invalid("PrincipalTag keys in AuthnResponse must be unique, ignoring case");
    lowerKeys.add(key.toLowerCase());
    principalTags[key] = value;
  }
  if (lowerKeys.size > LIMITS.maxSessionTags) throw invalid(`AuthnResponse may pass at most ${LIMITS.maxSessionTags} session tags`);
  const transitiveTagKeys = [...new Set(attributes.get(AWS_ATTRIBUTE.transitiveTagKeys) ?? [])];
  if (transitiveTagKeys.some((key) => !lowerKeys.has(key.toLowerCase()))) throw invalid("TransitiveTagKeys must name session tags");
  return { principalTags: { ...principalTags }, transitiveTagKeys };
}

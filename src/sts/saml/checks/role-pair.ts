// The Role attribute lists "role ARN,provider ARN" pairs, in either order; the call's (RoleArn,
// PrincipalArn) must be one of them, exactly (IAM: SAML Role attribute). A role the assertion does
// not grant is AWS's AccessDenied "Not authorized to perform sts:AssumeRoleWithSAML".
import { NOT_AUTHORIZED, StsSamlError } from "../errors.ts";
import { AWS_ATTRIBUTE } from "../constants.ts";
import type { SamlAttributes } from "./attributes.ts";

const ROLE = /^arn:aws:iam::\d{12}:role\//;
const PROVIDER = /^arn:aws:iam::\d{12}:saml-provider\//;

/** The (role, provider) pairs of one Role value, or undefined when it is not such a pair. */
export function rolePair(value: string): { roleArn: string; principalArn: string } | undefined {
  const parts = value.split(",").map((part) => part.trim());
  if (parts.length !== 2) return undefined;
  const [a, b] = parts as [string, string];
  if (ROLE.test(a) && PROVIDER.test(b)) return { roleArn: a, principalArn: b };
  if (PROVIDER.test(a) && ROLE.test(b)) return { roleArn: b, principalArn: a };
  return undefined;
}

export function checkRolePair(attributes: SamlAttributes, roleArn: string, principalArn: string): void {
  const granted = (attributes.get(AWS_ATTRIBUTE.role) ?? []).some((value) => {
    const pair = rolePair(value);
    return pair !== undefined && pair.roleArn === roleArn && pair.principalArn === principalArn;
  });
  if (!granted) throw new StsSamlError("AccessDenied", NOT_AUTHORIZED, "role-pair");
}

// RoleArn names an IAM role and PrincipalArn a SAML provider of the same account ("Principal exists
// outside the account of the Role being assumed."), and PrincipalArn is the provider whose
// metadata the caller resolved ("Specified provider doesn't exist." otherwise).
import { StsSamlError } from "../errors.ts";
import type { SamlProviderTrust } from "../types.ts";

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\u0021-\u007E]{0,510}\/)?[\w+=,.@-]{1,64}$/;
const PROVIDER_ARN = /^arn:aws:iam::(\d{12}):saml-provider\/[\w.-]{1,128}$/;
const MIN = 20;
const MAX = 2048;

export function checkRequestArns(roleArn: unknown, principalArn: unknown, provider: SamlProviderTrust): void {
  const role = typeof roleArn === "string" && roleArn.length >= MIN && roleArn.length <= MAX ? ROLE_ARN.exec(roleArn) : null;
  if (!role) throw new StsSamlError("ValidationError", "Role ARN is invalid", "role-arn");
  const principal =
    typeof principalArn === "string" && principalArn.length >= MIN && principalArn.length <= MAX ? PROVIDER_ARN.exec(principalArn) : null;
  if (!principal) throw new StsSamlError("ValidationError", "Principal ARN is invalid", "principal-arn");
  if (role[1] !== principal[1]) {
    throw new StsSamlError("ValidationError", "Principal exists outside the account of the Role being assumed.", "principal-account");
  }
  if (principalArn !== provider.arn || principal[1] !== provider.accountId) {
    throw new StsSamlError("InvalidIdentityToken", "Specified provider doesn't exist.", "provider");
  }
}

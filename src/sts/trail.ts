// What CloudTrail records of AssumeRoleWithSAML, as AWS writes it: the SAML user who federated
// (principalId <name qualifier>:<subject>, userName, identityProvider), the assertion's ID, the role
// and provider asked for, the session name, and of the answer everything but secrets (the access
// key id and expiry of the credentials; never the secret key or the session token). All of it is
// read from the handler's answer, but for the assertion's ID, which the handler attaches to it. A
// refused call records the role and provider it asked for.
import type { OperationTrail, QueryObject } from "../protocol/index.ts";
import { trailDate } from "../shared/index.ts";

const ASSERTION_ID = Symbol("federa.sts.samlAssertionId");

/** The answer of AssumeRoleWithSAML as the handler builds it (the fields the trail reads). */
interface SamlAnswer {
  Credentials: { AccessKeyId: string; Expiration: Date };
  AssumedRoleUser: { AssumedRoleId: string; Arn: string };
  PackedPolicySize?: number;
  Subject: string;
  SubjectType: string;
  Issuer: string;
  Audience: string;
  NameQualifier: string;
  SourceIdentity?: string;
  [ASSERTION_ID]?: string;
}

/** The answer, carrying the assertion's ID for the trail (a symbol key: never rendered). */
export function withAssertionId<T extends object>(output: T, assertionId: string): T {
  Object.defineProperty(output, ASSERTION_ID, { value: assertionId, enumerable: false });
  return output;
}

function resourcesOf(roleArn: unknown, principalArn: unknown): OperationTrail["resources"] {
  const out: NonNullable<OperationTrail["resources"]> = [];
  if (typeof roleArn === "string" && /^arn:aws:iam::\d{12}:role\//.test(roleArn)) out.push({ ARN: roleArn, accountId: roleArn.split(":")[4]!, type: "AWS::IAM::Role" });
  if (typeof principalArn === "string" && /^arn:aws:iam::\d{12}:saml-provider\//.test(principalArn)) out.push({ ARN: principalArn, accountId: principalArn.split(":")[4]!, type: "AWS::IAM::SAMLProvider" });
  return out;
}

export function assumeRoleWithSamlTrail(params: QueryObject, output: unknown): OperationTrail {
  const roleArn = params["RoleArn"];
  const principalArn = params["PrincipalArn"];
  const answer = output as SamlAnswer | undefined;
  const requestParameters: Record<string, unknown> = {};
  if (answer) {
    if (answer[ASSERTION_ID] !== undefined) requestParameters["sAMLAssertionID"] = answer[ASSERTION_ID];
    // The session name is the last part of the assumed role's ARN (session names hold no "/").
    const arn = answer.AssumedRoleUser.Arn;
    requestParameters["roleSessionName"] = arn.slice(arn.lastIndexOf("/") + 1);
  }
  if (params["DurationSeconds"] !== undefined) requestParameters["durationSeconds"] = Number(params["DurationSeconds"]);
  requestParameters["roleArn"] = roleArn;
  requestParameters["principalArn"] = principalArn;
  const trail: OperationTrail = { readOnly: true, requestParameters, responseElements: null, resources: resourcesOf(roleArn, principalArn) };
  if (!answer) return trail;
  trail.userIdentity = { type: "SAMLUser", principalId: `${answer.NameQualifier}:${answer.Subject}`, userName: answer.Subject, identityProvider: answer.NameQualifier };
  const responseElements: Record<string, unknown> = {
    subjectType: answer.SubjectType,
    issuer: answer.Issuer,
    credentials: { accessKeyId: answer.Credentials.AccessKeyId, expiration: trailDate(answer.Credentials.Expiration) },
    nameQualifier: answer.NameQualifier,
    assumedRoleUser: { assumedRoleId: answer.AssumedRoleUser.AssumedRoleId, arn: answer.AssumedRoleUser.Arn },
  };
  if (answer.PackedPolicySize !== undefined) responseElements["packedPolicySize"] = answer.PackedPolicySize;
  responseElements["subject"] = answer.Subject;
  responseElements["audience"] = answer.Audience;
  if (answer.SourceIdentity !== undefined) responseElements["sourceIdentity"] = answer.SourceIdentity;
  trail.responseElements = responseElements;
  return trail;
}

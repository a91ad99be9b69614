// What CloudTrail records of AssumeRoleWithSAML, as AWS writes it: the SAML user who federated
// (principalId <name qualifier>:<subject>, userName, identityProvider), the role and provider asked
// for, the session name, and of the answer everything but secrets (the access key id and expiry of
// the credentials; never the secret key or the session token). A refused call records the role and
// provider it asked for. AWS also writes the assertion's ID (sAMLAssertionID); the trail's
// redaction takes out every member named like a SAML assertion, so it is left out.
import type { OperationTrail, QueryObject } from "../protocol/index.ts";
import { trailDate } from "../shared/index.ts";

const FACTS = Symbol("federa.sts.samlTrailFacts");

/** What only the handler knows: attached to its answer, never rendered (a symbol key). */
export interface SamlCallFacts {
  roleSessionName: string;
  subject: string;
  subjectType: string;
  issuer: string;
  audience: string;
  nameQualifier: string;
  accessKeyId: string;
  expiration: Date;
  assumedRoleId: string;
  assumedRoleArn: string;
  packedPolicySize?: number;
  sourceIdentity?: string;
}

export function withSamlFacts<T extends object>(output: T, facts: SamlCallFacts): T {
  Object.defineProperty(output, FACTS, { value: facts, enumerable: false });
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
  const facts = output && typeof output === "object" ? ((output as Record<symbol, unknown>)[FACTS] as SamlCallFacts | undefined) : undefined;
  const requestParameters: Record<string, unknown> = {};
  if (facts) requestParameters["roleSessionName"] = facts.roleSessionName;
  if (params["DurationSeconds"] !== undefined) requestParameters["durationSeconds"] = Number(params["DurationSeconds"]);
  requestParameters["roleArn"] = roleArn;
  requestParameters["principalArn"] = principalArn;
  const trail: OperationTrail = { readOnly: true, requestParameters, responseElements: null, resources: resourcesOf(roleArn, principalArn) };
  if (!facts) return trail;
  trail.userIdentity = { type: "SAMLUser", principalId: `${facts.nameQualifier}:${facts.subject}`, userName: facts.subject, identityProvider: facts.nameQualifier };
  trail.responseElements = {
    subjectType: facts.subjectType,
    issuer: facts.issuer,
    credentials: { accessKeyId: facts.accessKeyId, expiration: trailDate(facts.expiration) },
    nameQualifier: facts.nameQualifier,
    assumedRoleUser: { assumedRoleId: facts.assumedRoleId, arn: facts.assumedRoleArn },
    ...(facts.packedPolicySize !== undefined ? { packedPolicySize: facts.packedPolicySize } : {}),
    subject: facts.subject,
    audience: facts.audience,
    ...(facts.sourceIdentity !== undefined ? { sourceIdentity: facts.sourceIdentity } : {}),
  };
  return trail;
}

// ARNs and AWS-style identifiers: building and reading them.

export const AWS_PARTITION = "aws";

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** Everything after the fifth colon, e.g. "role/ADFS-Developers" or "key/1234…". */
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, partition, service, region, accountId] = parts as [string, string, string, string, string];
  return { partition, service, region, accountId, resource: parts.slice(5).join(":") };
}

export const iamArn = (accountId: string, resource: string) => `arn:${AWS_PARTITION}:iam::${accountId}:${resource}`;
export const rootArn = (accountId: string) => iamArn(accountId, "root");
export const roleArn = (accountId: string, path: string, name: string) => iamArn(accountId, `role${path}${name}`);
export const userArn = (accountId: string, path: string, name: string) => iamArn(accountId, `user${path}${name}`);
export const samlProviderArn = (accountId: string, name: string) => iamArn(accountId, `saml-provider/${name}`);
export const managedPolicyArn = (accountId: string, path: string, name: string) => iamArn(accountId, `policy${path}${name}`);
export const assumedRoleArn = (accountId: string, roleName: string, sessionName: string) =>
  `arn:${AWS_PARTITION}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;

export const ACCOUNT_ID = /^\d{12}$/;

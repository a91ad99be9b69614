// Documents as AWS writes them: KMS's default key policy, the console's key policy with key
// administrators and key users, an AWS managed key's policy, and the lab's seed policies (the
// ADFS roles' trust and permission policies, the SSE-KMS bucket policy).
import { ACCOUNT } from "./helpers.ts";

/** The key policy KMS attaches when CreateKey has no Policy. */
export function defaultKeyPolicy(account = ACCOUNT) {
  return {
    Version: "2012-10-17",
    Id: "key-default-1",
    Statement: [
      { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
    ],
  };
}

export const KEY_ADMIN_ACTIONS = [
  "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*",
  "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
  "kms:RotateKeyOnDemand",
];

export const KEY_USER_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

/** The console's key policy ("key-consolepolicy-3") with administrators and users. */
export function consoleKeyPolicy(admins: string[], users: string[], options: { account?: string; enableIam?: boolean } = {}) {
  const account = options.account ?? ACCOUNT;
  const statements: unknown[] = [];
  if (options.enableIam ?? true) {
    statements.push({ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" });
  }
  statements.push(
    { Sid: "Allow access for Key Administrators", Effect: "Allow", Principal: { AWS: admins }, Action: KEY_ADMIN_ACTIONS, Resource: "*" },
    { Sid: "Allow use of the key", Effect: "Allow", Principal: { AWS: users }, Action: KEY_USER_ACTIONS, Resource: "*" },
    {
      Sid: "Allow attachment of persistent resources",
      Effect: "Allow",
      Principal: { AWS: users },
      Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      Resource: "*",
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
  );
  return { Version: "2012-10-17", Id: "key-consolepolicy-3", Statement: statements };
}

/** The policy of an AWS managed key (`alias/aws/s3`). */
export function awsManagedKeyPolicy(account = ACCOUNT, region = "us-east-1") {
  return {
    Version: "2012-10-17",
    Id: "auto-s3-2",
    Statement: [
      {
        Sid: "Allow access through S3 for all principals in the account that are authorized to use S3",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: "*",
        Condition: { StringEquals: { "kms:CallerAccount": account, "kms:ViaService": `s3.${region}.amazonaws.com` } },
      },
      {
        Sid: "Allow direct access to key metadata to the account",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: ["kms:Describe*", "kms:Get*", "kms:List*"],
        Resource: "*",
      },
    ],
  };
}

/** The trust policy of each lab role: the account's ADFS provider, for SAML sign-in. */
export function samlTrustPolicy(account = ACCOUNT) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::${account}:saml-provider/ADFS` },
        Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"],
        Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
      },
    ],
  };
}

export const KEY_ADMINS_POLICY = { Version: "2012-10-17", Statement: [{ Sid: "ManageKeys", Effect: "Allow", Action: KEY_ADMIN_ACTIONS, Resource: "*" }] };

export const DEVELOPERS_POLICY = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "UseKeys", Effect: "Allow", Action: KEY_USER_ACTIONS, Resource: "*" },
    { Sid: "UseS3", Effect: "Allow", Action: "s3:*", Resource: "*" },
  ],
};

export const READ_ONLY_POLICY = { Version: "2012-10-17", Statement: [{ Sid: "Read", Effect: "Allow", Action: ["kms:Describe*", "kms:List*", "kms:Get*", "s3:Get*", "s3:List*"], Resource: "*" }] };

/** The lab bucket's policy: objects must be written with SSE-KMS. */
export function sseKmsBucketPolicy(bucket = "federa-lab") {
  return {
    Version: "2012-10-17",
    Id: "PutObjectPolicy",
    Statement: [
      {
        Sid: "DenyIncorrectEncryptionHeader",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${bucket}/*`,
        Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
      },
    ],
  };
}

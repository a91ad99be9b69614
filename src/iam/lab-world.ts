// The embedded lab world's IAM: two accounts, root credentials (AWS's documented example pair for
// the lab account), the SAML provider "ADFS" made from federa's own IdP metadata, and the roles
// that the directory's AWS-<account>-<name> groups map to.
import { AWS_SIGNIN_SAML_URL } from "../config/index.ts";

export const LAB_ACCOUNT = "111122223333";
export const SECOND_ACCOUNT = "444455556666";
export const LAB_ROOT_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
export const LAB_ROOT_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
export const LAB_SAML_PROVIDER = "ADFS";
/** AWS's sign-in endpoint (config names it once): the SAML:aud the lab's trust policies require. */
export const AWS_SIGNIN_SAML = AWS_SIGNIN_SAML_URL;

export function labTrustPolicy(accountId: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::${accountId}:saml-provider/${LAB_SAML_PROVIDER}` },
        Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"],
        Condition: { StringEquals: { "SAML:aud": AWS_SIGNIN_SAML } },
      },
    ],
  });
}

const statement = (sid: string, actions: string[]) => ({ Sid: sid, Effect: "Allow", Action: actions, Resource: "*" });

/** The key administrator actions of AWS's console (create-key wizard), without cryptography. */
export const KEY_ADMIN_ACTIONS: readonly string[] = [
  "kms:Create*",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:RotateKeyOnDemand",
];

/** The key user actions of AWS's console for a symmetric encryption key. */
export const KEY_USER_ACTIONS: readonly string[] = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];
const READ_ACTIONS_BEFORE_EVENT_HISTORY = ["kms:Describe*", "kms:List*", "kms:Get*", "s3:List*", "s3:Get*", "iam:Get*", "iam:List*"];
const READ_ACTIONS = [...READ_ACTIONS_BEFORE_EVENT_HISTORY, "cloudtrail:LookupEvents"];
const EARLIER_READ_ONLY = [JSON.stringify({ Version: "2012-10-17", Statement: [statement("ReadOnly", READ_ACTIONS_BEFORE_EVENT_HISTORY)] })];

export interface LabRole {
  accountId: string;
  roleName: string;
  description: string;
  policyName: string;
  policy: string;
  /** Documents this role's policy was seeded with by earlier versions: a data directory still holding one of them, unchanged, gets `policy`. */
  earlierPolicies?: string[];
}

export const LAB_ROLES: LabRole[] = [
  {
    accountId: LAB_ACCOUNT,
    roleName: "ADFS-KeyAdmins",
    description: "Key administrators: manage KMS keys, no cryptographic operations (lab world)",
    policyName: "KeyAdministration",
    // Key administrators also read the account's event history (who used or was refused a key).
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement("KeyAdministration", [...KEY_ADMIN_ACTIONS]), statement("EventHistory", ["cloudtrail:LookupEvents"])] }),
    earlierPolicies: [JSON.stringify({ Version: "2012-10-17", Statement: [statement("KeyAdministration", [...KEY_ADMIN_ACTIONS])] })],
  },
  {
    accountId: LAB_ACCOUNT,
    roleName: "ADFS-Developers",
    description: "Key users: encrypt and decrypt with KMS keys, and use S3 (lab world)",
    policyName: "KeyUseAndS3",
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement("KeyUse", [...KEY_USER_ACTIONS]), statement("S3", ["s3:*"])] }),
  },
  {
    accountId: LAB_ACCOUNT,
    roleName: "ADFS-Auditors",
    description: "Auditors: read-only (lab world)",
    policyName: "ReadOnly",
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement("ReadOnly", READ_ACTIONS)] }),
    earlierPolicies: EARLIER_READ_ONLY,
  },
  {
    accountId: SECOND_ACCOUNT,
    roleName: "ADFS-ReadOnly",
    description: "Read-only access to the second account (lab world)",
    policyName: "ReadOnly",
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement("ReadOnly", READ_ACTIONS)] }),
    earlierPolicies: EARLIER_READ_ONLY,
  },
];

/**
 * The seed lab's bucket policy (step 3): every upload to the bucket that does not ask for SSE-KMS
 * is refused, whoever makes it. The console offers it on a bucket's page.
 */
export function labRequireSseKmsPolicy(bucket: string): object {
  return {
    Version: "2012-10-17",
    Id: "RequireSSEKMS",
    Statement: [
      {
        Sid: "DenyUploadIfNotSSEKMSEncrypted",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${bucket}/*`,
        Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
      },
    ],
  };
}

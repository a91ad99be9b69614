// The key policy that AWS's console writes in its create-key wizard, statement for statement:
// "Enable IAM User Permissions" (the account's root: IAM policies decide too), "Allow access for
// Key Administrators" (administration without cryptography; deletion only when the wizard's
// "Allow key administrators to delete this key" is ticked), "Allow use of the key" (the
// operations of the key's usage), and for symmetric encryption keys "Allow attachment of
// persistent resources" (grants for AWS services). Statements without principals are left out.
import { KEY_ADMIN_ACTIONS, KEY_USER_ACTIONS } from "../../iam/index.ts";

const DELETION_ACTIONS = new Set(["kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"]);

export interface ConsolePolicyInput {
  accountId: string;
  admins: readonly string[];
  adminsMayDelete: boolean;
  users: readonly string[];
  keySpec: string;
  keyUsage: string;
}

/** The key users' actions, by the key's spec and usage, as the console grants them. */
export function userActions(keySpec: string, keyUsage: string): string[] {
  if (keyUsage === "SIGN_VERIFY") return ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign", "kms:Verify"];
  if (keyUsage === "GENERATE_VERIFY_MAC") return ["kms:GenerateMac", "kms:VerifyMac", "kms:DescribeKey"];
  if (keyUsage === "KEY_AGREEMENT") return ["kms:DescribeKey", "kms:GetPublicKey", "kms:DeriveSharedSecret"];
  if (keyUsage === "ENCAPSULATE_DECAPSULATE") return ["kms:DescribeKey", "kms:GetPublicKey", "kms:Encapsulate", "kms:Decapsulate"];
  if (keySpec === "SYMMETRIC_DEFAULT") return [...KEY_USER_ACTIONS];
  return ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:DescribeKey", "kms:GetPublicKey"];
}

const principal = (arns: readonly string[]) => ({ AWS: arns.length === 1 ? arns[0] : [...arns] });

export function consoleKeyPolicy(o: ConsolePolicyInput): string {
  const statements: Record<string, unknown>[] = [
    { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${o.accountId}:root` }, Action: "kms:*", Resource: "*" },
  ];
  if (o.admins.length > 0) {
    statements.push({
      Sid: "Allow access for Key Administrators",
      Effect: "Allow",
      Principal: principal(o.admins),
      Action: KEY_ADMIN_ACTIONS.filter((a) => o.adminsMayDelete || !DELETION_ACTIONS.has(a)),
      Resource: "*",
    });
  }
  if (o.users.length > 0) {
    statements.push({ Sid: "Allow use of the key", Effect: "Allow", Principal: principal(o.users), Action: userActions(o.keySpec, o.keyUsage), Resource: "*" });
    if (o.keySpec === "SYMMETRIC_DEFAULT") {
      statements.push({
        Sid: "Allow attachment of persistent resources",
        Effect: "Allow",
        Principal: principal(o.users),
        Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
        Resource: "*",
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
      });
    }
  }
  return JSON.stringify({ Id: "key-consolepolicy-3", Version: "2012-10-17", Statement: statements }, null, 4);
}

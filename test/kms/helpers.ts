// Shared by the KMS tests: AWS SDK v3 KMS clients against a running federa, as the lab's root or
// with federated credentials (alice and bob through the IdP and STS).
import { KMSClient } from "@aws-sdk/client-kms";
import { STSClient, AssumeRoleWithSAMLCommand } from "@aws-sdk/client-sts";
import { ADFS, LAB, ROOT, samlAssertion, type Credentials } from "../iam/helpers.ts";

export { ADFS, LAB, ROOT, SECOND, awsCli, refusal, type Credentials } from "../iam/helpers.ts";

export function kmsClient(url: string, credentials: Credentials = ROOT, region = "us-east-1"): KMSClient {
  return new KMSClient({ endpoint: url, region, credentials, maxAttempts: 1 });
}

/** Credentials for a lab role, through federa's IdP and AssumeRoleWithSAML, as `federa login` gets them. */
export async function federatedCredentials(url: string, username: string, password: string, roleName: string, account = LAB): Promise<Credentials> {
  const assertion = await samlAssertion(url, username, password);
  const sts = new STSClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "unused", secretAccessKey: "unused" }, maxAttempts: 1 });
  const provider = account === LAB ? ADFS : `arn:aws:iam::${account}:saml-provider/ADFS`;
  const out = await sts.send(new AssumeRoleWithSAMLCommand({ RoleArn: `arn:aws:iam::${account}:role/${roleName}`, PrincipalArn: provider, SAMLAssertion: assertion }));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

/** The lab's key policy as AWS's console writes it: the root, ADFS-KeyAdmins as key administrators, ADFS-Developers as key users. */
export const labKeyPolicy = {
  Version: "2012-10-17",
  Id: "key-consolepolicy-3",
  Statement: [
    { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LAB}:root` }, Action: "kms:*", Resource: "*" },
    {
      Sid: "Allow access for Key Administrators",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${LAB}:role/ADFS-KeyAdmins` },
      Action: ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"],
      Resource: "*",
    },
    {
      Sid: "Allow use of the key",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${LAB}:role/ADFS-Developers` },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      Resource: "*",
    },
  ],
};

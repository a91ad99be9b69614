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

// IAM's permissions for SAML-federated role sessions, end to end: assertions from federa's IdP,
// AssumeRoleWithSAML, then the IAM API with the temporary credentials. The role's policies decide
// (KeyAdmins: KMS only; Auditors: iam:List*/Get*), session policies narrow them, the session's
// tags and role ARN are condition keys, and a role made through the IAM API is assumable.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { AssumeRoleWithSAMLCommand, STSClient } from "@aws-sdk/client-sts";
import {
  CreatePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { ADFS, LAB, SECOND, awsCli, iamClient, refusal, samlAssertion, samlTrustPolicy, type Credentials } from "./helpers.ts";

let federa: RunningFedera;

before(async () => {
  federa = await startFedera();
});
after(() => federa.stop());

async function session(user: [string, string], account: string, role: string, policyArns: string[] = []): Promise<Credentials> {
  const sts = new STSClient({ region: "us-east-1", endpoint: federa.url });
  const assumed = await sts.send(
    new AssumeRoleWithSAMLCommand({
      RoleArn: `arn:aws:iam::${account}:role/${role}`,
      PrincipalArn: `arn:aws:iam::${account}:saml-provider/ADFS`,
      SAMLAssertion: await samlAssertion(federa.url, ...user),
      ...(policyArns.length ? { PolicyArns: policyArns.map((arn) => ({ arn })) } : {}),
    }),
  );
  const c = assumed.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

const ALICE: [string, string] = ["alice", "Alice!Passw0rd1"];
const BOB: [string, string] = ["bob", "Bob!Passw0rd1"];
const ERIN: [string, string] = ["erin", "Erin!Passw0rd1"];

describe("SAML-federated sessions", () => {
  it("of ADFS-KeyAdmins are refused iam:CreateRole: their policy is KMS only", async () => {
    const credentials = await session(ALICE, LAB, "ADFS-KeyAdmins");
    const sessionArn = `arn:aws:sts::${LAB}:assumed-role/ADFS-KeyAdmins/alice@corp.example.test`;
    const expected = `User: ${sessionArn} is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${LAB}:role/FromKeyAdmins because no identity-based policy allows the iam:CreateRole action`;
    const cli = await awsCli(federa.url)(["iam", "create-role", "--role-name", "FromKeyAdmins", "--assume-role-policy-document", samlTrustPolicy(ADFS)], credentials);
    assert.equal(cli.ok, false);
    assert.equal(cli.code, "AccessDenied");
    assert.equal(cli.message, expected);
    const sdk = await refusal(iamClient(federa.url, credentials).send(new CreateRoleCommand({ RoleName: "FromKeyAdmins", AssumeRolePolicyDocument: samlTrustPolicy(ADFS) })));
    assert.deepEqual(sdk, { name: "AccessDenied", message: expected, status: 403 });
    assert.equal(await federa.server.iam.findRole(LAB, "FromKeyAdmins"), undefined);
  });

  it("of ADFS-Auditors list and read roles (iam:List*, iam:Get*) and change nothing", async () => {
    const iam = iamClient(federa.url, await session(ERIN, LAB, "ADFS-Auditors"));
    const roles = await iam.send(new ListRolesCommand({}));
    assert.deepEqual(roles.Roles?.map((r) => r.RoleName), ["ADFS-Auditors", "ADFS-Developers", "ADFS-KeyAdmins"]);
    assert.equal((await iam.send(new GetRoleCommand({ RoleName: "ADFS-KeyAdmins" }))).Role?.Arn, `arn:aws:iam::${LAB}:role/ADFS-KeyAdmins`);
    const sessionArn = `arn:aws:sts::${LAB}:assumed-role/ADFS-Auditors/erin@corp.example.test`;
    assert.deepEqual(await refusal(iam.send(new DeleteRoleCommand({ RoleName: "ADFS-KeyAdmins" }))), {
      name: "AccessDenied",
      message: `User: ${sessionArn} is not authorized to perform: iam:DeleteRole on resource: arn:aws:iam::${LAB}:role/ADFS-KeyAdmins because no identity-based policy allows the iam:DeleteRole action`,
      status: 403,
    });
    // ADFS-ReadOnly, in the other account, sees that account's roles only.
    const other = iamClient(federa.url, await session(ERIN, SECOND, "ADFS-ReadOnly"));
    assert.deepEqual((await other.send(new ListRolesCommand({}))).Roles?.map((r) => r.Arn), [`arn:aws:iam::${SECOND}:role/ADFS-ReadOnly`]);
  });

  it("of a role made through the IAM API are assumable, with its policies, tags and session policies applied", async () => {
    const root = iamClient(federa.url);
    const developers = `arn:aws:iam::${LAB}:role/ADFS-Developers`;
    // bob's assertion names ADFS-Developers: replace the seeded role with one made over the API.
    await root.send(new DeleteRolePolicyCommand({ RoleName: "ADFS-Developers", PolicyName: "KeyUseAndS3" }));
    await root.send(new DeleteRoleCommand({ RoleName: "ADFS-Developers" }));
    const made = await root.send(new CreateRoleCommand({ RoleName: "ADFS-Developers", AssumeRolePolicyDocument: samlTrustPolicy(ADFS), MaxSessionDuration: 7200 }));
    const policy = {
      Version: "2012-10-17",
      Statement: [
        { Sid: "ListAll", Effect: "Allow", Action: "iam:ListRoles", Resource: "*" },
        { Sid: "PlatformReadsItself", Effect: "Allow", Action: "iam:GetRole", Resource: developers, Condition: { StringEquals: { "aws:PrincipalTag/department": "Platform" } } },
        { Sid: "FinanceReadsKeyAdmins", Effect: "Allow", Action: "iam:GetRole", Resource: `arn:aws:iam::${LAB}:role/ADFS-KeyAdmins`, Condition: { StringEquals: { "aws:PrincipalTag/department": "Finance" } } },
        { Sid: "OwnPolicies", Effect: "Allow", Action: "iam:ListRolePolicies", Resource: "*", Condition: { ArnEquals: { "aws:PrincipalArn": developers } } },
      ],
    };
    await root.send(new PutRolePolicyCommand({ RoleName: "ADFS-Developers", PolicyName: "Federated", PolicyDocument: JSON.stringify(policy) }));

    const iam = iamClient(federa.url, await session(BOB, LAB, "ADFS-Developers"));
    const sessionArn = `arn:aws:sts::${LAB}:assumed-role/ADFS-Developers/bob@corp.example.test`;
    assert.equal((await iam.send(new GetRoleCommand({ RoleName: "ADFS-Developers" }))).Role?.RoleId, made.Role?.RoleId);
    assert.deepEqual((await iam.send(new ListRolePoliciesCommand({ RoleName: "ADFS-Developers" }))).PolicyNames, ["Federated"]);
    assert.deepEqual(await refusal(iam.send(new GetRoleCommand({ RoleName: "ADFS-KeyAdmins" }))), {
      name: "AccessDenied",
      message: `User: ${sessionArn} is not authorized to perform: iam:GetRole on resource: arn:aws:iam::${LAB}:role/ADFS-KeyAdmins because no identity-based policy allows the iam:GetRole action`,
      status: 403,
    });

    // A managed session policy that allows only iam:ListRoles narrows the next session to that.
    const listOnly = (await root.send(new CreatePolicyCommand({ PolicyName: "ListRolesOnly", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:ListRoles", Resource: "*" }] }) }))).Policy!.Arn!;
    const narrowed = iamClient(federa.url, await session(BOB, LAB, "ADFS-Developers", [listOnly]));
    assert.equal((await narrowed.send(new ListRolesCommand({}))).Roles?.length, 3);
    assert.deepEqual(await refusal(narrowed.send(new GetRoleCommand({ RoleName: "ADFS-Developers" }))), {
      name: "AccessDenied",
      message: `User: ${sessionArn} is not authorized to perform: iam:GetRole on resource: ${developers} because no session policy allows the iam:GetRole action`,
      status: 403,
    });
  });
});

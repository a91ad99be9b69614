// AccessDenied replies carry an encoded authorization message; DecodeAuthorizationMessage opens it
// into the request context, the policies that were evaluated, and why the request was refused.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { STSClient, AssumeRoleWithSAMLCommand, DecodeAuthorizationMessageCommand } from "@aws-sdk/client-sts";
import { IAMClient, CreateRoleCommand } from "@aws-sdk/client-iam";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { Browser, readForm, samlResponseOf } from "../support/browser.ts";

const ROOT = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
let federa: RunningFedera;
before(async () => {
  federa = await startFedera();
});
after(() => federa.stop());

async function keyAdminSession() {
  const browser = new Browser(federa.url);
  const form = readForm((await browser.get("/idp/sso/init")).html);
  const assertion = samlResponseOf(await browser.submit(form, { username: "alice", password: "Alice!Passw0rd1" })).base64;
  const sts = new STSClient({ region: "us-east-1", endpoint: federa.url });
  const c = (await sts.send(new AssumeRoleWithSAMLCommand({ RoleArn: "arn:aws:iam::111122223333:role/ADFS-KeyAdmins", PrincipalArn: "arn:aws:iam::111122223333:saml-provider/ADFS", SAMLAssertion: assertion }))).Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

describe("DecodeAuthorizationMessage", () => {
  it("explains why a key administrator may not create a role", async () => {
    const iam = new IAMClient({ region: "us-east-1", endpoint: federa.url, credentials: await keyAdminSession() });
    const denied = await iam.send(new CreateRoleCommand({ RoleName: "Sneaky", AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" }] }) })).then(
      () => assert.fail("CreateRole was allowed"),
      (error: Error) => error,
    );
    assert.equal(denied.name, "AccessDenied");
    assert.match(denied.message, /^User: arn:aws:sts::111122223333:assumed-role\/ADFS-KeyAdmins\/alice@corp\.example\.test is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::111122223333:role\/Sneaky because no identity-based policy allows the iam:CreateRole action/);
    const encoded = /Encoded authorization failure message: (\S+)$/.exec(denied.message)?.[1];
    assert.ok(encoded, "the message carries an encoded authorization message");

    const sts = new STSClient({ region: "us-east-1", endpoint: federa.url, credentials: ROOT });
    const decoded = JSON.parse((await sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }))).DecodedMessage!);
    assert.equal(decoded.allowed, false);
    assert.equal(decoded.explicitDeny, false);
    assert.equal(decoded.context.action, "iam:CreateRole");
    assert.equal(decoded.context.resource, "arn:aws:iam::111122223333:role/Sneaky");
    assert.equal(decoded.context.principal.arn, "arn:aws:sts::111122223333:assumed-role/ADFS-KeyAdmins/alice@corp.example.test");
    const keys = decoded.context.conditions.items.map((i: { key: string }) => i.key);
    assert.ok(keys.includes("aws:PrincipalArn"));
    assert.match(decoded.reason, /identity-based policy/);
  });

  it("refuses a changed message and a caller without sts:DecodeAuthorizationMessage", async () => {
    const sts = new STSClient({ region: "us-east-1", endpoint: federa.url, credentials: ROOT });
    await assert.rejects(sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: "eyJhbGciOiJkaXIifQ.x.y.z.w" })), { name: "InvalidAuthorizationMessageException" });
    const asKeyAdmin = new STSClient({ region: "us-east-1", endpoint: federa.url, credentials: await keyAdminSession() });
    await assert.rejects(asKeyAdmin.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: "x" })), { name: "AccessDenied" });
  });
});

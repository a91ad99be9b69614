// The IAM Query API with the AWS CLI v2 (/usr/bin/aws): SAML providers from federa's own
// metadata, roles with their inline and managed policies, users and access keys, and IAM's
// permissions enforced on a new user's key. Errors are asserted exactly: code and message.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { ADFS, LAB, ROOT, allow, awsCli, samlTrustPolicy, type CliResult } from "./helpers.ts";

let federa: RunningFedera;
let aws: ReturnType<typeof awsCli>;
let files: string;

before(async () => {
  federa = await startFedera();
  aws = awsCli(federa.url);
  files = mkdtempSync(join(tmpdir(), "federa-iam-files-"));
});
after(() => federa.stop());

function file(name: string, content: string): string {
  const path = join(files, name);
  writeFileSync(path, content);
  return `file://${path}`;
}

function refused(result: CliResult, code: string, message: string): void {
  assert.equal(result.ok, false, "the call succeeded");
  assert.equal(result.code, code, result.stderr);
  assert.equal(result.message, message);
}

function ok(result: CliResult): any {
  assert.ok(result.ok, result.stderr);
  return result.json;
}

describe("SAML providers", () => {
  it("are made from federa's metadata, read, listed, updated and deleted", async () => {
    const metadata = await (await fetch(`${federa.url}/idp/metadata`)).text();
    const arn = `arn:aws:iam::${LAB}:saml-provider/Okta`;
    const made = ok(await aws(["iam", "create-saml-provider", "--name", "Okta", "--saml-metadata-document", file("okta.xml", metadata), "--tags", "Key=team,Value=security"]));
    assert.deepEqual(made, { SAMLProviderArn: arn, Tags: [{ Key: "team", Value: "security" }] });

    const got = ok(await aws(["iam", "get-saml-provider", "--saml-provider-arn", arn]));
    assert.equal(got.SAMLMetadataDocument, metadata);
    assert.match(got.CreateDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    // No validUntil in the metadata: valid for a hundred years, as IAM sets it.
    assert.equal(Number(got.ValidUntil.slice(0, 4)), Number(got.CreateDate.slice(0, 4)) + 100);
    assert.deepEqual(got.Tags, [{ Key: "team", Value: "security" }]);

    const listed = ok(await aws(["iam", "list-saml-providers"]));
    assert.deepEqual(listed.SAMLProviderList.map((p: { Arn: string }) => p.Arn), [ADFS, arn]);

    refused(await aws(["iam", "create-saml-provider", "--name", "Okta", "--saml-metadata-document", file("okta.xml", metadata)]), "EntityAlreadyExists", "SAMLProvider Okta already exists.");

    // New metadata (another entity ID, as after an IdP move) replaces what STS trusts.
    const moved = metadata.replace(/entityID="[^"]+"/, 'entityID="https://idp.example.test/okta"');
    assert.deepEqual(ok(await aws(["iam", "update-saml-provider", "--saml-provider-arn", arn, "--saml-metadata-document", file("moved.xml", moved)])), { SAMLProviderArn: arn });
    assert.equal((await federa.server.iam.findSamlProviderByArn(arn))?.entityId, "https://idp.example.test/okta");

    const garbage = `<not-metadata>${"x".repeat(1200)}</not-metadata>`;
    refused(await aws(["iam", "create-saml-provider", "--name", "Bad", "--saml-metadata-document", file("bad.xml", garbage)]), "InvalidInput", "Could not parse metadata");

    assert.equal(ok(await aws(["iam", "delete-saml-provider", "--saml-provider-arn", arn])), undefined);
    refused(await aws(["iam", "get-saml-provider", "--saml-provider-arn", arn]), "NoSuchEntity", `Manifest not found for arn ${arn}`);
  });
});

describe("roles", () => {
  it("are made with a SAML trust policy, given inline and managed policies, and deleted once bare", async () => {
    const trust = samlTrustPolicy(ADFS);
    const made = ok(
      await aws([
        "iam", "create-role", "--role-name", "ADFS-Operators", "--path", "/federated/", "--assume-role-policy-document", trust,
        "--description", "Operators (created by the test)", "--max-session-duration", "7200",
      ]),
    );
    const arn = `arn:aws:iam::${LAB}:role/federated/ADFS-Operators`;
    assert.equal(made.Role.Arn, arn);
    assert.equal(made.Role.Path, "/federated/");
    assert.match(made.Role.RoleId, /^AROA[A-Z2-7]{17}$/);
    // The CLI decodes IAM's URL-encoded documents back into JSON.
    assert.deepEqual(made.Role.AssumeRolePolicyDocument, JSON.parse(trust));
    assert.equal(made.Role.MaxSessionDuration, 7200);

    refused(await aws(["iam", "create-role", "--role-name", "adfs-operators", "--assume-role-policy-document", trust]), "EntityAlreadyExists", "Role with name adfs-operators already exists.");

    const inline = allow(["kms:DescribeKey", "kms:ListKeys"]);
    assert.equal(ok(await aws(["iam", "put-role-policy", "--role-name", "ADFS-Operators", "--policy-name", "Describe", "--policy-document", inline])), undefined);
    assert.deepEqual(ok(await aws(["iam", "get-role-policy", "--role-name", "ADFS-Operators", "--policy-name", "Describe"])), {
      RoleName: "ADFS-Operators",
      PolicyName: "Describe",
      PolicyDocument: JSON.parse(inline),
    });
    assert.deepEqual(ok(await aws(["iam", "list-role-policies", "--role-name", "ADFS-Operators"])), { PolicyNames: ["Describe"] });

    const policy = ok(await aws(["iam", "create-policy", "--policy-name", "S3Read", "--policy-document", allow(["s3:GetObject", "s3:ListBucket"]), "--description", "read buckets"]));
    const policyArn = `arn:aws:iam::${LAB}:policy/S3Read`;
    assert.equal(policy.Policy.Arn, policyArn);
    assert.match(policy.Policy.PolicyId, /^ANPA[A-Z2-7]{17}$/);
    assert.equal(policy.Policy.DefaultVersionId, "v1");
    assert.equal(policy.Policy.AttachmentCount, 0);
    assert.equal(policy.Policy.IsAttachable, true);

    assert.equal(ok(await aws(["iam", "attach-role-policy", "--role-name", "ADFS-Operators", "--policy-arn", policyArn])), undefined);
    assert.deepEqual(ok(await aws(["iam", "list-attached-role-policies", "--role-name", "ADFS-Operators"])), { AttachedPolicies: [{ PolicyName: "S3Read", PolicyArn: policyArn }] });
    assert.equal((await federa.server.iam.findManagedPolicy(policyArn))?.attachmentCount, 1);

    // The role's sessions get both: the authorizer sees the inline and the managed policy.
    const role = await federa.server.iam.getRole(LAB, "ADFS-Operators");
    assert.deepEqual((await federa.server.iam.rolePolicies(role)).map((p) => p.label), [`${arn} inline policy Describe`, policyArn]);

    const narrower = samlTrustPolicy(ADFS).replace('"sts:TagSession"', '"sts:SetSourceIdentity"');
    assert.equal(ok(await aws(["iam", "update-assume-role-policy", "--role-name", "ADFS-Operators", "--policy-document", narrower])), undefined);
    assert.equal((await federa.server.iam.getRole(LAB, "ADFS-Operators")).assumeRolePolicyDocument, narrower);

    refused(await aws(["iam", "delete-role", "--role-name", "ADFS-Operators"]), "DeleteConflict", "Cannot delete entity, must delete policies first.");
    ok(await aws(["iam", "delete-role-policy", "--role-name", "ADFS-Operators", "--policy-name", "Describe"]));
    refused(await aws(["iam", "delete-role", "--role-name", "ADFS-Operators"]), "DeleteConflict", "Cannot delete entity, must detach all policies first.");
    ok(await aws(["iam", "detach-role-policy", "--role-name", "ADFS-Operators", "--policy-arn", policyArn]));
    assert.equal((await federa.server.iam.findManagedPolicy(policyArn))?.attachmentCount, 0);
    assert.equal(ok(await aws(["iam", "delete-role", "--role-name", "ADFS-Operators"])), undefined);
    refused(await aws(["iam", "get-role", "--role-name", "ADFS-Operators"]), "NoSuchEntity", "The role with name ADFS-Operators cannot be found.");
  });

  it("refuse malformed documents with the policy engine's reason, and names outside the model", async () => {
    const missingRole = `arn:aws:iam::${LAB}:role/Nobody`;
    const trustingNobody = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: missingRole }, Action: "sts:AssumeRole" }] });
    const noResource = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject" }] });
    const [trusting, inline, name] = await Promise.all([
      aws(["iam", "create-role", "--role-name", "Trusting", "--assume-role-policy-document", trustingNobody]),
      aws(["iam", "put-role-policy", "--role-name", "ADFS-Auditors", "--policy-name", "NoResource", "--policy-document", noResource]),
      aws(["iam", "create-role", "--role-name", "arn:aws:iam::111122223333:role/x", "--assume-role-policy-document", samlTrustPolicy(ADFS)]),
    ]);
    refused(trusting, "MalformedPolicyDocument", `Invalid principal in policy: "AWS":"${missingRole}"`);
    refused(inline, "MalformedPolicyDocument", "Policy statement must contain resources.");
    refused(
      name,
      "ValidationError",
      "1 validation error detected: Value 'arn:aws:iam::111122223333:role/x' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
    // Nothing was made or changed.
    assert.equal(await federa.server.iam.findRole(LAB, "Trusting"), undefined);
    assert.deepEqual((await federa.server.iam.listRolePolicies(LAB, "ADFS-Auditors")).map((p) => p.policyName), ["ReadOnly"]);
  });
});

describe("users and access keys", () => {
  it("make a user whose own key, without policies, is refused IAM as AWS words it", async () => {
    const user = ok(await aws(["iam", "create-user", "--user-name", "ci-bot"]));
    const userArn = `arn:aws:iam::${LAB}:user/ci-bot`;
    assert.equal(user.User.Arn, userArn);
    assert.match(user.User.UserId, /^AIDA[A-Z2-7]{17}$/);

    const created = ok(await aws(["iam", "create-access-key", "--user-name", "ci-bot"])).AccessKey;
    assert.equal(created.UserName, "ci-bot");
    assert.match(created.AccessKeyId, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(created.SecretAccessKey.length, 40);
    assert.equal(created.Status, "Active");
    const listed = ok(await aws(["iam", "list-access-keys", "--user-name", "ci-bot"]));
    assert.deepEqual(listed, { AccessKeyMetadata: [{ UserName: "ci-bot", AccessKeyId: created.AccessKeyId, Status: "Active", CreateDate: created.CreateDate }] });

    const key = { accessKeyId: created.AccessKeyId, secretAccessKey: created.SecretAccessKey };
    const [who, roles, keys] = await Promise.all([aws(["sts", "get-caller-identity"], key), aws(["iam", "list-roles"], key), aws(["iam", "list-access-keys"], key)]);
    assert.equal(ok(who).Arn, userArn);
    refused(roles, "AccessDenied", `User: ${userArn} is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::${LAB}:role/ because no identity-based policy allows the iam:ListRoles action`);
    refused(keys, "AccessDenied", `User: ${userArn} is not authorized to perform: iam:ListAccessKeys on resource: ${userArn} because no identity-based policy allows the iam:ListAccessKeys action`);

    ok(await aws(["iam", "create-access-key", "--user-name", "ci-bot"]));
    refused(await aws(["iam", "create-access-key", "--user-name", "ci-bot"]), "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2");
    assert.equal(ok(await aws(["iam", "delete-access-key", "--user-name", "ci-bot", "--access-key-id", created.AccessKeyId])), undefined);
    // The deleted key no longer signs anything.
    refused(await aws(["sts", "get-caller-identity"], key), "InvalidClientTokenId", "The security token included in the request is invalid.");
  });

  it("give the root its own keys when no user is named", async () => {
    const made = ok(await aws(["iam", "create-access-key"])).AccessKey;
    assert.equal(made.UserName, undefined);
    const listed = ok(await aws(["iam", "list-access-keys"])).AccessKeyMetadata.map((k: { AccessKeyId: string }) => k.AccessKeyId);
    assert.deepEqual(listed.sort(), [made.AccessKeyId, ROOT.accessKeyId].sort());
    ok(await aws(["iam", "delete-access-key", "--access-key-id", made.AccessKeyId]));
    assert.deepEqual((await federa.server.iam.listAccessKeys(LAB, null)).map((k) => k.accessKeyId), [ROOT.accessKeyId]);
  });
});

// The IAM Query API with the AWS SDK for JavaScript v3 (IAMClient): pagination of ListRoles
// with MaxItems and Marker, answers as the SDK reads them (URL-encoded documents, tags), the
// service model's ValidationErrors (the SDK does not validate, so federa must), IAM's quotas and
// documents refused with the policy engine's reason, and the modelled errors' codes and statuses.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  ListAccessKeysCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  paginateListRoles,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { ADFS, LAB, allow, iamClient, refusal, samlTrustPolicy } from "./helpers.ts";

let federa: RunningFedera;
let iam: IAMClient;

before(async () => {
  federa = await startFedera();
  iam = iamClient(federa.url);
});
after(() => federa.stop());

const trust = samlTrustPolicy(ADFS);

describe("ListRoles", () => {
  it("pages with MaxItems and Marker, and the SDK's paginator walks every page", async () => {
    const names = ["Pager-e", "Pager-a", "Pager-d", "Pager-c", "Pager-b"];
    for (const name of names) await iam.send(new CreateRoleCommand({ RoleName: name, Path: "/paged/", AssumeRolePolicyDocument: trust }));

    const first = await iam.send(new ListRolesCommand({ PathPrefix: "/paged/", MaxItems: 2 }));
    assert.deepEqual(first.Roles?.map((r) => r.RoleName), ["Pager-a", "Pager-b"]);
    assert.equal(first.IsTruncated, true);
    assert.ok(first.Marker);
    const second = await iam.send(new ListRolesCommand({ PathPrefix: "/paged/", MaxItems: 2, Marker: first.Marker }));
    assert.deepEqual(second.Roles?.map((r) => r.RoleName), ["Pager-c", "Pager-d"]);
    assert.equal(second.IsTruncated, true);
    const third = await iam.send(new ListRolesCommand({ PathPrefix: "/paged/", MaxItems: 2, Marker: second.Marker }));
    assert.deepEqual(third.Roles?.map((r) => r.RoleName), ["Pager-e"]);
    assert.equal(third.IsTruncated, false);
    assert.equal(third.Marker, undefined);

    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListRoles({ client: iam, pageSize: 3 }, {})) {
      pages++;
      seen.push(...(page.Roles ?? []).map((r) => r.RoleName!));
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, ["ADFS-Auditors", "ADFS-Developers", "ADFS-KeyAdmins", "Pager-a", "Pager-b", "Pager-c", "Pager-d", "Pager-e"]);
    // The whole list in one call, and only this account's roles.
    const all = await iam.send(new ListRolesCommand({}));
    assert.deepEqual(all.Roles?.map((r) => r.Arn), seen.map((name) => `arn:aws:iam::${LAB}:role/${name.startsWith("Pager") ? "paged/" : ""}${name}`));
    assert.equal(all.IsTruncated, false);
  });
});

describe("roles as the SDK reads them", () => {
  it("carry the trust policy URL-encoded, dates, tags and the session duration", async () => {
    const made = await iam.send(
      new CreateRoleCommand({ RoleName: "Tagged", AssumeRolePolicyDocument: trust, Description: "tagged role", MaxSessionDuration: 43200, Tags: [{ Key: "team", Value: "platform" }] }),
    );
    const got = await iam.send(new GetRoleCommand({ RoleName: "tagged" }));
    assert.equal(got.Role?.RoleName, "Tagged");
    assert.equal(got.Role?.RoleId, made.Role?.RoleId);
    assert.equal(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!), trust);
    assert.ok(got.Role?.CreateDate instanceof Date && Math.abs(got.Role.CreateDate.getTime() - Date.now()) < 60_000);
    assert.equal(got.Role?.Description, "tagged role");
    assert.equal(got.Role?.MaxSessionDuration, 43200);
    assert.deepEqual(got.Role?.Tags, [{ Key: "team", Value: "platform" }]);
  });
});

describe("refusals", () => {
  it("answer the service model's constraints with ValidationError, all violations at once", async () => {
    const [duration, name, metadata, items] = await Promise.all([
      refusal(iam.send(new CreateRoleCommand({ RoleName: "Short", AssumeRolePolicyDocument: trust, MaxSessionDuration: 100 }))),
      refusal(iam.send(new CreateRoleCommand({ RoleName: `bad name ${"x".repeat(60)}`, AssumeRolePolicyDocument: trust }))),
      refusal(iam.send(new CreateSAMLProviderCommand({ Name: "Tiny", SAMLMetadataDocument: "<EntityDescriptor/>" }))),
      refusal(iam.send(new ListRolesCommand({ MaxItems: 1001 }))),
    ]);
    assert.deepEqual(duration, {
      name: "ValidationError",
      message: "1 validation error detected: Value '100' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
      status: 400,
    });
    const long = `bad name ${"x".repeat(60)}`;
    assert.equal(
      name.message,
      `2 validation errors detected: Value '${long}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+; ` +
        `Value '${long}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
    assert.equal(
      metadata.message,
      "1 validation error detected: Value '<EntityDescriptor/>' at 'sAMLMetadataDocument' failed to satisfy constraint: Member must have length greater than or equal to 1000",
    );
    assert.equal(items.message, "1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000");
  });

  it("refuse malformed documents with the policy engine's reason", async () => {
    const nowhere = `arn:aws:iam::${LAB}:saml-provider/Nowhere`;
    const cases: [Promise<unknown>, string][] = [
      [iam.send(new CreateRoleCommand({ RoleName: "M1", AssumeRolePolicyDocument: samlTrustPolicy(nowhere) })), `Invalid principal in policy: "FEDERATED":"${nowhere}"`],
      [iam.send(new CreateRoleCommand({ RoleName: "M2", AssumeRolePolicyDocument: "{not json" })), "This policy contains invalid Json"],
      [iam.send(new CreateRoleCommand({ RoleName: "M3", AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }] }) })), "Missing required field Principal"],
      [iam.send(new CreateRoleCommand({ RoleName: "M4", AssumeRolePolicyDocument: trust.replace('"Condition"', '"Resource":"*","Condition"') })), "Has prohibited field Resource"],
      [iam.send(new PutRolePolicyCommand({ RoleName: "ADFS-Auditors", PolicyName: "M5", PolicyDocument: allow("GetObject") })), "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."],
      [iam.send(new PutRolePolicyCommand({ RoleName: "ADFS-Auditors", PolicyName: "M6", PolicyDocument: allow("s3:GetObject", "bucket") })), 'Resource bucket must be in ARN format or "*".'],
      [
        iam.send(new CreatePolicyCommand({ PolicyName: "M7", PolicyDocument: JSON.stringify({ Version: "2008-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }) })),
        "Policy document must be version 2012-10-17 or greater.",
      ],
      [
        iam.send(new CreatePolicyCommand({ PolicyName: "M8", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "has-dash", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }) })),
        "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
      ],
    ];
    for (const [call, message] of cases) {
      assert.deepEqual(await refusal(call), { name: "MalformedPolicyDocumentException", message, status: 400 });
    }
  });

  it("keep IAM's quotas: a trust policy's size, a role's inline policies together", async () => {
    const big = JSON.stringify({
      Version: "2012-10-17",
      Statement: Array.from({ length: 12 }, (_, i) => ({ Sid: `S${i}`, ...JSON.parse(trust).Statement[0] })),
    });
    assert.deepEqual(await refusal(iam.send(new CreateRoleCommand({ RoleName: "Big", AssumeRolePolicyDocument: big }))), {
      name: "LimitExceededException",
      message: "Cannot exceed quota for ACLSizePerRole: 2048",
      status: 409,
    });
    await iam.send(new CreateRoleCommand({ RoleName: "Inline", AssumeRolePolicyDocument: trust }));
    const actions = Array.from({ length: 220 }, (_, i) => `s3:GetObjectVersion${i}`);
    await iam.send(new PutRolePolicyCommand({ RoleName: "Inline", PolicyName: "One", PolicyDocument: allow(actions) }));
    // The same policy again under its own name replaces itself; a second one is over the quota.
    await iam.send(new PutRolePolicyCommand({ RoleName: "Inline", PolicyName: "One", PolicyDocument: allow(actions) }));
    assert.deepEqual(await refusal(iam.send(new PutRolePolicyCommand({ RoleName: "Inline", PolicyName: "Two", PolicyDocument: allow(actions) }))), {
      name: "LimitExceededException",
      message: "Maximum policy size of 10240 bytes exceeded for role Inline",
      status: 409,
    });
  });

  it("answer missing and existing entities with IAM's codes, statuses and messages", async () => {
    await iam.send(new CreateRoleCommand({ RoleName: "Attach", AssumeRolePolicyDocument: trust }));
    await iam.send(new CreatePolicyCommand({ PolicyName: "Readers", PolicyDocument: allow("s3:GetObject") }));
    await iam.send(new CreateUserCommand({ UserName: "builder" }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: "builder" }))).AccessKey!;
    await iam.send(new DeleteAccessKeyCommand({ UserName: "builder", AccessKeyId: key.AccessKeyId }));
    const missing = `arn:aws:iam::${LAB}:policy/Missing`;
    const readers = `arn:aws:iam::${LAB}:policy/Readers`;
    const cases: [Promise<unknown>, string, string, number][] = [
      [iam.send(new GetRoleCommand({ RoleName: "Nobody" })), "NoSuchEntityException", "The role with name Nobody cannot be found.", 404],
      [iam.send(new AttachRolePolicyCommand({ RoleName: "Attach", PolicyArn: missing })), "NoSuchEntityException", `Policy ${missing} does not exist or is not attachable.`, 404],
      [iam.send(new DetachRolePolicyCommand({ RoleName: "Attach", PolicyArn: readers })), "NoSuchEntityException", `Policy ${readers} was not found.`, 404],
      [iam.send(new ListAccessKeysCommand({ UserName: "nobody" })), "NoSuchEntityException", "The user with name nobody cannot be found.", 404],
      [iam.send(new DeleteAccessKeyCommand({ UserName: "builder", AccessKeyId: key.AccessKeyId })), "NoSuchEntityException", `The Access Key with id ${key.AccessKeyId} cannot be found.`, 404],
      [iam.send(new CreatePolicyCommand({ PolicyName: "READERS", PolicyDocument: allow("s3:GetObject") })), "EntityAlreadyExistsException", "A policy called READERS already exists. Duplicate names are not allowed.", 409],
      [iam.send(new CreateUserCommand({ UserName: "Builder" })), "EntityAlreadyExistsException", "User with name Builder already exists.", 409],
      [iam.send(new CreateRoleCommand({ RoleName: "attach", AssumeRolePolicyDocument: trust })), "EntityAlreadyExistsException", "Role with name attach already exists.", 409],
    ];
    for (const [call, name, message, status] of cases) assert.deepEqual(await refusal(call), { name, message, status });
  });
});

// The authorizer on its own, over a real store: root, IAM users without policies, role sessions
// (the role's inline and attached policies intersected with session policies), the global
// condition keys it fills, resource policies (as KMS and S3 will pass them), AWS's AccessDenied
// wording, and the bounded cache of compiled policies.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore, type Store } from "../../src/store/index.ts";
import { ManualClock } from "../../src/shared/index.ts";
import { parsePolicy } from "../../src/policy/index.ts";
import { accessDeniedMessage, createAuthorizer, createIamService, createPolicyCache, type Authorize, type IamCaller, type IamService, type RoleRecord } from "../../src/iam/index.ts";

const LAB = "111122223333";
const OTHER = "444455556666";
const NOW = new Date("2030-01-15T12:00:00Z");
let dir: string;
let store: Store;
let iam: IamService;
let authorize: Authorize;

const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LAB}:root` }, Action: "sts:AssumeRole" }] });
const allow = (action: string | string[], resource: string | string[] = "*", condition?: unknown) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) }] });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "federa-authorize-"));
  store = openSqliteStore(join(dir, "federa.db"));
  iam = createIamService(store.iam, new ManualClock(NOW));
  authorize = createAuthorizer(iam, { clock: new ManualClock(NOW) });
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true });
});

function root(account = LAB): IamCaller {
  const arn = `arn:aws:iam::${account}:root`;
  return { accountId: account, arn, userId: account, principal: { type: "root", arn, accountId: account, userId: account } };
}

function sessionOf(role: RoleRecord, claims: Partial<NonNullable<IamCaller["session"]>> = {}): IamCaller {
  const arn = `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/tester`;
  const userId = `${role.roleId}:tester`;
  return {
    accountId: role.accountId,
    arn,
    userId,
    principal: { type: "assumed-role", arn, accountId: role.accountId, roleArn: role.arn, userId },
    session: { roleArn: role.arn, ...claims },
  };
}

describe("the authorizer", () => {
  it("allows the root of the resource's account, unless a resource policy denies; not another account's root", async () => {
    const resource = `arn:aws:iam::${LAB}:role/Anything`;
    assert.equal((await authorize(root(), "iam:DeleteRole", resource)).effect, "Allow");
    const denied = await authorize(root(OTHER), "iam:DeleteRole", resource);
    assert.equal(denied.effect, "ImplicitDeny");
    assert.equal(denied.deniedBy, "resource");
    const bucketPolicy = parsePolicy(
      JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:DeleteBucket", Resource: "arn:aws:s3:::lab-bucket" }] }),
      "resource",
      { label: "lab-bucket" },
    );
    const decision = await authorize(root(), "s3:DeleteBucket", "arn:aws:s3:::lab-bucket", {}, bucketPolicy, { resourceAccount: LAB });
    assert.equal(decision.effect, "ExplicitDeny");
    assert.equal(
      accessDeniedMessage(root(), "s3:DeleteBucket", "arn:aws:s3:::lab-bucket", decision),
      `User: arn:aws:iam::${LAB}:root is not authorized to perform: s3:DeleteBucket on resource: arn:aws:s3:::lab-bucket with an explicit deny in a resource-based policy`,
    );
  });

  it("denies an IAM user without policies, in AWS's words", async () => {
    const user = await iam.createUser({ accountId: LAB, userName: "nopolicy" });
    const caller: IamCaller = { accountId: LAB, arn: user.arn, userId: user.userId, userName: user.userName, principal: { type: "user", arn: user.arn, accountId: LAB, userId: user.userId, username: user.userName } };
    const decision = await authorize(caller, "iam:ListRoles", `arn:aws:iam::${LAB}:role/`);
    assert.equal(decision.effect, "ImplicitDeny");
    assert.equal(
      accessDeniedMessage(caller, "iam:ListRoles", `arn:aws:iam::${LAB}:role/`, decision),
      `User: ${user.arn} is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::${LAB}:role/ because no identity-based policy allows the iam:ListRoles action`,
    );
  });

  it("gives a role session its role's inline and attached policies, limited by its session policies", async () => {
    const role = await iam.createRole({ accountId: LAB, roleName: "Worker", assumeRolePolicyDocument: trust });
    await iam.putRolePolicy(LAB, "Worker", "Kms", allow(["kms:Encrypt", "kms:Decrypt"]));
    const managed = await iam.createPolicy({ accountId: LAB, policyName: "S3Get", document: allow("s3:GetObject") });
    await iam.attachRolePolicy(LAB, "Worker", managed.arn);
    const decrypt = await iam.createPolicy({ accountId: LAB, policyName: "DecryptOnly", document: allow("kms:Decrypt") });

    const plain = sessionOf(role);
    for (const action of ["kms:Encrypt", "kms:Decrypt", "s3:GetObject"]) assert.equal((await authorize(plain, action, "*")).effect, "Allow", action);
    assert.equal((await authorize(plain, "s3:PutObject", "*")).deniedBy, "identity");

    const inlineSession = sessionOf(role, { sessionPolicy: allow(["kms:Encrypt", "s3:PutObject"]) });
    assert.equal((await authorize(inlineSession, "kms:Encrypt", "*")).effect, "Allow");
    const cut = await authorize(inlineSession, "kms:Decrypt", "*");
    assert.equal(cut.deniedBy, "session");
    assert.equal(accessDeniedMessage(inlineSession, "kms:Decrypt", "*", cut), `User: ${inlineSession.arn} is not authorized to perform: kms:Decrypt on resource: * because no session policy allows the kms:Decrypt action`);
    // The session policy cannot add what the role lacks.
    assert.equal((await authorize(inlineSession, "s3:PutObject", "*")).deniedBy, "identity");

    const managedSession = sessionOf(role, { sessionPolicyArns: [decrypt.arn] });
    assert.equal((await authorize(managedSession, "kms:Decrypt", "*")).effect, "Allow");
    assert.equal((await authorize(managedSession, "kms:Encrypt", "*")).deniedBy, "session");
    // A session policy that no longer exists allows nothing.
    const gone = sessionOf(role, { sessionPolicyArns: [`arn:aws:iam::${LAB}:policy/Deleted`] });
    assert.equal((await authorize(gone, "kms:Decrypt", "*")).deniedBy, "session");
    // A session of a role deleted since has no permissions.
    await iam.detachRolePolicy(LAB, "Worker", managed.arn);
    await iam.deleteRolePolicy(LAB, "Worker", "Kms");
    await iam.deleteRole(LAB, "Worker");
    assert.equal((await authorize(plain, "kms:Decrypt", "*")).deniedBy, "identity");
  });

  it("fills the global condition keys: principal ARN, account, tags, user id, time, secure transport", async () => {
    const role = await iam.createRole({ accountId: LAB, roleName: "Conditional", assumeRolePolicyDocument: trust });
    const statements = [
      ["iam:GetRole", { ArnEquals: { "aws:PrincipalArn": role.arn }, StringEquals: { "aws:PrincipalAccount": LAB } }],
      ["iam:ListRoles", { StringEquals: { "aws:PrincipalTag/team": "blue" } }],
      ["iam:ListUsers", { StringLike: { "aws:userid": `${role.roleId}:*` } }],
      ["iam:GetUser", { DateLessThan: { "aws:CurrentTime": "2030-02-01T00:00:00Z" } }],
      ["iam:ListPolicies", { Bool: { "aws:SecureTransport": "true" } }],
    ] as const;
    const document = JSON.stringify({ Version: "2012-10-17", Statement: statements.map(([action, condition]) => ({ Effect: "Allow", Action: action, Resource: "*", Condition: condition })) });
    await iam.putRolePolicy(LAB, "Conditional", "Conditions", document);
    const blue = sessionOf(role, { tags: { team: "blue" } });
    const red = sessionOf(role, { tags: { team: "red" } });
    assert.equal((await authorize(blue, "iam:GetRole", "*")).effect, "Allow");
    assert.equal((await authorize(blue, "iam:ListRoles", "*")).effect, "Allow");
    assert.equal((await authorize(red, "iam:ListRoles", "*")).effect, "ImplicitDeny");
    assert.equal((await authorize(blue, "iam:ListUsers", "*")).effect, "Allow");
    assert.equal((await authorize(blue, "iam:GetUser", "*")).effect, "Allow");
    assert.equal((await authorize(blue, "iam:GetUser", "*", {}, undefined, { now: new Date("2030-03-01T00:00:00Z") })).effect, "ImplicitDeny");
    assert.equal((await authorize(blue, "iam:ListPolicies", "*")).effect, "ImplicitDeny");
    assert.equal((await authorize(blue, "iam:ListPolicies", "*", { "aws:SecureTransport": true })).effect, "Allow");
  });

  it("needs a 'required' resource policy (a KMS key policy) to allow, directly or by delegating to the account", async () => {
    const role = await iam.createRole({ accountId: LAB, roleName: "KeyUser", assumeRolePolicyDocument: trust });
    await iam.putRolePolicy(LAB, "KeyUser", "Encrypt", allow("kms:Encrypt"));
    const key = `arn:aws:kms:us-east-1:${LAB}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const keyPolicy = (principal: string) =>
      parsePolicy(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: "kms:*", Resource: "*" }] }), "key", { label: key });
    const caller = sessionOf(role);
    const notDelegated = await authorize(caller, "kms:Encrypt", key, {}, keyPolicy(`arn:aws:iam::${LAB}:role/Someone`), { resourceMode: "required" });
    assert.equal(notDelegated.deniedBy, "resource");
    assert.equal((await authorize(caller, "kms:Encrypt", key, {}, keyPolicy(`arn:aws:iam::${LAB}:root`), { resourceMode: "required" })).effect, "Allow");
    assert.equal((await authorize(caller, "kms:Decrypt", key, {}, keyPolicy(`arn:aws:iam::${LAB}:root`), { resourceMode: "required" })).deniedBy, "identity");
  });

  it("fails closed on a stored document that no longer parses", async () => {
    const role = await iam.createRole({ accountId: LAB, roleName: "Broken", assumeRolePolicyDocument: trust });
    await store.iam.put(LAB, "role-policy", "broken\nbad", { accountId: LAB, roleName: "Broken", policyName: "bad", policyDocument: "{not json" });
    await assert.rejects(authorize(sessionOf(role), "iam:ListRoles", "*"), (error: Error) => {
      assert.equal(error.constructor, Error);
      assert.match(error.message, /a stored policy does not parse/);
      return true;
    });
  });
});

describe("the policy cache", () => {
  it("compiles a document once, relabels per use, and stays within its bound", () => {
    const cache = createPolicyCache(2);
    const a = cache.get(allow("s3:GetObject"), "identity", "first");
    assert.equal(cache.get(allow("s3:GetObject"), "identity", "first"), a);
    const relabelled = cache.get(allow("s3:GetObject"), "identity", "second");
    assert.equal(relabelled.label, "second");
    assert.equal(relabelled.statements, a.statements);
    cache.get(allow("s3:PutObject"), "identity", "b");
    cache.get(allow("s3:DeleteObject"), "identity", "c");
    assert.equal(cache.size, 2);
    assert.throws(() => cache.get("{", "identity", "broken"), { name: "PolicyError", message: "Syntax errors in policy." });
  });
});

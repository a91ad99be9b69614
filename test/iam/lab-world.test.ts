// The lab world's IAM, seeded on first start and kept in step with the IdP's metadata.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFedera } from "../support/federa.ts";
import { LAB_ACCOUNT, LAB_ROLES, LAB_ROOT_ACCESS_KEY_ID, SECOND_ACCOUNT } from "../../src/iam/index.ts";

describe("the lab world's IAM", () => {
  it("has the roles, the ADFS providers from federa's metadata, and the documented root key", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "federa-iam-"));
    const first = await startFedera({}, { dataDir });
    const iam = first.server.iam;
    for (const [account, name] of [[LAB_ACCOUNT, "ADFS-KeyAdmins"], [LAB_ACCOUNT, "ADFS-Developers"], [LAB_ACCOUNT, "ADFS-Auditors"], [SECOND_ACCOUNT, "ADFS-ReadOnly"]] as const) {
      const role = await iam.getRole(account, name);
      assert.equal(role.arn, `arn:aws:iam::${account}:role/${name}`);
      assert.match(role.roleId, /^AROA[A-Z2-7]{17}$/);
      const trust = JSON.parse(role.assumeRolePolicyDocument);
      assert.deepEqual(trust.Statement[0].Principal, { Federated: `arn:aws:iam::${account}:saml-provider/ADFS` });
      assert.deepEqual(trust.Statement[0].Condition, { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } });
      assert.equal((await iam.rolePolicies(role)).length, 1);
    }
    const provider = await iam.findSamlProviderByArn(`arn:aws:iam::${LAB_ACCOUNT}:saml-provider/ADFS`);
    assert.equal(provider?.entityId, `${first.url}/idp/metadata`);
    assert.equal(provider?.certificates.length, 1);
    assert.equal((await iam.findAccessKey(LAB_ROOT_ACCESS_KEY_ID))?.userName, null);
    await first.stop();

    // On another port, the seeded providers follow the IdP's new entity ID; the roles stay.
    const second = await startFedera({}, { dataDir });
    const moved = await second.server.iam.findSamlProviderByArn(`arn:aws:iam::${SECOND_ACCOUNT}:saml-provider/ADFS`);
    assert.equal(moved?.entityId, `${second.url}/idp/metadata`);
    const role = await second.server.iam.getRole(LAB_ACCOUNT, "ADFS-KeyAdmins");
    assert.equal(role.arn, `arn:aws:iam::${LAB_ACCOUNT}:role/ADFS-KeyAdmins`);
    await second.stop();
    rmSync(dataDir, { recursive: true });
  });

  it("gives a data directory seeded before the event history the lab's policies of today, unless someone changed them", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "federa-iam-"));
    const first = await startFedera({}, { dataDir });
    const admins = LAB_ROLES.find((r) => r.roleName === "ADFS-KeyAdmins")!;
    const auditors = LAB_ROLES.find((r) => r.roleName === "ADFS-Auditors")!;
    // As an earlier federa seeded them: KeyAdmins' policy untouched, the Auditors' edited since.
    await first.server.iam.putRolePolicy(LAB_ACCOUNT, admins.roleName, admins.policyName, admins.earlierPolicies![0]!);
    const edited = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:List*", Resource: "*" }] });
    await first.server.iam.putRolePolicy(LAB_ACCOUNT, auditors.roleName, auditors.policyName, edited);
    await first.stop();

    const second = await startFedera({}, { dataDir });
    const iam = second.server.iam;
    const adminPolicy = await iam.getRolePolicy(LAB_ACCOUNT, admins.roleName, admins.policyName);
    assert.equal(adminPolicy.policyDocument, admins.policy);
    assert.match(adminPolicy.policyDocument, /cloudtrail:LookupEvents/);
    assert.equal((await iam.getRolePolicy(LAB_ACCOUNT, auditors.roleName, auditors.policyName)).policyDocument, edited);
    await second.stop();
    rmSync(dataDir, { recursive: true });
  });
});

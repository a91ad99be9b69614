// Seeds the lab world on first start, and keeps the seeded "ADFS" SAML providers in step with
// federa's own IdP metadata (its entity ID follows the public URL) on every start.
import type { Logger } from "../shared/index.ts";
import type { IamService } from "./service.ts";
import {
  LAB_ACCOUNT,
  LAB_ROLES,
  LAB_ROOT_ACCESS_KEY_ID,
  LAB_ROOT_SECRET_ACCESS_KEY,
  LAB_SAML_PROVIDER,
  SECOND_ACCOUNT,
  labTrustPolicy,
} from "./lab-world.ts";

export async function seedLabWorld(iam: IamService, idpMetadata: string, logger: Logger): Promise<void> {
  const fresh = !(await iam.getAccount(LAB_ACCOUNT));
  await iam.repo.transaction(async () => {
    for (const accountId of [LAB_ACCOUNT, SECOND_ACCOUNT]) {
      await iam.ensureAccount(accountId);
      await iam.putSamlProvider(accountId, LAB_SAML_PROVIDER, idpMetadata, { replace: true });
    }
    if (!fresh) {
      await upgradeLabPolicies(iam);
      return;
    }
    await iam.repo.putAccessKey({
      accessKeyId: LAB_ROOT_ACCESS_KEY_ID,
      secretAccessKey: LAB_ROOT_SECRET_ACCESS_KEY,
      accountId: LAB_ACCOUNT,
      userName: null,
      status: "Active",
      createdAt: new Date(),
    });
    await iam.createAccessKey(SECOND_ACCOUNT, null);
    for (const role of LAB_ROLES) {
      await iam.createRole({ accountId: role.accountId, roleName: role.roleName, assumeRolePolicyDocument: labTrustPolicy(role.accountId), description: role.description, maxSessionDuration: 43200 });
      await iam.putRolePolicy(role.accountId, role.roleName, role.policyName, role.policy);
    }
  });
  if (fresh) logger.info({ event: "iam.lab_world_seeded", accounts: [LAB_ACCOUNT, SECOND_ACCOUNT] }, "seeded the lab world's IAM");
}

/**
 * A lab role whose policy is still exactly what an earlier version seeded gets today's (the
 * event history for KeyAdmins, Auditors and ReadOnly); a policy someone changed is left alone.
 */
async function upgradeLabPolicies(iam: IamService): Promise<void> {
  for (const role of LAB_ROLES) {
    if (!role.earlierPolicies?.length) continue;
    const stored = await iam.getRolePolicy(role.accountId, role.roleName, role.policyName).catch(() => undefined);
    if (stored && role.earlierPolicies.includes(stored.policyDocument)) await iam.putRolePolicy(role.accountId, role.roleName, role.policyName, role.policy);
  }
}

// The create-key wizard's steps on the server: each post carries the whole state; moving forward
// checks the steps being left (the alias against the account's aliases, as the signed-in caller
// may list them), moving back checks nothing, and Finish creates the key with the console's key
// policy (CreateKey), then its alias (CreateAlias), as the signed-in caller.
import type { CreateKeyResponse } from "@aws-sdk/client-kms";
import type { UserRecord } from "../../iam/index.ts";
import type { ConsoleContext } from "../context.ts";
import type { SignedIn } from "../signed-in.ts";
import { callKms } from "../calls/kms-call.ts";
import type { Problem } from "../calls/problem.ts";
import type { AccountPrincipal } from "../views/wizard.ts";
import { loadAliases } from "./list.ts";
import { consoleKeyPolicy } from "./console-policy.ts";
import { checkPrincipals, checkStep1, checkStep2, LAST_STEP, type StepErrors, type WizardState } from "./wizard-state.ts";

/**
 * The account's roles and users to choose administrators and users from. As AWS's console lists
 * them with iam:ListRoles and iam:ListUsers, federa reads them from IAM directly: the lab's key
 * administrators hold no IAM permissions, and the choice grants nothing until KMS accepts the
 * key policy, principals checked, from the caller.
 */
export async function accountPrincipals(ctx: ConsoleContext, accountId: string): Promise<AccountPrincipal[]> {
  const [roles, users] = await Promise.all([ctx.iam.listRoles(accountId), ctx.iam.repo.list<UserRecord>(accountId, "user")]);
  return [
    ...roles.map((r) => ({ arn: r.arn, name: r.roleName, type: "Role" as const, description: r.description })),
    ...users.map((u) => ({ arn: u.arn, name: u.userName, type: "User" as const, description: "" })),
  ].sort((a, b) => a.name.localeCompare(b.name));
}

export function policyOf(state: WizardState, accountId: string): string {
  return consoleKeyPolicy({ accountId, admins: state.admins, adminsMayDelete: state.adminsMayDelete, users: state.users, keySpec: state.keySpec, keyUsage: state.keyUsage });
}

/**
 * Checks the steps before `target`; the first step with errors is where the wizard stays. Whether
 * the alias is taken is asked when its own step is left (`from`); CreateAlias has the last word.
 */
export async function checkUpTo(ctx: ConsoleContext, who: SignedIn, state: WizardState, from: number, target: number, principals: AccountPrincipal[]): Promise<{ step: number; errors: StepErrors } | undefined> {
  const known = new Set(principals.map((p) => p.arn));
  const checks: (() => Promise<StepErrors> | StepErrors)[] = [
    () => checkStep1(state),
    async () => {
      const errors = checkStep2(state);
      if (from === 2 && !errors["alias"]) {
        const taken = await aliasTaken(ctx, who, `alias/${state.alias}`);
        if (taken) errors["alias"] = `alias/${state.alias} is already taken in this account and Region. Choose another name, for example by appending a number.`;
      }
      return errors;
    },
    () => checkPrincipals(state.admins, known, "admin"),
    () => checkPrincipals(state.users, known, "user"),
  ];
  for (let step = 1; step < Math.min(target, LAST_STEP + 1) && step <= checks.length; step++) {
    const errors = await checks[step - 1]!();
    if (Object.keys(errors).length > 0) return { step, errors };
  }
  return undefined;
}

/** Whether the alias exists, as far as the caller may list aliases (CreateAlias has the last word). */
async function aliasTaken(ctx: ConsoleContext, who: SignedIn, aliasName: string): Promise<boolean> {
  const listed = await loadAliases(ctx, who);
  return listed.ok && listed.output.some((a) => a.AliasName === aliasName);
}

export type Creation = { ok: true; keyId: string; aliasProblem?: Problem } | { ok: false; problem: Problem; step: number; errors?: StepErrors };

export async function createFromWizard(ctx: ConsoleContext, who: SignedIn, state: WizardState): Promise<Creation> {
  const created = await callKms<CreateKeyResponse>(ctx, who, "CreateKey", {
    Policy: policyOf(state, who.caller.accountId),
    Description: state.description,
    KeySpec: state.keySpec,
    KeyUsage: state.keyUsage,
    Origin: "AWS_KMS",
    ...(state.tags.length > 0 ? { Tags: state.tags.map((t) => ({ TagKey: t.key, TagValue: t.value })) } : {}),
  });
  if (!created.ok) return { ok: false, problem: created.problem, step: LAST_STEP };
  const keyId = created.output.KeyMetadata?.KeyId ?? "";
  const aliased = await callKms(ctx, who, "CreateAlias", { AliasName: `alias/${state.alias}`, TargetKeyId: keyId });
  return aliased.ok ? { ok: true, keyId } : { ok: true, keyId, aliasProblem: aliased.problem };
}

// PutKeyPolicy: replaces a key's policy, in any key state, on a customer managed key of the
// caller's own account. The new policy is validated as KMS does (JSON and grammar, principals that
// exist, at most 32,768 characters: LimitExceededException beyond, while the model allows 131,072)
// and, unless BypassPolicyLockoutSafetyCheck, must still allow the caller kms:PutKeyPolicy.
import { readKeyId } from "../api/key-input.ts";
import { optionalBoolean, requiredString } from "../api/params.ts";
import { readPolicyName } from "../api/policy-name.ts";
import { derivedKeyConditions, keyConditions } from "../engine/authorize.ts";
import { checkKeyPolicy, checkLockout, POLICY_MEMBER_MAX, readKeyPolicyText } from "../engine/key-policy.ts";
import { changeKey, manageKey } from "../engine/manage.ts";
import { requireCustomerManaged } from "../engine/states.ts";
import type { KmsOperation } from "./operation.ts";
import { keyResourceOf, quietOutput, resourcesOf } from "./quiet-output.ts";

export const putKeyPolicy: KmsOperation = {
  readOnly: false,
  async run(deps, ctx): Promise<Record<string, never>> {
    const p = ctx.params;
    const keyId = readKeyId(p);
    const policyName = readPolicyName(p);
    const text = readKeyPolicyText(requiredString(p, "Policy", { max: POLICY_MEMBER_MAX }));
    const bypass = optionalBoolean(p, "BypassPolicyLockoutSafetyCheck") ?? false;
    void policyName;
    // The bypass flag is a condition key only when the request has it (AWS's policies test its absence with Null).
    const key = await manageKey(deps, ctx, keyId, "kms:PutKeyPolicy", p["BypassPolicyLockoutSafetyCheck"] === undefined ? undefined : { "kms:BypassPolicyLockoutSafetyCheck": bypass });
    requireCustomerManaged(key, "PutKeyPolicy");
    const compiled = await checkKeyPolicy(deps, text);
    // As a later PutKeyPolicy without the bypass flag would be.
    if (!bypass) await checkLockout(deps, ctx, compiled, key.arn, await keyConditions(deps, ctx, key, {}), derivedKeyConditions(key));
    await changeKey(deps, key, (stored) => {
      stored.policy = text;
    });
    return quietOutput([keyResourceOf(key)]);
  },
  trail: (params, output) => ({
    requestParameters: {
      keyId: params["KeyId"],
      policyName: params["PolicyName"] ?? "default",
      policy: params["Policy"],
      bypassPolicyLockoutSafetyCheck: params["BypassPolicyLockoutSafetyCheck"] ?? false,
    },
    responseElements: null,
    resources: resourcesOf(output),
  }),
};

// GetKeyPolicy: the key policy's text exactly as it was stored, in any key state. Key id or key
// ARN of the caller's own account only (not cross-account); PolicyName is "default" or absent.
import type { GetKeyPolicyResponse } from "@aws-sdk/client-kms";
import { readKeyId } from "../api/key-input.ts";
import { readPolicyName } from "../api/policy-name.ts";
import { manageKey } from "../engine/manage.ts";
import type { KmsOperation } from "./operation.ts";
import { keyTrail, withKeyArn } from "./own-key.ts";

export const getKeyPolicy: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<GetKeyPolicyResponse> {
    const keyId = readKeyId(ctx.params);
    const policyName = readPolicyName(ctx.params);
    const key = await manageKey(deps, ctx, keyId, "kms:GetKeyPolicy");
    return withKeyArn({ Policy: key.policy, PolicyName: policyName }, key.arn);
  },
  trail: (params, output) => {
    const facts = keyTrail(params, output, ["KeyId"]);
    return { ...facts, requestParameters: { ...facts.requestParameters, policyName: params["PolicyName"] ?? "default" } };
  },
};

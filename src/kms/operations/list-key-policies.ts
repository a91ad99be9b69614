// ListKeyPolicies: a key has one policy, "default", in every key state. Limit (1–1000) and Marker
// are read as the model types them; no page ever follows, so no Marker is one KMS issued.
import type { ListKeyPoliciesResponse } from "@aws-sdk/client-kms";
import { readKeyId } from "../api/key-input.ts";
import { readLimit, readMarker } from "../api/list-page.ts";
import { DEFAULT_POLICY_NAME } from "../api/policy-name.ts";
import { kmsError } from "../errors.ts";
import { manageKey } from "../engine/manage.ts";
import type { KmsOperation } from "./operation.ts";
import { keyTrail, withKeyArn } from "./own-key.ts";

export const listKeyPolicies: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<ListKeyPoliciesResponse> {
    const keyId = readKeyId(ctx.params);
    readLimit(ctx.params, 1000);
    const marker = readMarker(ctx.params);
    const key = await manageKey(deps, ctx, keyId, "kms:ListKeyPolicies");
    if (marker !== undefined) throw kmsError("InvalidMarkerException", "Invalid marker");
    return withKeyArn({ PolicyNames: [DEFAULT_POLICY_NAME], Truncated: false }, key.arn);
  },
  trail: (params, output) => keyTrail(params, output, ["KeyId", "Limit", "Marker"]),
};

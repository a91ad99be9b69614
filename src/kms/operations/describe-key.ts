// DescribeKey: the key's metadata, by any identifier (aliases and cross-account ARNs included).
import type { DescribeKeyResponse } from "@aws-sdk/client-kms";
import { readGrantTokens } from "../api/grant-tokens.ts";
import { readKeyId } from "../api/key-input.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { resolveKey } from "../engine/resolve.ts";
import { keyMetadata } from "../model/metadata.ts";
import { keyResource, type KmsOperation } from "./operation.ts";

export const describeKey: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<DescribeKeyResponse> {
    const keyId = readKeyId(ctx.params);
    readGrantTokens(ctx.params);
    const { key, requestAlias } = await resolveKey(deps, ctx, keyId);
    await authorizeKey(deps, ctx, key, "kms:DescribeKey", requestAlias === undefined ? {} : { requestAlias });
    return { KeyMetadata: keyMetadata(key) };
  },
  trail: (params, output) => ({ requestParameters: { keyId: params["KeyId"] }, responseElements: null, resources: keyResource((output as DescribeKeyResponse | undefined)?.KeyMetadata?.Arn) }),
};

// GenerateRandom: 1–1024 random bytes; an IAM permission (kms:GenerateRandom), no key.
import type { GenerateRandomResponse } from "@aws-sdk/client-kms";
import { randomKeyMaterial } from "../../crypto/index.ts";
import { refuseCustomKeyStore } from "../api/custom-key-store.ts";
import { optionalInteger } from "../api/params.ts";
import { kmsError } from "../errors.ts";
import { authorizeAccount } from "../engine/authorize.ts";
import type { KmsOperation } from "./operation.ts";

export const generateRandom: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<GenerateRandomResponse> {
    const bytes = optionalInteger(ctx.params, "NumberOfBytes", { min: 1, max: 1024 });
    refuseCustomKeyStore(ctx.params);
    if (ctx.params["Recipient"] !== undefined) throw kmsError("UnsupportedOperationException", "Recipient (Nitro Enclaves attestation) is not supported by federa.");
    if (bytes === undefined) throw kmsError("ValidationException", "1 validation error detected: Value null at 'numberOfBytes' failed to satisfy constraint: Member must not be null");
    await authorizeAccount(deps, ctx, "kms:GenerateRandom");
    return { Plaintext: randomKeyMaterial(bytes) };
  },
  trail: (params) => ({ requestParameters: { numberOfBytes: params["NumberOfBytes"] }, responseElements: null, resources: [] }),
};

// GenerateDataKey and GenerateDataKeyWithoutPlaintext: a data key (KeySpec AES_128 or AES_256, or
// NumberOfBytes 1–1024, exactly one of them) returned encrypted under a symmetric key, and in
// plaintext unless the caller asked for none: envelope encryption's first step.
import type { GenerateDataKeyResponse } from "@aws-sdk/client-kms";
import { randomKeyMaterial } from "../../crypto/index.ts";
import { readGrantTokens } from "../api/grant-tokens.ts";
import { readEncryptionContext, readKeyId } from "../api/key-input.ts";
import { optionalEnum, optionalInteger } from "../api/params.ts";
import { kmsError } from "../errors.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { resolveKey } from "../engine/resolve.ts";
import { readDryRun, stopIfDryRun } from "../engine/dry-run.ts";
import { requireDataKeyWrapping, requireEnabled } from "../engine/states.ts";
import { sealSymmetric } from "../engine/symmetric.ts";
import { keyResource, type KmsOperation } from "./operation.ts";
import type { JsonObject } from "../../protocol/index.ts";
import { keyMaterialId } from "../model/key-material-id.ts";

const DATA_KEY_SPECS = ["AES_256", "AES_128"] as const;

function dataKeyLength(params: JsonObject): number {
  const spec = optionalEnum(params, "KeySpec", DATA_KEY_SPECS);
  const bytes = optionalInteger(params, "NumberOfBytes", { min: 1, max: 1024 });
  if ((spec === undefined) === (bytes === undefined)) throw kmsError("ValidationException", "Please specify either number of bytes or key spec.");
  return bytes ?? (spec === "AES_128" ? 16 : 32);
}

function dataKeyOperation(withPlaintext: boolean): KmsOperation {
  const action = withPlaintext ? "kms:GenerateDataKey" : "kms:GenerateDataKeyWithoutPlaintext";
  return {
    readOnly: true,
    async run(deps, ctx): Promise<GenerateDataKeyResponse> {
      const p = ctx.params;
      const keyId = readKeyId(p);
      const length = dataKeyLength(p);
      const context = readEncryptionContext(p);
      readGrantTokens(p);
      const dryRun = readDryRun(p);
      if (p["Recipient"] !== undefined) throw kmsError("UnsupportedOperationException", "Recipient (Nitro Enclaves attestation) is not supported by federa.");
      const { key, requestAlias } = await resolveKey(deps, ctx, keyId);
      await authorizeKey(deps, ctx, key, action, {
        ...(requestAlias === undefined ? {} : { requestAlias }),
        ...(context ? { encryptionContext: context } : {}),
        conditions: { "kms:EncryptionAlgorithm": "SYMMETRIC_DEFAULT" },
      });
      requireEnabled(key);
      requireDataKeyWrapping(key, action.slice(4));
      stopIfDryRun(dryRun);
      const dataKey = randomKeyMaterial(length);
      const blob = await sealSymmetric(deps, key, dataKey, context);
      const out: GenerateDataKeyResponse = { CiphertextBlob: blob, KeyId: key.arn };
      if (withPlaintext) out.Plaintext = dataKey;
      out.KeyMaterialId = keyMaterialId(key.keyId, key.currentBackingKeyId!);
      return out;
    },
    trail: (params, output) => ({
      requestParameters: {
        keyId: params["KeyId"],
        ...(params["KeySpec"] ? { keySpec: params["KeySpec"] } : {}),
        ...(params["NumberOfBytes"] !== undefined ? { numberOfBytes: params["NumberOfBytes"] } : {}),
        ...(params["EncryptionContext"] ? { encryptionContext: params["EncryptionContext"] } : {}),
        ...(params["DryRun"] !== undefined ? { dryRun: params["DryRun"] } : {}),
      },
      responseElements: null,
      resources: keyResource((output as GenerateDataKeyResponse | undefined)?.KeyId),
    }),
  };
}

export const generateDataKey = dataKeyOperation(true);
export const generateDataKeyWithoutPlaintext = dataKeyOperation(false);

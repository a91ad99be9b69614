// GenerateMac: the HMAC (RFC 2104) of a message of 1–4,096 bytes under an HMAC key. The trail
// records the key and the algorithm, never the message or the MAC.
import type { GenerateMacResponse } from "@aws-sdk/client-kms";
import { hmacCompute } from "../../crypto/index.ts";
import type { JsonObject } from "../../protocol/index.ts";
import { readGrantTokens } from "../api/grant-tokens.ts";
import { readKeyId } from "../api/key-input.ts";
import { requiredBlob } from "../api/params.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { readDryRun, stopIfDryRun } from "../engine/dry-run.ts";
import { currentMaterial } from "../engine/key-usage.ts";
import { checkMacKey, readMacAlgorithm } from "../engine/mac.ts";
import { resolveKey } from "../engine/resolve.ts";
import { requireEnabled } from "../engine/states.ts";
import { keyResource, type KmsOperation, type TrailFacts } from "./operation.ts";

export const generateMac: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<GenerateMacResponse> {
    const p = ctx.params;
    const message = requiredBlob(p, "Message", { max: 4096, sensitive: true });
    const keyId = readKeyId(p);
    const algorithm = readMacAlgorithm(p);
    readGrantTokens(p);
    const dryRun = readDryRun(p);
    const { key, requestAlias } = await resolveKey(deps, ctx, keyId);
    await authorizeKey(deps, ctx, key, "kms:GenerateMac", {
      ...(requestAlias === undefined ? {} : { requestAlias }),
      conditions: { "kms:MacAlgorithm": algorithm },
    });
    requireEnabled(key);
    checkMacKey(key, algorithm, "GenerateMac");
    stopIfDryRun(dryRun);
    const mac = hmacCompute(await currentMaterial(deps, key), algorithm, message);
    return { Mac: mac, MacAlgorithm: algorithm, KeyId: key.arn };
  },
  trail: (params, output) => ({ ...macTrail(params), resources: keyResource((output as GenerateMacResponse | undefined)?.KeyId) }),
};

/** What CloudTrail records of GenerateMac and VerifyMac: the key and the algorithm. */
export function macTrail(params: JsonObject): TrailFacts {
  return {
    requestParameters: {
      keyId: params["KeyId"],
      macAlgorithm: params["MacAlgorithm"],
      ...(params["DryRun"] !== undefined ? { dryRun: params["DryRun"] } : {}),
    },
    responseElements: null,
  };
}

// VerifyMac: recomputes the HMAC of the message under the HMAC key and compares it with the given
// MAC in constant time. A MAC that does not match is KMSInvalidMacException (AWS gives it no
// message); MacValid is only ever true.
import type { VerifyMacResponse } from "@aws-sdk/client-kms";
import { hmacVerify } from "../../crypto/index.ts";
import { readGrantTokens } from "../api/grant-tokens.ts";
import { readKeyId } from "../api/key-input.ts";
import { requiredBlob } from "../api/params.ts";
import { kmsError } from "../errors.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { readDryRun, stopIfDryRun } from "../engine/dry-run.ts";
import { currentMaterial } from "../engine/key-usage.ts";
import { checkMacKey, readMacAlgorithm } from "../engine/mac.ts";
import { resolveKey } from "../engine/resolve.ts";
import { requireEnabled } from "../engine/states.ts";
import { macTrail } from "./generate-mac.ts";
import { keyResource, type KmsOperation } from "./operation.ts";

/** The MAC blob: the service model's CiphertextType, 1–6,144 bytes. */
const MAC_MAX = 6144;

export const verifyMac: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<VerifyMacResponse> {
    const p = ctx.params;
    const message = requiredBlob(p, "Message", { max: 4096, sensitive: true });
    const keyId = readKeyId(p);
    const algorithm = readMacAlgorithm(p);
    const mac = requiredBlob(p, "Mac", { max: MAC_MAX });
    readGrantTokens(p);
    const dryRun = readDryRun(p);
    const { key, requestAlias } = await resolveKey(deps, ctx, keyId);
    await authorizeKey(deps, ctx, key, "kms:VerifyMac", {
      ...(requestAlias === undefined ? {} : { requestAlias }),
      conditions: { "kms:MacAlgorithm": algorithm },
    });
    requireEnabled(key);
    checkMacKey(key, algorithm, "VerifyMac");
    stopIfDryRun(dryRun);
    if (!hmacVerify(await currentMaterial(deps, key), algorithm, message, mac)) throw kmsError("KMSInvalidMacException", "");
    return { KeyId: key.arn, MacValid: true, MacAlgorithm: algorithm };
  },
  trail: (params, output) => ({ ...macTrail(params), resources: keyResource((output as VerifyMacResponse | undefined)?.KeyId) }),
};

// Verify: checks a signature with the public key of a SIGN_VERIFY key, as Sign made it. A
// signature that does not verify is KMSInvalidSignatureException (AWS gives it no message);
// SignatureValid is only ever true.
import type { VerifyResponse } from "@aws-sdk/client-kms";
import type { JsonObject } from "../../protocol/index.ts";
import { readGrantTokens } from "../api/grant-tokens.ts";
import { readKeyId } from "../api/key-input.ts";
import { optionalEnum, requiredBlob } from "../api/params.ts";
import { kmsError } from "../errors.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { readDryRun, stopIfDryRun } from "../engine/dry-run.ts";
import { publicKeyDer, requireKeyUsage } from "../engine/key-usage.ts";
import { resolveKey } from "../engine/resolve.ts";
import { MESSAGE_TYPES, SIGNING_ALGORITHMS, signingInput, verifyMessage } from "../engine/signing.ts";
import { requireEnabled } from "../engine/states.ts";
import { keyResource, type KmsOperation, type TrailFacts } from "./operation.ts";

/** The signature blob: the service model's CiphertextType, 1–6,144 bytes. */
const SIGNATURE_MAX = 6144;

export const verify: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<VerifyResponse> {
    const p = ctx.params;
    const keyId = readKeyId(p);
    const message = requiredBlob(p, "Message", { max: 4096, sensitive: true });
    const messageType = optionalEnum(p, "MessageType", MESSAGE_TYPES) ?? "RAW";
    const signature = requiredBlob(p, "Signature", { max: SIGNATURE_MAX });
    const algorithm = optionalEnum(p, "SigningAlgorithm", SIGNING_ALGORITHMS, true)!;
    readGrantTokens(p);
    const dryRun = readDryRun(p);
    const { key, requestAlias } = await resolveKey(deps, ctx, keyId);
    await authorizeKey(deps, ctx, key, "kms:Verify", {
      ...(requestAlias === undefined ? {} : { requestAlias }),
      conditions: { "kms:SigningAlgorithm": algorithm, "kms:MessageType": messageType },
    });
    requireEnabled(key);
    requireKeyUsage(key, "SIGN_VERIFY", "Verify");
    const input = signingInput(key, algorithm, messageType, message);
    stopIfDryRun(dryRun);
    if (!verifyMessage(publicKeyDer(key), input, signature)) throw kmsError("KMSInvalidSignatureException", "");
    return { KeyId: key.arn, SignatureValid: true, SigningAlgorithm: algorithm as VerifyResponse["SigningAlgorithm"] };
  },
  trail: (params, output) => ({ ...signingTrail(params), resources: keyResource((output as VerifyResponse | undefined)?.KeyId) }),
};

/** What CloudTrail records of Sign and Verify: the key, message type and algorithm. */
export function signingTrail(params: JsonObject): TrailFacts {
  return {
    requestParameters: {
      keyId: params["KeyId"],
      messageType: params["MessageType"] ?? "RAW",
      signingAlgorithm: params["SigningAlgorithm"],
      ...(params["DryRun"] !== undefined ? { dryRun: params["DryRun"] } : {}),
    },
    responseElements: null,
  };
}

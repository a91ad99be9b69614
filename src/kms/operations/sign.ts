// Sign: a signature of a message (RAW, 1–4,096 bytes) or of a message digest (DIGEST) with the
// private key of a SIGN_VERIFY key. The trail records the key, message type and algorithm, never
// the message or the signature.
import type { SignResponse } from "@aws-sdk/client-kms";
import { readGrantTokens } from "../api/grant-tokens.ts";
import { readKeyId } from "../api/key-input.ts";
import { optionalEnum, requiredBlob } from "../api/params.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { readDryRun, stopIfDryRun } from "../engine/dry-run.ts";
import { currentMaterial, requireKeyUsage } from "../engine/key-usage.ts";
import { resolveKey } from "../engine/resolve.ts";
import { MESSAGE_TYPES, SIGNING_ALGORITHMS, signingInput, signMessage } from "../engine/signing.ts";
import { requireEnabled } from "../engine/states.ts";
import { keyResource, type KmsOperation } from "./operation.ts";
import { signingTrail } from "./verify.ts";

export const sign: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<SignResponse> {
    const p = ctx.params;
    const keyId = readKeyId(p);
    const message = requiredBlob(p, "Message", { max: 4096, sensitive: true });
    const messageType = optionalEnum(p, "MessageType", MESSAGE_TYPES) ?? "RAW";
    const algorithm = optionalEnum(p, "SigningAlgorithm", SIGNING_ALGORITHMS, true)!;
    readGrantTokens(p);
    const dryRun = readDryRun(p);
    const { key, requestAlias } = await resolveKey(deps, ctx, keyId);
    await authorizeKey(deps, ctx, key, "kms:Sign", {
      ...(requestAlias === undefined ? {} : { requestAlias }),
      conditions: { "kms:SigningAlgorithm": algorithm, "kms:MessageType": messageType },
    });
    requireEnabled(key);
    requireKeyUsage(key, "SIGN_VERIFY", "Sign");
    const input = signingInput(key, algorithm, messageType, message);
    stopIfDryRun(dryRun);
    const signature = signMessage(await currentMaterial(deps, key), input);
    return { KeyId: key.arn, Signature: signature, SigningAlgorithm: algorithm as SignResponse["SigningAlgorithm"] };
  },
  trail: (params, output) => ({ ...signingTrail(params), resources: keyResource((output as SignResponse | undefined)?.KeyId) }),
};

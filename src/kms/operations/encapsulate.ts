// Encapsulate: a fresh 32-byte shared secret and its encapsulated form under the public key of an
// ML-KEM key (FIPS 203), for the holder of the key to recover with Decapsulate. The trail records
// the key and the algorithm, never the secret. Cross-account use: yes, by key or alias ARN.
import type { EncapsulateResponse } from "@aws-sdk/client-kms";
import { mlKemEncapsulate, type MlKemKeySpec } from "../../crypto/index.ts";
import { readGrantTokens } from "../api/grant-tokens.ts";
import { readKeyId } from "../api/key-input.ts";
import { optionalEnum } from "../api/params.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { readDryRun, stopIfDryRun } from "../engine/dry-run.ts";
import { publicKeyDer, requireKeyUsage } from "../engine/key-usage.ts";
import { resolveKey } from "../engine/resolve.ts";
import { requireEnabled } from "../engine/states.ts";
import { keyResource, type KmsOperation, type TrailFacts } from "./operation.ts";

export const ENCAPSULATION_ALGORITHMS = ["ML_KEM"] as const;

export const encapsulate: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<EncapsulateResponse> {
    const p = ctx.params;
    const keyId = readKeyId(p);
    const algorithm = optionalEnum(p, "EncapsulationAlgorithm", ENCAPSULATION_ALGORITHMS, true)!;
    readGrantTokens(p);
    const dryRun = readDryRun(p);
    const { key, requestAlias } = await resolveKey(deps, ctx, keyId);
    await authorizeKey(deps, ctx, key, "kms:Encapsulate", requestAlias === undefined ? {} : { requestAlias });
    requireEnabled(key);
    requireKeyUsage(key, "ENCAPSULATE_DECAPSULATE", "Encapsulate");
    stopIfDryRun(dryRun);
    const { sharedSecret, ciphertext } = mlKemEncapsulate(key.keySpec as MlKemKeySpec, publicKeyDer(key));
    return { KeyId: key.arn, SharedSecret: sharedSecret, SharedSecretCiphertextBlob: ciphertext, EncapsulationAlgorithm: algorithm };
  },
  trail: encapsulationTrail,
};

/** What the trail records of Encapsulate and Decapsulate: the key and the algorithm, never a secret or ciphertext. */
export function encapsulationTrail(params: Readonly<Record<string, unknown>>, output: unknown): TrailFacts {
  return {
    requestParameters: {
      keyId: params["KeyId"],
      encapsulationAlgorithm: params["EncapsulationAlgorithm"],
      ...(params["DryRun"] !== undefined ? { dryRun: params["DryRun"] } : {}),
    },
    responseElements: null,
    resources: keyResource((output as { KeyId?: string } | undefined)?.KeyId),
  };
}

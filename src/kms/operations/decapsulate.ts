// Decapsulate: the shared secret that Encapsulate (or anyone with the public key) encapsulated to
// an ML-KEM key, recovered with its private key. A ciphertext of another length than the key
// spec's is InvalidCiphertextException; any other ciphertext gives a 32-byte pseudo-random value
// and no error (FIPS 203's implicit rejection), as AWS documents. The trail records the key and
// the algorithm, never the ciphertext or the secret. Cross-account use: yes, by key or alias ARN.
import type { DecapsulateResponse } from "@aws-sdk/client-kms";
import { mlKemCiphertextBytes, mlKemDecapsulate, type MlKemKeySpec } from "../../crypto/index.ts";
import { readGrantTokens } from "../api/grant-tokens.ts";
import { readKeyId } from "../api/key-input.ts";
import { optionalEnum, requiredBlob } from "../api/params.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { invalidCiphertext } from "../engine/ciphertext.ts";
import { readDryRun, stopIfDryRun } from "../engine/dry-run.ts";
import { currentMaterial, requireKeyUsage } from "../engine/key-usage.ts";
import { resolveKey } from "../engine/resolve.ts";
import { requireEnabled } from "../engine/states.ts";
import { ENCAPSULATION_ALGORITHMS, encapsulationTrail } from "./encapsulate.ts";
import type { KmsOperation } from "./operation.ts";

export const decapsulate: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<DecapsulateResponse> {
    const p = ctx.params;
    const keyId = readKeyId(p);
    const ciphertext = requiredBlob(p, "SharedSecretCiphertextBlob", { max: 6144 });
    const algorithm = optionalEnum(p, "EncapsulationAlgorithm", ENCAPSULATION_ALGORITHMS, true)!;
    readGrantTokens(p);
    const dryRun = readDryRun(p);
    const { key, requestAlias } = await resolveKey(deps, ctx, keyId);
    await authorizeKey(deps, ctx, key, "kms:Decapsulate", requestAlias === undefined ? {} : { requestAlias });
    requireEnabled(key);
    requireKeyUsage(key, "ENCAPSULATE_DECAPSULATE", "Decapsulate");
    const spec = key.keySpec as MlKemKeySpec;
    if (ciphertext.length !== mlKemCiphertextBytes(spec)) throw invalidCiphertext();
    stopIfDryRun(dryRun);
    const secret = mlKemDecapsulate(spec, await currentMaterial(deps, key), ciphertext);
    return { KeyId: key.arn, SharedSecret: secret, EncapsulationAlgorithm: algorithm };
  },
  trail: encapsulationTrail,
};

// Encrypt: up to 4,096 bytes under a symmetric key (SYMMETRIC_DEFAULT, the newest backing key,
// the encryption context bound into the AAD), or with RSAES-OAEP under an RSA key's public key.
import type { EncryptResponse } from "@aws-sdk/client-kms";
import { rsaOaepEncrypt, rsaOaepMaxPlaintext } from "../../crypto/index.ts";
import { readGrantTokens } from "../api/grant-tokens.ts";
import { readEncryptionContext, readKeyId } from "../api/key-input.ts";
import { optionalEnum, requiredBlob } from "../api/params.ts";
import { kmsError } from "../errors.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { resolveKey } from "../engine/resolve.ts";
import { requireEnabled } from "../engine/states.ts";
import { requireKeyUsage } from "../engine/key-usage.ts";
import { sealSymmetric } from "../engine/symmetric.ts";
import { readDryRun, stopIfDryRun } from "../engine/dry-run.ts";
import { ENCRYPTION_ALGORITHMS, checkEncryptionAlgorithm } from "../engine/encryption-algorithm.ts";
import { keyResource, type KmsOperation } from "./operation.ts";

export const encrypt: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<EncryptResponse> {
    const p = ctx.params;
    const keyId = readKeyId(p);
    const plaintext = requiredBlob(p, "Plaintext", { max: 4096, sensitive: true });
    const context = readEncryptionContext(p);
    const requested = optionalEnum(p, "EncryptionAlgorithm", ENCRYPTION_ALGORITHMS);
    readGrantTokens(p);
    const dryRun = readDryRun(p);
    const { key, requestAlias } = await resolveKey(deps, ctx, keyId);
    const algorithm = requested ?? "SYMMETRIC_DEFAULT";
    await authorizeKey(deps, ctx, key, "kms:Encrypt", {
      ...(requestAlias === undefined ? {} : { requestAlias }),
      ...(context ? { encryptionContext: context } : {}),
      conditions: { "kms:EncryptionAlgorithm": algorithm },
    });
    requireEnabled(key);
    requireKeyUsage(key, "ENCRYPT_DECRYPT", "Encrypt");
    checkEncryptionAlgorithm(key, algorithm);
    let blob: Buffer;
    if (key.keySpec === "SYMMETRIC_DEFAULT") {
      stopIfDryRun(dryRun);
      blob = await sealSymmetric(deps, key, plaintext, context);
    } else {
      if (context) throw kmsError("InvalidKeyUsageException", "EncryptionContext is not supported for asymmetric KMS keys.");
      const alg = algorithm as "RSAES_OAEP_SHA_1" | "RSAES_OAEP_SHA_256";
      const max = rsaOaepMaxPlaintext(key.keySpec as "RSA_2048" | "RSA_3072" | "RSA_4096", alg);
      if (plaintext.length > max) throw kmsError("ValidationException", `Algorithm ${alg} and key spec ${key.keySpec} cannot encrypt data larger than ${max} bytes.`);
      stopIfDryRun(dryRun);
      blob = rsaOaepEncrypt(Buffer.from(key.publicKey!, "base64"), alg, plaintext);
    }
    return { CiphertextBlob: blob, KeyId: key.arn, EncryptionAlgorithm: algorithm };
  },
  trail: (params, output) => ({
    requestParameters: {
      keyId: params["KeyId"],
      encryptionAlgorithm: params["EncryptionAlgorithm"] ?? "SYMMETRIC_DEFAULT",
      ...(params["EncryptionContext"] ? { encryptionContext: params["EncryptionContext"] } : {}),
    },
    responseElements: null,
    resources: keyResource((output as EncryptResponse | undefined)?.KeyId),
  }),
};

// ReEncrypt: decrypts under the source key (kms:ReEncryptFrom) and encrypts under the destination
// key (kms:ReEncryptTo) inside KMS, so the plaintext never leaves it.
import type { ReEncryptResponse } from "@aws-sdk/client-kms";
import { rsaOaepEncrypt, rsaOaepMaxPlaintext } from "../../crypto/index.ts";
import { readGrantTokens } from "../api/grant-tokens.ts";
import { readEncryptionContext, readKeyId } from "../api/key-input.ts";
import { optionalEnum, optionalString } from "../api/params.ts";
import { kmsError } from "../errors.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { ENCRYPTION_ALGORITHMS, checkEncryptionAlgorithm } from "../engine/encryption-algorithm.ts";
import { resolveKey } from "../engine/resolve.ts";
import { requireEnabled } from "../engine/states.ts";
import { requireKeyUsage } from "../engine/key-usage.ts";
import { sealSymmetric } from "../engine/symmetric.ts";
import { ignoresCiphertext, readDryRun, stopIfDryRun } from "../engine/dry-run.ts";
import { checkWithoutCiphertext, openCiphertext, readCiphertextBlob, type Opened } from "./decrypt.ts";
import { keyResource, type KmsOperation } from "./operation.ts";
import { keyMaterialId } from "../model/key-material-id.ts";

export const reEncrypt: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<ReEncryptResponse> {
    const p = ctx.params;
    const dryRun = readDryRun(p);
    const ignoreCiphertext = ignoresCiphertext(p, dryRun);
    const blob = readCiphertextBlob(p, ignoreCiphertext);
    const sourceKeyId = optionalString(p, "SourceKeyId", { min: 1, max: 2048 });
    const destinationKeyId = readKeyId(p, "DestinationKeyId");
    const sourceContext = readEncryptionContext(p, "SourceEncryptionContext");
    const destinationContext = readEncryptionContext(p, "DestinationEncryptionContext");
    const sourceAlgorithm = optionalEnum(p, "SourceEncryptionAlgorithm", ENCRYPTION_ALGORITHMS) ?? "SYMMETRIC_DEFAULT";
    const destinationAlgorithm = optionalEnum(p, "DestinationEncryptionAlgorithm", ENCRYPTION_ALGORITHMS) ?? "SYMMETRIC_DEFAULT";
    readGrantTokens(p);
    const destination = await resolveKey(deps, ctx, destinationKeyId);
    let source: Opened | undefined;
    const sameKeyAs = destination.key.keyId;
    if (ignoreCiphertext) await checkWithoutCiphertext(deps, ctx, "kms:ReEncryptFrom", blob, sourceKeyId, sourceContext, sourceAlgorithm, sameKeyAs);
    else source = await openCiphertext(deps, ctx, "kms:ReEncryptFrom", blob!, sourceKeyId, sourceContext, sourceAlgorithm, sameKeyAs);
    const key = destination.key;
    await authorizeKey(deps, ctx, key, "kms:ReEncryptTo", {
      ...(destination.requestAlias ? { requestAlias: destination.requestAlias } : {}),
      ...(destinationContext ? { encryptionContext: destinationContext } : {}),
      conditions: { "kms:EncryptionAlgorithm": destinationAlgorithm, ...(source ? { "kms:ReEncryptOnSameKey": source.key.keyId === key.keyId } : {}) },
    });
    requireEnabled(key);
    requireKeyUsage(key, "ENCRYPT_DECRYPT", "ReEncrypt");
    checkEncryptionAlgorithm(key, destinationAlgorithm);
    if (key.keySpec !== "SYMMETRIC_DEFAULT") {
      if (destinationContext) throw kmsError("InvalidKeyUsageException", "EncryptionContext is not supported for asymmetric KMS keys.");
      const max = rsaOaepMaxPlaintext(key.keySpec as "RSA_2048" | "RSA_3072" | "RSA_4096", destinationAlgorithm as "RSAES_OAEP_SHA_1" | "RSAES_OAEP_SHA_256");
      if (source && source.plaintext.length > max) throw kmsError("ValidationException", `Algorithm ${destinationAlgorithm} and key spec ${key.keySpec} cannot encrypt data larger than ${max} bytes.`);
    }
    stopIfDryRun(dryRun);
    if (!source) throw new Error("unreachable: only a dry run ignores the ciphertext");
    let out: Buffer;
    if (key.keySpec === "SYMMETRIC_DEFAULT") out = await sealSymmetric(deps, key, source.plaintext, destinationContext);
    else out = rsaOaepEncrypt(Buffer.from(key.publicKey!, "base64"), destinationAlgorithm as "RSAES_OAEP_SHA_1" | "RSAES_OAEP_SHA_256", source.plaintext);
    const answer: ReEncryptResponse = {
      CiphertextBlob: out,
      SourceKeyId: source.key.arn,
      KeyId: key.arn,
      SourceEncryptionAlgorithm: sourceAlgorithm as ReEncryptResponse["SourceEncryptionAlgorithm"],
      DestinationEncryptionAlgorithm: destinationAlgorithm as ReEncryptResponse["DestinationEncryptionAlgorithm"],
    };
    if (source.keyMaterialId) answer.SourceKeyMaterialId = source.keyMaterialId;
    if (key.keySpec === "SYMMETRIC_DEFAULT") answer.DestinationKeyMaterialId = keyMaterialId(key.keyId, key.currentBackingKeyId!);
    return answer;
  },
  trail: (params, output) => {
    const o = output as ReEncryptResponse | undefined;
    return {
      requestParameters: {
        ...(params["SourceKeyId"] ? { sourceKeyId: params["SourceKeyId"] } : {}),
        // As for Decrypt and Encrypt, the algorithms are recorded even when the request left them out.
        sourceEncryptionAlgorithm: params["SourceEncryptionAlgorithm"] ?? "SYMMETRIC_DEFAULT",
        destinationKeyId: params["DestinationKeyId"],
        destinationEncryptionAlgorithm: params["DestinationEncryptionAlgorithm"] ?? "SYMMETRIC_DEFAULT",
        ...(params["SourceEncryptionContext"] ? { sourceEncryptionContext: params["SourceEncryptionContext"] } : {}),
        ...(params["DestinationEncryptionContext"] ? { destinationEncryptionContext: params["DestinationEncryptionContext"] } : {}),
        ...(params["DryRun"] !== undefined ? { dryRun: params["DryRun"] } : {}),
      },
      responseElements: null,
      resources: [...(keyResource(o?.SourceKeyId) ?? []), ...(keyResource(o?.KeyId) ?? [])],
    };
  },
};

// GetParametersForImport: for a key of origin EXTERNAL, a new RSA wrapping key pair (RSA_2048,
// RSA_3072 or RSA_4096) and an import token, valid for 24 hours; the public key (DER) wraps the
// material for ImportKeyMaterial with the chosen algorithm (RSAES_OAEP_SHA_1/256, or
// RSA_AES_KEY_WRAP_SHA_1/256: an RSA private key is too long for RSAES-OAEP alone). Every key type
// takes imported material. Each call replaces the previous parameters. Cross-account use: no.
import type { GetParametersForImportResponse } from "@aws-sdk/client-kms";
import type { RsaKeySpec, WrappingAlgorithm } from "../../crypto/index.ts";
import { optionalEnum } from "../api/params.ts";
import { kmsError } from "../errors.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { newImportParameters } from "../engine/imported.ts";
import { originNotValid } from "../engine/rotation.ts";
import { requireNotPendingDeletion } from "../engine/states.ts";
import type { KmsOperation } from "./operation.ts";
import { keyTrail, requestKey, withKeyArn } from "./own-key.ts";

const ALGORITHMS = ["RSAES_PKCS1_V1_5", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256", "SM2PKE"] as const;
const SPECS = ["RSA_2048", "RSA_3072", "RSA_4096", "SM2"] as const;

export const getParametersForImport: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<GetParametersForImportResponse> {
    const p = ctx.params;
    const algorithm = optionalEnum(p, "WrappingAlgorithm", ALGORITHMS, true)!;
    const spec = optionalEnum(p, "WrappingKeySpec", SPECS, true)!;
    const key = await requestKey(deps, ctx, false);
    await authorizeKey(deps, ctx, key, "kms:GetParametersForImport", { conditions: { "kms:WrappingAlgorithm": algorithm, "kms:WrappingKeySpec": spec } });
    if (key.origin !== "EXTERNAL") throw originNotValid(key);
    requireNotPendingDeletion(key);
    if (algorithm === "SM2PKE" || spec === "SM2") throw kmsError("ValidationException", "SM2 wrapping is supported only in China Regions.");
    if (algorithm === "RSAES_PKCS1_V1_5") throw kmsError("ValidationException", "The RSAES_PKCS1_V1_5 wrapping algorithm is no longer supported. Use RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256.");
    const params = await newImportParameters(deps, key.keyId, algorithm as WrappingAlgorithm, spec as RsaKeySpec, ctx.now);
    if (!params) throw kmsError("NotFoundException", `Key '${key.arn}' does not exist`);
    return withKeyArn({ KeyId: key.arn, ImportToken: params.token, PublicKey: params.publicKey, ParametersValidTo: params.validTo }, key.arn);
  },
  trail: (params, output) => keyTrail(params, output, ["KeyId", "WrappingAlgorithm", "WrappingKeySpec"]),
};

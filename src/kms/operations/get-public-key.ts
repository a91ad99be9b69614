// GetPublicKey: the public key (SubjectPublicKeyInfo DER) of an asymmetric key, with what it may
// be used for, so that it can be used outside KMS. Symmetric and HMAC keys have none:
// UnsupportedOperationException.
import type { GetPublicKeyResponse } from "@aws-sdk/client-kms";
import { readGrantTokens } from "../api/grant-tokens.ts";
import { readKeyId } from "../api/key-input.ts";
import { kmsError } from "../errors.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { publicKeyDer } from "../engine/key-usage.ts";
import { resolveKey } from "../engine/resolve.ts";
import { requireEnabled } from "../engine/states.ts";
import { customerMasterKeySpecOf, encapsulationAlgorithms, encryptionAlgorithms, keyAgreementAlgorithms, signingAlgorithms } from "../model/algorithms.ts";
import { keyResource, type KmsOperation } from "./operation.ts";

export const getPublicKey: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<GetPublicKeyResponse> {
    const keyId = readKeyId(ctx.params);
    readGrantTokens(ctx.params);
    const { key, requestAlias } = await resolveKey(deps, ctx, keyId);
    await authorizeKey(deps, ctx, key, "kms:GetPublicKey", requestAlias === undefined ? {} : { requestAlias });
    requireEnabled(key);
    if (key.keySpec === "SYMMETRIC_DEFAULT" || key.keySpec.startsWith("HMAC_")) {
      throw kmsError("UnsupportedOperationException", `${key.arn} key spec is ${key.keySpec} which is not valid for GetPublicKey.`);
    }
    const out: GetPublicKeyResponse = {
      KeyId: key.arn,
      PublicKey: publicKeyDer(key),
      KeySpec: key.keySpec,
      KeyUsage: key.keyUsage,
    };
    const legacySpec = customerMasterKeySpecOf(key.keySpec);
    if (legacySpec) out.CustomerMasterKeySpec = legacySpec as GetPublicKeyResponse["CustomerMasterKeySpec"];
    const encryption = encryptionAlgorithms(key.keySpec, key.keyUsage);
    if (encryption) out.EncryptionAlgorithms = encryption as GetPublicKeyResponse["EncryptionAlgorithms"];
    const signing = signingAlgorithms(key.keySpec, key.keyUsage);
    if (signing) out.SigningAlgorithms = signing as GetPublicKeyResponse["SigningAlgorithms"];
    const agreement = keyAgreementAlgorithms(key.keyUsage);
    if (agreement) out.KeyAgreementAlgorithms = agreement as GetPublicKeyResponse["KeyAgreementAlgorithms"];
    const encapsulation = encapsulationAlgorithms(key.keyUsage);
    if (encapsulation) out.EncapsulationAlgorithms = encapsulation as GetPublicKeyResponse["EncapsulationAlgorithms"];
    return out;
  },
  trail: (params, output) => ({
    requestParameters: { keyId: params["KeyId"] },
    responseElements: null,
    resources: keyResource((output as GetPublicKeyResponse | undefined)?.KeyId),
  }),
};

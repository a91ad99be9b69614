// GenerateDataKeyPair(WithoutPlaintext): a new RSA, elliptic curve or ML-KEM key pair for use outside KMS.
// The private key (PKCS#8 DER) comes back encrypted under a symmetric encryption key exactly as
// GenerateDataKey's ciphertext (the encryption context bound in), so Decrypt opens it; in
// plaintext too unless the caller asked for none; the public key as SubjectPublicKeyInfo DER.
import type { GenerateDataKeyPairResponse } from "@aws-sdk/client-kms";
import { generateKeyPairMaterial, generateMlKemKeyPair, isMlKemKeySpec, type AsymmetricKeySpec } from "../../crypto/index.ts";
import { readGrantTokens } from "../api/grant-tokens.ts";
import { readEncryptionContext, readKeyId } from "../api/key-input.ts";
import { optionalEnum } from "../api/params.ts";
import { kmsError } from "../errors.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { readDryRun, stopIfDryRun } from "../engine/dry-run.ts";
import { resolveKey } from "../engine/resolve.ts";
import { requireDataKeyWrapping, requireEnabled } from "../engine/states.ts";
import { sealSymmetric } from "../engine/symmetric.ts";
import { keyResource, type KmsOperation } from "./operation.ts";
import { keyMaterialId } from "../model/key-material-id.ts";

/** The DataKeyPairSpec enum, in the service model's order. */
const KEY_PAIR_SPECS = [
  "RSA_2048",
  "RSA_3072",
  "RSA_4096",
  "ECC_NIST_P256",
  "ECC_NIST_P384",
  "ECC_NIST_P521",
  "ECC_SECG_P256K1",
  "SM2",
  "ECC_NIST_EDWARDS25519",
  "ML_KEM_512",
  "ML_KEM_768",
  "ML_KEM_1024",
] as const;
type KeyPairSpec = (typeof KEY_PAIR_SPECS)[number];

function generatedSpec(spec: KeyPairSpec): Exclude<KeyPairSpec, "SM2"> {
  if (spec === "SM2") throw kmsError("UnsupportedOperationException", "KeyPairSpec SM2 is supported only in China Regions.");
  return spec;
}

/** A new pair of the spec: PKCS#8 private key (ML-KEM's in the seed form), SubjectPublicKeyInfo public key. */
function newKeyPair(spec: Exclude<KeyPairSpec, "SM2">): Promise<{ privateKeyDer: Buffer; publicKeyDer: Buffer }> {
  return isMlKemKeySpec(spec) ? Promise.resolve(generateMlKemKeyPair(spec)) : generateKeyPairMaterial(spec as AsymmetricKeySpec);
}

function dataKeyPairOperation(withPlaintext: boolean): KmsOperation {
  const operation = withPlaintext ? "GenerateDataKeyPair" : "GenerateDataKeyPairWithoutPlaintext";
  return {
    readOnly: true,
    async run(deps, ctx): Promise<GenerateDataKeyPairResponse> {
      const p = ctx.params;
      const keyId = readKeyId(p);
      const context = readEncryptionContext(p);
      const keyPairSpec = optionalEnum(p, "KeyPairSpec", KEY_PAIR_SPECS, true)!;
      readGrantTokens(p);
      const dryRun = readDryRun(p);
      if (withPlaintext && p["Recipient"] !== undefined) throw kmsError("UnsupportedOperationException", "Recipient (Nitro Enclaves attestation) is not supported by federa.");
      const { key, requestAlias } = await resolveKey(deps, ctx, keyId);
      await authorizeKey(deps, ctx, key, `kms:${operation}`, {
        ...(requestAlias === undefined ? {} : { requestAlias }),
        ...(context ? { encryptionContext: context } : {}),
        conditions: { "kms:DataKeyPairSpec": keyPairSpec, "kms:EncryptionAlgorithm": "SYMMETRIC_DEFAULT" },
      });
      requireEnabled(key);
      requireDataKeyWrapping(key, operation);
      const spec = generatedSpec(keyPairSpec);
      stopIfDryRun(dryRun);
      const pair = await newKeyPair(spec);
      const blob = await sealSymmetric(deps, key, pair.privateKeyDer, context);
      const out: GenerateDataKeyPairResponse = { PrivateKeyCiphertextBlob: blob };
      if (withPlaintext) out.PrivateKeyPlaintext = pair.privateKeyDer;
      out.PublicKey = pair.publicKeyDer;
      out.KeyId = key.arn;
      out.KeyPairSpec = keyPairSpec as GenerateDataKeyPairResponse["KeyPairSpec"];
      out.KeyMaterialId = keyMaterialId(key.keyId, key.currentBackingKeyId!);
      return out;
    },
    trail: (params, output) => ({
      requestParameters: {
        keyId: params["KeyId"],
        keyPairSpec: params["KeyPairSpec"],
        ...(params["EncryptionContext"] ? { encryptionContext: params["EncryptionContext"] } : {}),
        ...(params["DryRun"] !== undefined ? { dryRun: params["DryRun"] } : {}),
      },
      responseElements: null,
      resources: keyResource((output as GenerateDataKeyPairResponse | undefined)?.KeyId),
    }),
  };
}

export const generateDataKeyPair = dataKeyPairOperation(true);
export const generateDataKeyPairWithoutPlaintext = dataKeyPairOperation(false);

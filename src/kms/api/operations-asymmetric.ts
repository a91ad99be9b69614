// The asymmetric and HMAC operations, by X-Amz-Target name.
import type { KmsOperation } from "../operations/operation.ts";
import { deriveSharedSecret } from "../operations/derive-shared-secret.ts";
import { generateDataKeyPair, generateDataKeyPairWithoutPlaintext } from "../operations/generate-data-key-pair.ts";
import { generateMac } from "../operations/generate-mac.ts";
import { getPublicKey } from "../operations/get-public-key.ts";
import { sign } from "../operations/sign.ts";
import { verify } from "../operations/verify.ts";
import { verifyMac } from "../operations/verify-mac.ts";
import { encapsulate } from "../operations/encapsulate.ts";
import { decapsulate } from "../operations/decapsulate.ts";

export const ASYMMETRIC_OPERATIONS: Readonly<Record<string, KmsOperation>> = {
  Sign: sign,
  Verify: verify,
  GetPublicKey: getPublicKey,
  GenerateDataKeyPair: generateDataKeyPair,
  GenerateDataKeyPairWithoutPlaintext: generateDataKeyPairWithoutPlaintext,
  GenerateMac: generateMac,
  VerifyMac: verifyMac,
  DeriveSharedSecret: deriveSharedSecret,
  Encapsulate: encapsulate,
  Decapsulate: decapsulate,
};

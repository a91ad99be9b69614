// Every KMS operation federa serves, by its X-Amz-Target name.
import type { KmsOperation } from "../operations/operation.ts";
import { createKey } from "../operations/create-key.ts";
import { describeKey } from "../operations/describe-key.ts";
import { encrypt } from "../operations/encrypt.ts";
import { decrypt } from "../operations/decrypt.ts";
import { generateDataKey, generateDataKeyWithoutPlaintext } from "../operations/generate-data-key.ts";
import { reEncrypt } from "../operations/re-encrypt.ts";
import { generateRandom } from "../operations/generate-random.ts";
import { KEYS_OPERATIONS } from "./operations-keys.ts";
import { ALIASES_OPERATIONS } from "./operations-aliases.ts";
import { ROTATION_OPERATIONS } from "./operations-rotation.ts";
import { POLICIES_OPERATIONS } from "./operations-policies.ts";
import { GRANTS_OPERATIONS } from "./operations-grants.ts";
import { ASYMMETRIC_OPERATIONS } from "./operations-asymmetric.ts";

export const KMS_OPERATIONS: Readonly<Record<string, KmsOperation>> = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  Encrypt: encrypt,
  Decrypt: decrypt,
  GenerateDataKey: generateDataKey,
  GenerateDataKeyWithoutPlaintext: generateDataKeyWithoutPlaintext,
  ReEncrypt: reEncrypt,
  GenerateRandom: generateRandom,
  ...KEYS_OPERATIONS,
  ...ALIASES_OPERATIONS,
  ...ROTATION_OPERATIONS,
  ...POLICIES_OPERATIONS,
  ...GRANTS_OPERATIONS,
  ...ASYMMETRIC_OPERATIONS,
};

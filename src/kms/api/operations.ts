// Every KMS operation federa serves, by its X-Amz-Target name.
import type { KmsOperation } from "../operations/operation.ts";
import { createKey } from "../operations/create-key.ts";
import { describeKey } from "../operations/describe-key.ts";
import { encrypt } from "../operations/encrypt.ts";
import { decrypt } from "../operations/decrypt.ts";
import { generateDataKey, generateDataKeyWithoutPlaintext } from "../operations/generate-data-key.ts";
import { reEncrypt } from "../operations/re-encrypt.ts";
import { generateRandom } from "../operations/generate-random.ts";

export const KMS_OPERATIONS: Readonly<Record<string, KmsOperation>> = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  Encrypt: encrypt,
  Decrypt: decrypt,
  GenerateDataKey: generateDataKey,
  GenerateDataKeyWithoutPlaintext: generateDataKeyWithoutPlaintext,
  ReEncrypt: reEncrypt,
  GenerateRandom: generateRandom,
};

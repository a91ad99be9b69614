// The policies operations, by X-Amz-Target name.
import type { KmsOperation } from "../operations/operation.ts";
import { getKeyPolicy } from "../operations/get-key-policy.ts";
import { listKeyPolicies } from "../operations/list-key-policies.ts";
import { putKeyPolicy } from "../operations/put-key-policy.ts";

export const POLICIES_OPERATIONS: Readonly<Record<string, KmsOperation>> = {
  GetKeyPolicy: getKeyPolicy,
  PutKeyPolicy: putKeyPolicy,
  ListKeyPolicies: listKeyPolicies,
};

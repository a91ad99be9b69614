// The policies operations, by X-Amz-Target name.
import type { KmsOperation } from "../operations/operation.ts";

export const POLICIES_OPERATIONS: Readonly<Record<string, KmsOperation>> = {};

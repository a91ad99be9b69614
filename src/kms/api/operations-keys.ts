// The keys operations, by X-Amz-Target name.
import type { KmsOperation } from "../operations/operation.ts";

export const KEYS_OPERATIONS: Readonly<Record<string, KmsOperation>> = {};

// The aliases operations, by X-Amz-Target name.
import type { KmsOperation } from "../operations/operation.ts";

export const ALIASES_OPERATIONS: Readonly<Record<string, KmsOperation>> = {};

// The asymmetric operations, by X-Amz-Target name.
import type { KmsOperation } from "../operations/operation.ts";

export const ASYMMETRIC_OPERATIONS: Readonly<Record<string, KmsOperation>> = {};

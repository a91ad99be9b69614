// The rotation operations, by X-Amz-Target name.
import type { KmsOperation } from "../operations/operation.ts";

export const ROTATION_OPERATIONS: Readonly<Record<string, KmsOperation>> = {};

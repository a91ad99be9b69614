// The grants operations, by X-Amz-Target name.
import type { KmsOperation } from "../operations/operation.ts";

export const GRANTS_OPERATIONS: Readonly<Record<string, KmsOperation>> = {};

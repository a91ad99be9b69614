// The aliases operations, by X-Amz-Target name.
import type { KmsOperation } from "../operations/operation.ts";
import { createAlias } from "../operations/create-alias.ts";
import { updateAlias } from "../operations/update-alias.ts";
import { deleteAlias } from "../operations/delete-alias.ts";
import { listAliases } from "../operations/list-aliases.ts";

export const ALIASES_OPERATIONS: Readonly<Record<string, KmsOperation>> = {
  CreateAlias: createAlias,
  UpdateAlias: updateAlias,
  DeleteAlias: deleteAlias,
  ListAliases: listAliases,
};

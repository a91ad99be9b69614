// The grants operations, by X-Amz-Target name.
import type { KmsOperation } from "../operations/operation.ts";
import { createGrant } from "../operations/create-grant.ts";
import { listGrants } from "../operations/list-grants.ts";
import { listRetirableGrants } from "../operations/list-retirable-grants.ts";
import { retireGrant } from "../operations/retire-grant.ts";
import { revokeGrant } from "../operations/revoke-grant.ts";

export const GRANTS_OPERATIONS: Readonly<Record<string, KmsOperation>> = {
  CreateGrant: createGrant,
  ListGrants: listGrants,
  ListRetirableGrants: listRetirableGrants,
  RetireGrant: retireGrant,
  RevokeGrant: revokeGrant,
};

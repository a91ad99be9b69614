// ListGrants: the grants of a key (key id or key ARN, other accounts' keys included), oldest
// first, optionally one GrantId or one GranteePrincipal; Limit 1–100 (50 unless given; larger
// values the model allows are served 100 at a time), Marker, in every key state.
import type { ListGrantsResponse } from "@aws-sdk/client-kms";
import { readGrantId, readPrincipal } from "../api/grant-input.ts";
import { readKeyId } from "../api/key-input.ts";
import { pageOf, readLimit, readMarker } from "../api/list-page.ts";
import { kmsError } from "../errors.ts";
import { authorizeKey, grantsOf } from "../engine/authorize.ts";
import { grantEntry } from "../engine/grants.ts";
import { resolveKey } from "../engine/resolve.ts";
import type { KmsOperation } from "./operation.ts";
import { keyTrail, withKeyArn } from "./own-key.ts";

export const GRANTS_PAGE_DEFAULT = 50;
export const GRANTS_PAGE_MAX = 100;

export const listGrants: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<ListGrantsResponse> {
    const p = ctx.params;
    const keyId = readKeyId(p);
    const limit = Math.min(readLimit(p) ?? GRANTS_PAGE_DEFAULT, GRANTS_PAGE_MAX);
    const marker = readMarker(p);
    const grantId = readGrantId(p);
    const grantee = readPrincipal(p, "GranteePrincipal");
    const { key } = await resolveKey(deps, ctx, keyId, { allowAlias: false });
    await authorizeKey(deps, ctx, key, "kms:ListGrants", { grants: false, conditions: { "kms:GrantIsForAWSResource": false } });
    let grants = await grantsOf(deps, key.keyId);
    if (grantId !== undefined) {
      grants = grants.filter((g) => g.grantId === grantId);
      if (grants.length === 0) throw kmsError("InvalidGrantIdException", "The grant ID is invalid.");
    }
    // A grantee that is a service principal has no grants here: federa issues none.
    if (p["GranteeServicePrincipal"] != null) grants = [];
    if (grantee !== undefined) grants = grants.filter((g) => g.granteePrincipal === grantee);
    const page = pageOf(grants, (g) => g.grantId, `grants:${key.keyId}`, marker, limit);
    const output: ListGrantsResponse = { Grants: page.items.map(grantEntry), Truncated: page.nextMarker !== undefined, ...(page.nextMarker ? { NextMarker: page.nextMarker } : {}) };
    return withKeyArn(output, key.arn);
  },
  trail: (params, output) => keyTrail(params, output, ["KeyId", "GrantId", "GranteePrincipal", "Limit", "Marker"]),
};

// ListRetirableGrants: the grants on keys of the caller's account and Region whose retiring
// principal is the one named; an IAM permission (kms:ListRetirableGrants), no key. Limit 1–100
// (50 unless given), Marker.
import type { ListGrantsResponse } from "@aws-sdk/client-kms";
import { readPrincipal } from "../api/grant-input.ts";
import { pageOf, readLimit, readMarker } from "../api/list-page.ts";
import { kmsError } from "../errors.ts";
import { authorizeAccount } from "../engine/authorize.ts";
import { grantEntry } from "../engine/grants.ts";
import { parseKmsArn } from "../model/arn.ts";
import type { KmsGrant } from "../model/types.ts";
import { GRANTS_PAGE_DEFAULT, GRANTS_PAGE_MAX } from "./list-grants.ts";
import type { KmsOperation } from "./operation.ts";

export const listRetirableGrants: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<ListGrantsResponse> {
    const p = ctx.params;
    if (p["RetiringServicePrincipal"] != null) {
      throw kmsError("UnsupportedOperationException", "Grants for service principals (RetiringServicePrincipal) are not supported by federa.");
    }
    const limit = Math.min(readLimit(p) ?? GRANTS_PAGE_DEFAULT, GRANTS_PAGE_MAX);
    const marker = readMarker(p);
    const retiring = readPrincipal(p, "RetiringPrincipal", true)!;
    await authorizeAccount(deps, ctx, "kms:ListRetirableGrants");
    const grants = (await deps.repo.listRetirableGrants(retiring))
      .map((row) => row.document as KmsGrant)
      .filter((g) => {
        const arn = parseKmsArn(g.keyArn);
        return arn !== undefined && arn.accountId === ctx.caller.accountId && arn.region === ctx.region;
      });
    const page = pageOf(grants, (g) => g.grantId, `retirable:${retiring}`, marker, limit);
    return { Grants: page.items.map(grantEntry), Truncated: page.nextMarker !== undefined, ...(page.nextMarker ? { NextMarker: page.nextMarker } : {}) };
  },
  trail: (params) => {
    const requestParameters: Record<string, unknown> = { retiringPrincipal: params["RetiringPrincipal"] };
    if (params["Limit"] !== undefined) requestParameters["limit"] = params["Limit"];
    if (params["Marker"] !== undefined) requestParameters["marker"] = params["Marker"];
    return { requestParameters, responseElements: null };
  },
};

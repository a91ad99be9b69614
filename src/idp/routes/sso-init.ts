// IdP-initiated SSO: GET /idp/sso/init?sp=<entity id>[&RelayState=…]. The default SP is AWS.
import type { Request, Response } from "express";
import type { IdpContext } from "../context.ts";
import { queryParam } from "../http.ts";
import { beginSignOn, newSignOnRequest, plainPage } from "../login/flow.ts";
import { AWS_SP_ENTITY_ID } from "../../config/index.ts";

export const MAX_RELAY_STATE = 80 * 1024;

export async function ssoInit(ctx: IdpContext, req: Request, res: Response, flavour: "federa" | "adfs", spId?: string): Promise<void> {
  const entityId = spId ?? queryParam(req, "sp") ?? AWS_SP_ENTITY_ID;
  const sp = ctx.serviceProviders.get(entityId);
  if (!sp) return plainPage(res, 400, "Unknown application", `No service provider named "${entityId}" is registered with this identity provider.`);
  const relayState = queryParam(req, "RelayState");
  if (relayState !== undefined && relayState.length > MAX_RELAY_STATE) return plainPage(res, 400, "Request too large", "The RelayState is too long.");
  await beginSignOn(ctx, req, res, sp, newSignOnRequest(ctx, { sp: sp.entityId, acsUrl: sp.config.acsUrl, flavour, ...(relayState ? { relayState } : {}) }));
}

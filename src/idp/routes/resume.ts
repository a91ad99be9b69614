// GET /idp/sso/resume?state=…: back to the sign-in form of a sign-on in progress (the "Try again"
// of the directory-unavailable page). The state is sealed and holds no secret.
import type { Request, Response } from "express";
import type { IdpContext } from "../context.ts";
import { queryParam } from "../http.ts";
import { beginSignOn, plainPage } from "../login/flow.ts";
import { unseal } from "../login/sealed.ts";
import { SIGN_ON_PURPOSE, SIGN_ON_TTL_MS, type SignOnRequest } from "../sign-on.ts";

export async function resume(ctx: IdpContext, req: Request, res: Response): Promise<void> {
  const request = unseal<SignOnRequest>(ctx.serviceKey, SIGN_ON_PURPOSE, queryParam(req, "state"));
  const now = ctx.clock.now().getTime();
  const sp = request ? ctx.serviceProviders.get(request.sp) : undefined;
  if (!request || !sp || request.exp < now) {
    return plainPage(res, 400, "This sign-in page has expired", "Start the sign-in again from the application you were going to.");
  }
  await beginSignOn(ctx, req, res, sp, { ...request, exp: now + SIGN_ON_TTL_MS });
}

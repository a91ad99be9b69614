// /idp/logout (and AD FS's ?wa=wsignout1.0): ends the IdP session.
import type { Request, Response } from "express";
import type { IdpContext } from "../context.ts";
import { plainPage } from "../login/flow.ts";

export async function logout(ctx: IdpContext, req: Request, res: Response): Promise<void> {
  await ctx.sessions.end(req, res);
  ctx.logger.info({ event: "idp.logout" }, "signed out");
  plainPage(res, 200, "Signed out", "You have signed out of the identity provider. The next sign-in will ask for your password.");
}

// AD FS's IdP-initiated sign-on page: /adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=<entity id>.
// GET shows AD FS's forms sign-in page; POST takes UserName and Password (AuthMethod and Kmsi are
// accepted and ignored) and answers with the same auto-posting SAMLResponse form as /idp.
import type { Request, Response } from "express";
import type { IdpContext } from "../context.ts";
import { field, queryParam } from "../http.ts";
import { handleLogin } from "../login/flow.ts";
import { ssoInit } from "./sso-init.ts";
import { AWS_SP_ENTITY_ID } from "../../config/index.ts";

export async function adfsSignOnPage(ctx: IdpContext, req: Request, res: Response): Promise<void> {
  await ssoInit(ctx, req, res, "adfs", queryParam(req, "loginToRp") ?? AWS_SP_ENTITY_ID);
}

export async function adfsSignOnPost(ctx: IdpContext, req: Request, res: Response): Promise<void> {
  if (field(req.body, "state") === undefined) {
    // A post without the form's state (a tool that skipped the GET): show the form.
    return adfsSignOnPage(ctx, req, res);
  }
  await handleLogin(ctx, req, res, {
    username: field(req.body, "UserName"),
    password: field(req.body, "Password"),
    csrf: field(req.body, "csrf"),
    state: field(req.body, "state"),
  });
}

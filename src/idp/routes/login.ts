// POST /idp/login: federa's sign-in form.
import type { Request, Response } from "express";
import type { IdpContext } from "../context.ts";
import { field } from "../http.ts";
import { handleLogin } from "../login/flow.ts";

export async function login(ctx: IdpContext, req: Request, res: Response): Promise<void> {
  await handleLogin(ctx, req, res, {
    username: field(req.body, "username"),
    password: field(req.body, "password"),
    csrf: field(req.body, "csrf"),
    state: field(req.body, "state"),
  });
}

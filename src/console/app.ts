// The console's HTTP surface: the emulated AWS sign-in endpoint (/saml) and the console pages —
// home, KMS (keys, a key's page and its forms, the create-key wizard), S3 (buckets, a bucket's
// objects, upload, default encryption, policy) and activity. Every page
// needs a live console session; every POST under /console needs the session's CSRF token.
import express, { type RequestHandler, type Router } from "express";
import { field, newNonce, sendPage } from "../idp/index.ts";
import type { ConsoleContext } from "./context.ts";
import { acs } from "./acs.ts";
import { clearConsoleSession } from "./session.ts";
import { consoleMessage } from "./pages.ts";
import { createSessionOpener, signedIn } from "./signed-in.ts";
import { CSRF_FIELD, csrfMatches } from "./csrf.ts";
import { refuseForm } from "./form-refused.ts";
import { homePage } from "./views/home.ts";
import { registerKmsRoutes } from "./kms/routes.ts";
import { registerActivityRoutes } from "./activity/routes.ts";
import { registerS3Routes } from "./s3/routes.ts";

const SIGN_IN = { href: "/idp/sso/init?sp=urn:amazon:webservices", text: "Sign in" };

export function createConsoleRouter(ctx: ConsoleContext): Router {
  const router = express.Router();
  // A SAMLResponse is up to 100,000 characters, URL-encoded.
  const samlForm = express.urlencoded({ extended: false, limit: "512kb", parameterLimit: 20 });
  router.post("/saml", samlForm, (req, res) => acs(ctx, req, res));

  const open = createSessionOpener(ctx);
  const requireSession: RequestHandler = async (req, res, next) => {
    const who = await open(req);
    if (!who) {
      clearConsoleSession(res, ctx.secureCookies);
      const nonce = newNonce();
      return sendPage(res, 401, consoleMessage({ nonce, title: "Not signed in", message: "Your console session has ended or never began.", link: SIGN_IN }), nonce);
    }
    res.locals["signedIn"] = who;
    next();
  };
  // A key policy is at most 32 KB, URL-encoded up to three times that; tags and principals are many fields.
  const form = express.urlencoded({ extended: false, limit: "256kb", parameterLimit: 400 });
  const requireCsrf: RequestHandler = (req, res, next) => {
    const who = signedIn(res);
    if (!csrfMatches(who.csrf, field(req.body, CSRF_FIELD))) return refuseForm(ctx.logger, res, req.path, { href: "/console", text: "Back to the console" });
    next();
  };

  router.get("/console", requireSession, (_req, res) => {
    const who = signedIn(res);
    const c = who.claims;
    const nonce = newNonce();
    const info = {
      arn: who.caller.arn,
      accountId: c.accountId,
      roleName: c.roleName,
      sessionName: c.roleSessionName,
      expiration: new Date(c.expiresAt),
      ...(c.federation ? { provider: c.federation.provider } : {}),
      ...(c.tags ? { tags: c.tags } : {}),
    };
    sendPage(res, 200, homePage({ nonce, info, now: ctx.clock.now() }), nonce);
  });
  router.get("/console/signout", (_req, res) => {
    clearConsoleSession(res, ctx.secureCookies);
    const nonce = newNonce();
    sendPage(res, 200, consoleMessage({ nonce, title: "Signed out", message: "You have signed out of the console.", link: { href: "/idp/sso/init?sp=urn:amazon:webservices", text: "Sign in again" } }), nonce);
  });

  const guarded = { get: [requireSession], post: [requireSession, form, requireCsrf] };
  registerKmsRoutes(router, ctx, guarded);
  registerS3Routes(router, ctx, guarded);
  registerActivityRoutes(router, ctx, guarded);
  return router;
}

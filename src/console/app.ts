// The console's HTTP surface: the emulated AWS sign-in endpoint (/saml) and the console pages.
import express, { type Router } from "express";
import { newNonce, sendPage } from "../idp/index.ts";
import { assumedRoleArn } from "../shared/index.ts";
import type { ConsoleContext } from "./context.ts";
import { acs } from "./acs.ts";
import { clearConsoleSession, readConsoleSession } from "./session.ts";
import { consoleMessage, landingPage } from "./pages.ts";

export function createConsoleRouter(ctx: ConsoleContext): Router {
  const router = express.Router();
  // A SAMLResponse is up to 100,000 characters, URL-encoded.
  const form = express.urlencoded({ extended: false, limit: "512kb", parameterLimit: 20 });
  router.post("/saml", form, (req, res) => acs(ctx, req, res));
  router.get("/console", async (req, res) => {
    const nonce = newNonce();
    const session = readConsoleSession(req);
    const claims = session && (await ctx.tokens.open(session.sessionToken, session.accessKeyId, ctx.clock.now()).catch(() => undefined));
    if (!claims) {
      clearConsoleSession(res, ctx.secureCookies);
      return sendPage(res, 401, consoleMessage({ nonce, title: "Not signed in", message: "Your console session has ended or never began.", link: { href: "/idp/sso/init?sp=urn:amazon:webservices", text: "Sign in" } }), nonce);
    }
    const info = {
      arn: assumedRoleArn(claims.accountId, claims.roleName, claims.roleSessionName),
      accountId: claims.accountId,
      roleName: claims.roleName,
      sessionName: claims.roleSessionName,
      expiration: new Date(claims.expiresAt),
    };
    sendPage(res, 200, landingPage({ nonce, info }), nonce);
  });
  router.get("/console/signout", (_req, res) => {
    clearConsoleSession(res, ctx.secureCookies);
    const nonce = newNonce();
    sendPage(res, 200, consoleMessage({ nonce, title: "Signed out", message: "You have signed out of the console.", link: { href: "/idp/sso/init?sp=urn:amazon:webservices", text: "Sign in again" } }), nonce);
  });
  return router;
}

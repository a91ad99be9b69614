// The IdP's HTTP surface (Express): /idp/*, AD FS's /adfs/ls/* and federation metadata.
import express, { type Router } from "express";
import type { IdpContext } from "./context.ts";
import { metadata, federationMetadata } from "./routes/metadata.ts";
import { ssoInit } from "./routes/sso-init.ts";
import { resume } from "./routes/resume.ts";
import { login } from "./routes/login.ts";
import { logout } from "./routes/logout.ts";
import { sso } from "./routes/sso.ts";
import { adfsSignOnPage, adfsSignOnPost } from "./routes/adfs-signon.ts";
import { queryParam } from "./http.ts";

/** Form bodies are small: a SAMLRequest, a RelayState, a username and password. */
const FORM_LIMIT = "256kb";

export function createIdpRouter(ctx: IdpContext): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: FORM_LIMIT, parameterLimit: 50 });

  router.get("/idp/metadata", (req, res) => metadata(ctx, req, res));
  router.get("/idp/sso/init", (req, res) => ssoInit(ctx, req, res, "federa"));
  router.get("/idp/sso/resume", (req, res) => resume(ctx, req, res));
  router.get("/idp/sso", (req, res) => sso(ctx, req, res, "federa", "redirect"));
  router.post("/idp/sso", form, (req, res) => sso(ctx, req, res, "federa", "post"));
  router.post("/idp/login", form, (req, res) => login(ctx, req, res));
  router.get("/idp/logout", (req, res) => logout(ctx, req, res));
  router.post("/idp/logout", form, (req, res) => logout(ctx, req, res));

  router.get("/adfs/ls/IdpInitiatedSignOn.aspx", (req, res) => adfsSignOnPage(ctx, req, res));
  router.post("/adfs/ls/IdpInitiatedSignOn.aspx", form, (req, res) => adfsSignOnPost(ctx, req, res));
  router.get("/adfs/ls/", (req, res) =>
    queryParam(req, "wa") === "wsignout1.0" ? logout(ctx, req, res) : sso(ctx, req, res, "adfs", "redirect"),
  );
  router.post("/adfs/ls/", form, (req, res) => sso(ctx, req, res, "adfs", "post"));
  router.get("/FederationMetadata/2007-06/FederationMetadata.xml", (req, res) => federationMetadata(ctx, req, res));
  return router;
}

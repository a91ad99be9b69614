// The sign-on flow shared by federa's and AD FS's pages: continue a session, show the form, check
// a posted password against the directory with throttling, start the session, answer the SP.
import type { Request, Response } from "express";
import { DirectoryError } from "../../directory/index.ts";
import type { IdpContext } from "../context.ts";
import type { ServiceProvider } from "../service-providers.ts";
import { SIGN_ON_PURPOSE, SIGN_ON_TTL_MS, type SignOnRequest } from "../sign-on.ts";
import { respondWithAssertion } from "../respond.ts";
import { appendCookie, newNonce, readCookies, sendPage } from "../http.ts";
import { loginPage } from "../pages/login.ts";
import { adfsLoginPage } from "../pages/adfs-login.ts";
import { messagePage } from "../pages/messages.ts";
import { CSRF_COOKIE, csrfTokenFor, csrfTokenMatches, newCsrfSecret } from "./csrf.ts";
import { seal, unseal } from "./sealed.ts";

/** What every credential failure tells the user: the log tells them apart, the page does not. */
export const SIGN_IN_FAILED = "Incorrect user name or password, or this account cannot sign in now.";

export function newSignOnRequest(ctx: IdpContext, fields: Omit<SignOnRequest, "exp">): SignOnRequest {
  return { ...fields, exp: ctx.clock.now().getTime() + SIGN_ON_TTL_MS };
}

/** Continues the IdP session if there is one (and the SP did not force a login), else asks. */
export async function beginSignOn(ctx: IdpContext, req: Request, res: Response, sp: ServiceProvider, request: SignOnRequest): Promise<void> {
  const now = ctx.clock.now();
  const session = request.forceAuthn ? undefined : await ctx.sessions.current(req, now);
  if (session) {
    try {
      const user = await ctx.directory.lookup(session.username);
      ctx.logger.info({ event: "idp.session_reused", user: user.username, sp: sp.entityId }, "sign-on within an IdP session");
      await respondWithAssertion(ctx, res, sp, request, user, session);
      return;
    } catch (error) {
      if (error instanceof DirectoryError && error.code === "DIRECTORY_UNAVAILABLE") return unavailable(ctx, res, request);
      if (!(error instanceof DirectoryError)) throw error;
      ctx.logger.info({ event: "idp.session_user_gone", code: error.code }, "session user no longer signs in");
      await ctx.sessions.end(req, res);
    }
  }
  showLogin(ctx, req, res, sp, request, {});
}

interface FormOutcome {
  status?: number;
  error?: string;
  username?: string;
}

export function showLogin(ctx: IdpContext, req: Request, res: Response, sp: ServiceProvider, request: SignOnRequest, outcome: FormOutcome): void {
  let secret = readCookies(req)[CSRF_COOKIE];
  if (!secret || secret.length > 64) {
    secret = newCsrfSecret();
    appendCookie(res, CSRF_COOKIE, secret, { sameSite: "strict", secure: ctx.secureCookies });
  }
  const nonce = newNonce();
  const common = {
    nonce,
    csrf: csrfTokenFor(ctx.serviceKey, secret),
    state: seal(ctx.serviceKey, SIGN_ON_PURPOSE, request),
    ...(outcome.username !== undefined ? { username: outcome.username } : {}),
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
  };
  const body =
    request.flavour === "adfs"
      ? adfsLoginPage({ ...common, action: adfsAction(sp) })
      : loginPage({ ...common, action: "/idp/login", spName: sp.displayName });
  sendPage(res, outcome.status ?? 200, body, nonce);
}

export function adfsAction(sp: ServiceProvider): string {
  return `/adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=${encodeURIComponent(sp.entityId)}`;
}

export interface PostedLogin {
  username: string | undefined;
  password: string | undefined;
  csrf: string | undefined;
  state: string | undefined;
}

export async function handleLogin(ctx: IdpContext, req: Request, res: Response, posted: PostedLogin): Promise<void> {
  const now = ctx.clock.now();
  const request = unseal<SignOnRequest>(ctx.serviceKey, SIGN_ON_PURPOSE, posted.state);
  const sp = request ? ctx.serviceProviders.get(request.sp) : undefined;
  if (!request || !sp || request.exp < now.getTime()) {
    return plainPage(res, 400, "This sign-in page has expired", "Start the sign-in again from the application you were going to.");
  }
  if (!csrfTokenMatches(ctx.serviceKey, readCookies(req)[CSRF_COOKIE], posted.csrf)) {
    ctx.logger.warn({ event: "idp.csrf_mismatch" }, "login form posted without a valid CSRF token");
    return showLogin(ctx, req, res, sp, request, { status: 403, error: "Your sign-in form could not be verified. Please sign in again." });
  }
  const username = (posted.username ?? "").trim();
  const password = posted.password ?? "";
  if (!username || !password || username.length > 256 || password.length > 1024) {
    return showLogin(ctx, req, res, sp, request, { status: 400, error: "Enter your user name and password.", username: username.slice(0, 256) });
  }
  const verdict = await ctx.throttle.check(username, now);
  if (verdict.kind === "locked") {
    ctx.logger.warn({ event: "idp.login_refused", code: "THROTTLE_LOCKED", user: username }, "sign-in locked after repeated failures");
    return showLogin(ctx, req, res, sp, request, { status: 429, error: `Too many failed sign-in attempts for this account. Try again after ${verdict.until.toISOString().slice(11, 16)} UTC.`, username });
  }
  if (verdict.delayMs > 0) await sleep(verdict.delayMs);
  let user;
  try {
    user = await ctx.directory.authenticate(username, password);
  } catch (error) {
    if (!(error instanceof DirectoryError)) throw error;
    if (error.code === "DIRECTORY_UNAVAILABLE") {
      ctx.logger.error({ event: "idp.directory_unavailable", detail: error.message }, "directory unavailable");
      return unavailable(ctx, res, request);
    }
    ctx.logger.info({ event: "idp.login_failed", code: error.code, user: username }, "sign-in failed");
    await ctx.throttle.failure(username, ctx.clock.now());
    return showLogin(ctx, req, res, sp, request, { status: 401, error: SIGN_IN_FAILED, username });
  }
  if (verdict.failures > 0) await ctx.throttle.success(username);
  const session = await ctx.sessions.start(res, { username: user.username, dn: user.dn }, ctx.clock.now());
  ctx.logger.info({ event: "idp.login", user: user.username }, "signed in");
  await respondWithAssertion(ctx, res, sp, request, user, session);
}

function unavailable(ctx: IdpContext, res: Response, request: SignOnRequest): void {
  const nonce = newNonce();
  const retry = `/idp/sso/resume?state=${encodeURIComponent(seal(ctx.serviceKey, SIGN_ON_PURPOSE, { ...request, exp: ctx.clock.now().getTime() + SIGN_ON_TTL_MS }))}`;
  res.set("Retry-After", "5");
  sendPage(
    res,
    503,
    messagePage({
      nonce,
      title: "The directory is not answering",
      message: "Sign-in cannot reach the directory right now. Nothing was lost: try again in a moment.",
      link: { href: retry, text: "Try again" },
    }),
    nonce,
  );
}

export function plainPage(res: Response, status: number, title: string, message: string): void {
  const nonce = newNonce();
  sendPage(res, status, messagePage({ nonce, title, message }), nonce);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Who is signed in to the console: the session cookie's credentials, opened as the AWS API's
// credential lookup opens them, so the console acts as exactly the caller that the same
// credentials would be over SigV4. Expired or forged sessions are no session.
import type { Request, RequestHandler, Response } from "express";
import { isSecureTransport, sourceIp } from "../protocol/index.ts";
import { createCredentialLookup, type Caller, type SessionClaims } from "../sts/index.ts";
import type { ConsoleContext } from "./context.ts";
import { readConsoleSession } from "./session.ts";
import { csrfTokenFor } from "./csrf.ts";

export interface SignedIn {
  caller: Caller;
  claims: SessionClaims;
  /** The CSRF token that this session's forms carry. */
  csrf: string;
  /** The browser's address and transport, as the calls made for it report them. */
  sourceIp: string;
  secureTransport: boolean;
}

export type SessionOpener = (req: Request) => Promise<SignedIn | undefined>;

export function createSessionOpener(ctx: ConsoleContext): SessionOpener {
  const lookup = createCredentialLookup(ctx.iam, ctx.tokens, ctx.clock);
  return async (req) => {
    const session = readConsoleSession(req);
    if (!session) return undefined;
    const caller = await lookup(session.accessKeyId, session.sessionToken).catch(() => undefined);
    if (!caller?.session || !caller.expiresAt || caller.expiresAt.getTime() <= ctx.clock.now().getTime()) return undefined;
    return {
      caller,
      claims: caller.session,
      csrf: csrfTokenFor(ctx.serviceKey, session.accessKeyId),
      // Judged as the AWS API path judges them (aws:SourceIp, aws:SecureTransport).
      sourceIp: sourceIp(req),
      secureTransport: isSecureTransport(req),
    };
  };
}

/** The signed-in session that requireSession put on the response. */
export function signedIn(res: Response): SignedIn {
  const who = res.locals["signedIn"] as SignedIn | undefined;
  if (!who) throw new TypeError("the route is not behind requireSession");
  return who;
}

/** The page's owner for the layout: the signed-in principal and account. */
export function whoOf(who: SignedIn): { arn: string; accountId: string } {
  return { arn: who.caller.arn, accountId: who.caller.accountId };
}

/** What a console route runs first: GET needs a session; POST a session, its form and its CSRF token. */
export interface Guards {
  get: RequestHandler[];
  post: RequestHandler[];
}

/** A query parameter as a string, or undefined (repeated and nested parameters are refused). */
export function queryParam(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === "string" ? value : undefined;
}

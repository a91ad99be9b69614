// SP-initiated SSO: a SAML AuthnRequest over HTTP-Redirect (GET, deflated, query-signed) or
// HTTP-POST, at /idp/sso and AD FS's /adfs/ls/. The request's signature is checked when the SP
// requires signed requests; its ID is echoed as InResponseTo; its ACS must be registered.
import type { Request, Response } from "express";
import type { IdpContext } from "../context.ts";
import { field, newNonce, sendPage } from "../http.ts";
import { beginSignOn, newSignOnRequest, plainPage } from "../login/flow.ts";
import { autoPostPage } from "../pages/messages.ts";
import { buildSamlErrorResponse, isSamlError, parseAuthnRequest, type AuthnRequest, type AuthnRequestInput } from "../saml/index.ts";
import type { ServiceProvider } from "../service-providers.ts";
import { MAX_RELAY_STATE } from "./sso-init.ts";

export async function sso(ctx: IdpContext, req: Request, res: Response, flavour: "federa" | "adfs", binding: "redirect" | "post"): Promise<void> {
  const input = bindingInput(req, binding);
  if (!input) return plainPage(res, 400, "No sign-in request", "This address expects a SAML AuthnRequest (the SAMLRequest parameter) from an application.");
  let request: AuthnRequest;
  try {
    request = parseAuthnRequest(input, {
      trustFor: (issuer) => {
        const sp = ctx.serviceProviders.get(issuer);
        return sp && { certificates: sp.requestSigningCertificates, wantAuthnRequestsSigned: sp.config.wantAuthnRequestsSigned };
      },
    });
  } catch (error) {
    if (!isSamlError(error)) throw error;
    ctx.logger.info({ event: "idp.authn_request_refused", code: error.code, binding }, "AuthnRequest refused");
    return plainPage(res, 400, "The sign-in request was refused", error.message);
  }
  const sp = ctx.serviceProviders.get(request.issuer)!;
  if (request.relayState !== undefined && request.relayState.length > MAX_RELAY_STATE) return plainPage(res, 400, "Request too large", "The RelayState is too long.");
  if (request.acsUrl !== undefined && !sp.acceptsAcs(request.acsUrl)) {
    ctx.logger.info({ event: "idp.authn_request_refused", code: "ACS_NOT_REGISTERED", sp: sp.entityId }, "AuthnRequest names an unregistered ACS");
    return plainPage(res, 400, "The sign-in request was refused", "The request asks for the response to go to an address that is not registered for this application.");
  }
  const acsUrl = request.acsUrl ?? sp.config.acsUrl;
  const signOn = newSignOnRequest(ctx, {
    sp: sp.entityId,
    acsUrl,
    flavour,
    requestId: request.id,
    ...(request.forceAuthn ? { forceAuthn: true } : {}),
    ...(request.relayState !== undefined ? { relayState: request.relayState } : {}),
  });
  if (request.isPassive && !(await ctx.sessions.current(req, ctx.clock.now()))) {
    return postStatus(ctx, res, sp, acsUrl, request, "NoPassive", "The user is not signed in and the request asked for no interaction.");
  }
  await beginSignOn(ctx, req, res, sp, signOn);
}

function bindingInput(req: Request, binding: "redirect" | "post"): AuthnRequestInput | undefined {
  if (binding === "redirect") {
    const at = req.originalUrl.indexOf("?");
    const query = at < 0 ? "" : req.originalUrl.slice(at + 1);
    return /(^|&)SAMLRequest=/.test(query) ? { binding, query } : undefined;
  }
  const samlRequest = field(req.body, "SAMLRequest");
  if (!samlRequest) return undefined;
  const relayState = field(req.body, "RelayState");
  return { binding, samlRequest, ...(relayState !== undefined ? { relayState } : {}) };
}

/** A signed Response with a non-success status, posted to the SP (e.g. NoPassive). */
function postStatus(ctx: IdpContext, res: Response, sp: ServiceProvider, acsUrl: string, request: AuthnRequest, subStatusCode: "NoPassive", message: string): void {
  const xml = buildSamlErrorResponse(
    { issuer: ctx.entityId, destination: sp.config.recipient, inResponseTo: request.id, statusCode: "Responder", subStatusCode, message, now: ctx.clock.now() },
    { key: ctx.signing.key, certificate: ctx.signing.certificate },
  );
  const nonce = newNonce();
  sendPage(res, 200, autoPostPage({ nonce, action: acsUrl, fields: { SAMLResponse: Buffer.from(xml).toString("base64"), RelayState: request.relayState } }), nonce, [acsUrl]);
}

// Answers a sign-on for an authenticated user: runs the SP's claim rules over the directory
// user, builds the signed SAMLResponse, and sends the auto-posting form.
import type { Response } from "express";
import type { DirectoryUser } from "../directory/index.ts";
import type { IdpSessionRecord } from "../store/index.ts";
import { AWS_ROLE, createActiveDirectoryStore, windowsAccountNameClaim } from "./claims/index.ts";
import { buildSamlResponseAsync } from "./saml/index.ts";
import { claimsToSaml, IssuanceError } from "./claims-to-saml.ts";
import { autoPostPage, messagePage } from "./pages/messages.ts";
import { newNonce, sendPage } from "./http.ts";
import type { IdpContext } from "./context.ts";
import type { SignOnRequest } from "./sign-on.ts";
import type { ServiceProvider } from "./service-providers.ts";

export async function respondWithAssertion(
  ctx: IdpContext,
  res: Response,
  sp: ServiceProvider,
  request: SignOnRequest,
  user: DirectoryUser,
  session: IdpSessionRecord,
): Promise<void> {
  const now = ctx.clock.now();
  const input = [windowsAccountNameClaim(user.domain, user.username)];
  const store = createActiveDirectoryStore(async (name) => (sameAccount(name, user) ? user : ctx.directory.lookup(name)));
  const nonce = newNonce();
  let subject;
  try {
    const claims = await sp.rules.evaluate(input, { "Active Directory": store });
    subject = claimsToSaml(claims, sp, ctx.config.idp.sessionDurationSeconds);
  } catch (error) {
    if (error instanceof IssuanceError) {
      ctx.logger.info({ event: "idp.sign_on_refused", code: error.code, user: user.username, sp: sp.entityId }, "sign-on refused");
      sendPage(res, 403, refusalPage(nonce, error), nonce);
      return;
    }
    throw error;
  }
  const xml = await buildSamlResponseAsync(
    {
      issuer: ctx.entityId,
      destination: sp.config.recipient,
      recipient: sp.config.recipient,
      audience: sp.config.audience,
      ...(request.requestId ? { inResponseTo: request.requestId } : {}),
      nameId: subject.nameId,
      attributes: subject.attributes,
      authnInstant: session.authnInstant,
      sessionIndex: session.sessionIndex,
      sessionNotOnOrAfter: session.expiresAt,
      now,
      lifetimeSeconds: ctx.config.idp.assertionLifetimeSeconds,
      signResponse: sp.config.signResponse,
    },
    { key: ctx.signing.key, certificate: ctx.signing.certificate },
  );
  ctx.logger.info({ event: "idp.sign_on", user: user.username, sp: sp.entityId, roles: roleCount(subject.attributes) }, "signed response issued");
  const body = autoPostPage({
    nonce,
    action: request.acsUrl,
    fields: { SAMLResponse: Buffer.from(xml).toString("base64"), RelayState: request.relayState },
  });
  sendPage(res, 200, body, nonce, [request.acsUrl]);
}

function sameAccount(name: string, user: DirectoryUser): boolean {
  const short = name.includes("\\") ? name.slice(name.indexOf("\\") + 1) : name;
  return short.toLowerCase() === user.username.toLowerCase();
}

function roleCount(attributes: { name: string; values: string[] }[]): number {
  return attributes.find((a) => a.name === AWS_ROLE)?.values.length ?? 0;
}

function refusalPage(nonce: string, error: IssuanceError): string {
  if (error.code === "IDP_NO_AWS_ROLE") {
    return messagePage({
      nonce,
      title: "No AWS role for your account",
      message: "You signed in, but your account is not in any group that grants an AWS role, so there is nothing to sign you in to.",
      detail: "Ask your administrator to add you to a group named AWS-<account id>-<role name>, for example AWS-111122223333-Developers.",
      link: { href: "/idp/logout", text: "Sign out" },
    });
  }
  return messagePage({ nonce, title: "Sign-in refused", message: error.message, link: { href: "/idp/logout", text: "Sign out" } });
}

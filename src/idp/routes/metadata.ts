// The IdP's metadata (/idp/metadata) and AD FS's federation metadata
// (/FederationMetadata/2007-06/FederationMetadata.xml): entity ID, signing certificates (the next
// one too, published ahead of a switch), SSO endpoints, NameID formats.
import type { Request, Response } from "express";
import type { IdpContext } from "../context.ts";
import { buildIdpMetadata, buildAdfsFederationMetadata } from "../saml/index.ts";

export const NAME_ID_FORMATS = [
  "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
  "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
  "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
  "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
];

function certificates(ctx: IdpContext): string[] {
  return ctx.signing.nextCertificate ? [ctx.signing.certificate, ctx.signing.nextCertificate] : [ctx.signing.certificate];
}

export function idpMetadata(ctx: IdpContext): string {
  const base = ctx.config.publicUrl;
  return buildIdpMetadata({
    entityId: ctx.entityId,
    ssoUrls: { redirect: `${base}/idp/sso`, post: `${base}/idp/sso` },
    sloUrl: `${base}/idp/logout`,
    certificates: certificates(ctx),
    nameIdFormats: NAME_ID_FORMATS,
  });
}

export function metadata(ctx: IdpContext, _req: Request, res: Response): void {
  res.status(200).type("application/samlmetadata+xml").set("Cache-Control", "no-cache").send(idpMetadata(ctx));
}

export function federationMetadata(ctx: IdpContext, _req: Request, res: Response): void {
  const base = ctx.config.publicUrl;
  const xml = buildAdfsFederationMetadata(
    {
      entityId: ctx.entityId,
      ssoUrls: { redirect: `${base}/adfs/ls/`, post: `${base}/adfs/ls/` },
      sloUrl: `${base}/adfs/ls/`,
      certificates: certificates(ctx),
      nameIdFormats: NAME_ID_FORMATS,
    },
    { key: ctx.signing.key, certificate: ctx.signing.certificate },
  );
  res.status(200).type("application/samlmetadata+xml").set("Cache-Control", "no-cache").send(xml);
}

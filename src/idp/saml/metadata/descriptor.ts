// The IDPSSODescriptor (SAML metadata §2.4.3) shared by federa's metadata and the AD FS flavour.
// Element order is the schema's: KeyDescriptor*, SingleLogoutService*, NameIDFormat*,
// SingleSignOnService+.
import { certificateBase64, DSIG, element, type XmlElement } from "../../../xml/index.ts";
import { isoInstant } from "../../../shared/index.ts";
import { BINDING, MD, SAML_PROTOCOL_NS } from "../constants.ts";
import { requireText } from "../response/checks.ts";
import type { IdpMetadataInput } from "./types.ts";

function keyDescriptor(certificate: string): XmlElement {
  return element(MD, "KeyDescriptor", { use: "signing" }, [
    element(DSIG, "KeyInfo", null, [element(DSIG, "X509Data", null, [element(DSIG, "X509Certificate", null, [certificateBase64(certificate)])])]),
  ]);
}

function endpoint(local: string, binding: string, location: string): XmlElement {
  return element(MD, local, { Binding: binding, Location: location });
}

export function idpSsoDescriptor(input: IdpMetadataInput): XmlElement {
  requireText(input.entityId, "entityId");
  requireText(input.ssoUrls?.redirect, "ssoUrls.redirect");
  requireText(input.ssoUrls?.post, "ssoUrls.post");
  if (input.certificates.length === 0) throw new TypeError("metadata needs at least one signing certificate");
  return element(
    MD,
    "IDPSSODescriptor",
    { protocolSupportEnumeration: SAML_PROTOCOL_NS, WantAuthnRequestsSigned: input.wantAuthnRequestsSigned ? "true" : "false" },
    [
      ...input.certificates.map(keyDescriptor),
      input.sloUrl && endpoint("SingleLogoutService", BINDING.redirect, input.sloUrl),
      input.sloUrl && endpoint("SingleLogoutService", BINDING.post, input.sloUrl),
      ...input.nameIdFormats.map((format) => element(MD, "NameIDFormat", null, [format])),
      endpoint("SingleSignOnService", BINDING.redirect, input.ssoUrls.redirect),
      endpoint("SingleSignOnService", BINDING.post, input.ssoUrls.post),
    ],
  );
}

export function validUntilOf(input: IdpMetadataInput): string | undefined {
  return input.validUntil ? isoInstant(input.validUntil) : undefined;
}

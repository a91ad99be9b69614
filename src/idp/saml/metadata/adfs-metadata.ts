// The metadata AD FS publishes at /FederationMetadata/2007-06/FederationMetadata.xml: an
// EntityDescriptor with an ID, signed with an enveloped signature that comes first (SAML metadata
// §3.1), then the IDPSSODescriptor with the /adfs/ls/ endpoints the caller passes. AD FS's WS-Fed
// RoleDescriptors (xsi:type QNames, WS-Trust endpoints) and its encryption KeyDescriptor are left
// out: SAML consumers, AWS among them, read only the IDPSSODescriptor.
import { canonicalize, element, signEnveloped, type XmlSigner } from "../../../xml/index.ts";
import { randomXmlId } from "../../../crypto/index.ts";
import { MD } from "../constants.ts";
import { idpSsoDescriptor, validUntilOf } from "./descriptor.ts";
import type { AdfsMetadataInput } from "./types.ts";

export function buildAdfsFederationMetadata(input: AdfsMetadataInput, signer: XmlSigner): string {
  const id = input.id ?? randomXmlId();
  const descriptor = idpSsoDescriptor({ ...input, wantAuthnRequestsSigned: input.wantAuthnRequestsSigned ?? false });
  const unsigned = canonicalize(element(MD, "EntityDescriptor", { ID: id, entityID: input.entityId, validUntil: validUntilOf(input) }, [descriptor]));
  return signEnveloped(unsigned, id, signer, { position: "first-child" }).xml;
}

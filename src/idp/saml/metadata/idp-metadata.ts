// federa's IdP metadata (/idp/metadata): an unsigned EntityDescriptor holding the IDPSSODescriptor.
import { canonicalize, element } from "../../../xml/index.ts";
import { MD } from "../constants.ts";
import { idpSsoDescriptor, validUntilOf } from "./descriptor.ts";
import type { IdpMetadataInput } from "./types.ts";

export function buildIdpMetadata(input: IdpMetadataInput): string {
  const descriptor = idpSsoDescriptor(input);
  return canonicalize(element(MD, "EntityDescriptor", { entityID: input.entityId, validUntil: validUntilOf(input) }, [descriptor])).xml;
}

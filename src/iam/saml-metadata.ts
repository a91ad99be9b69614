// Reads a SAML provider's metadata document as IAM's CreateSAMLProvider does: the IdP's entity ID,
// its signing certificates (all of them: a rollover publishes two) and validUntil.
import { parseXml, childElements, attributeOf, textOf, isXmlError } from "../xml/index.ts";
import { describeCertificate, base64ToPem } from "../crypto/index.ts";
import { FederaError } from "../shared/index.ts";

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";

export interface SamlMetadata {
  entityId: string;
  certificates: string[];
  validUntil: string | undefined;
}

export class SamlMetadataError extends FederaError {
  constructor(message: string) {
    super("IAM_INVALID_SAML_METADATA", message, { status: 400 });
  }
}

export function readSamlMetadata(document: string): SamlMetadata {
  let root;
  try {
    root = parseXml(document).documentElement;
  } catch (error) {
    if (isXmlError(error)) throw new SamlMetadataError("Could not parse metadata");
    throw error;
  }
  if (!root || root.namespaceURI !== MD || root.localName !== "EntityDescriptor") throw new SamlMetadataError("Could not parse metadata");
  const entityId = attributeOf(root, "entityID");
  if (!entityId) throw new SamlMetadataError("Could not parse metadata");
  const idp = childElements(root).find((e) => e.namespaceURI === MD && e.localName === "IDPSSODescriptor");
  if (!idp) throw new SamlMetadataError("Could not parse metadata");
  const certificates: string[] = [];
  for (const descriptor of childElements(idp)) {
    if (descriptor.namespaceURI !== MD || descriptor.localName !== "KeyDescriptor") continue;
    const use = attributeOf(descriptor, "use");
    if (use && use !== "signing") continue;
    for (const info of childElements(descriptor).filter((e) => e.namespaceURI === DS && e.localName === "KeyInfo")) {
      for (const data of childElements(info).filter((e) => e.namespaceURI === DS && e.localName === "X509Data")) {
        for (const cert of childElements(data).filter((e) => e.namespaceURI === DS && e.localName === "X509Certificate")) {
          const base64 = textOf(cert).replace(/\s+/g, "");
          try {
            describeCertificate(base64ToPem(base64));
          } catch {
            throw new SamlMetadataError("Could not parse metadata: a signing certificate is not a valid X.509 certificate");
          }
          if (!certificates.includes(base64)) certificates.push(base64);
        }
      }
    }
  }
  if (certificates.length === 0) throw new SamlMetadataError("Could not parse metadata: no signing certificate");
  return { entityId, certificates, validUntil: attributeOf(root, "validUntil") ?? undefined };
}

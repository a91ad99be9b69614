// The IdP's signing identity in the form the signer needs it on the hot path: the parsed private
// key and the certificate already in base64 DER, as ds:X509Certificate carries it.
import { describeCertificate, loadPrivateKey, type PrivateSigningKey } from "../../crypto/index.ts";

export interface XmlSigner {
  readonly key: PrivateSigningKey;
  /** The signing certificate, base64 DER, no line breaks. */
  readonly certificate: string;
}

export function createXmlSigner(privateKeyPem: string, certificatePem: string): XmlSigner {
  const key = loadPrivateKey(privateKeyPem);
  if (key.bits < 2048) throw new TypeError("the signing key must be RSA with 2048 bits or more");
  return Object.freeze({ key, certificate: describeCertificate(certificatePem).base64 });
}

/** base64 DER from either a PEM certificate or base64 DER (whitespace removed). */
export function certificateBase64(pemOrBase64: string): string {
  return pemOrBase64.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

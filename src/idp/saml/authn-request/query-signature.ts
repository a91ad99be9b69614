// Verifies an HTTP-Redirect query signature (SAML bindings §3.4.4.1) with the SP's configured
// certificates: RSA with SHA-256 (or SHA-1 / SHA-512 for older SPs) over the signed octets.
import { base64ToPem, rsaVerify } from "../../../crypto/index.ts";
import { certificateBase64, signatureHashOf } from "../../../xml/index.ts";
import { SamlError } from "../errors.ts";
import { decodeBase64 } from "./decode.ts";

export function verifyQuerySignature(signedOctets: string, sigAlg: string, signature: string, certificates: readonly string[]): void {
  const hash = signatureHashOf(sigAlg);
  if (!hash) throw new SamlError("SAML_REQUEST_SIGALG_UNSUPPORTED", "the request's SigAlg is not supported");
  let value: Buffer;
  try {
    value = decodeBase64(signature, "Signature");
  } catch (cause) {
    throw new SamlError("SAML_REQUEST_SIGNATURE_INVALID", "the request's Signature is not base64", { cause });
  }
  const data = Buffer.from(signedOctets, "utf8");
  const ok = certificates.some((certificate) => rsaVerify(base64ToPem(certificateBase64(certificate)), data, value, hash));
  if (!ok) throw new SamlError("SAML_REQUEST_SIGNATURE_INVALID", "the request's signature does not verify with the SP's certificate");
}

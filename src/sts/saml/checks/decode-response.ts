// The SAMLAssertion is the base64 of the SAMLResponse (SAML 2.0 bindings §3.5.4, as AWS takes it):
// strict base64 (line breaks tolerated), then UTF-8 that decodes without a single error.
import { StsSamlError } from "../errors.ts";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

function invalid(): StsSamlError {
  return new StsSamlError("InvalidIdentityToken", "Invalid SAML response", "base64");
}

export function decodeSamlResponse(samlAssertion: string): string {
  const compact = samlAssertion.replace(/[\r\n\t ]+/g, "");
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) throw invalid();
  try {
    return utf8.decode(Buffer.from(compact, "base64"));
  } catch {
    throw invalid();
  }
}

// The SAMLAssertion is the base64 of the SAMLResponse (SAML 2.0 bindings §3.5.4, as AWS takes it):
// strict base64 (line breaks tolerated), then UTF-8 that decodes without a single error.
import { isUtf8 } from "node:buffer";
import { StsSamlError } from "../errors.ts";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function invalid(): StsSamlError {
  return new StsSamlError("InvalidIdentityToken", "Invalid SAML response", "base64");
}

export function decodeSamlResponse(samlAssertion: string): string {
  const compact = samlAssertion.replace(/[\r\n\t ]+/g, "");
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) throw invalid();
  const bytes = Buffer.from(compact, "base64");
  // UTF-8 without a single error (isUtf8 is the strict check); a byte order mark is dropped.
  if (!isUtf8(bytes)) throw invalid();
  return (bytes.subarray(0, 3).equals(BOM) ? bytes.subarray(3) : bytes).toString("utf8");
}

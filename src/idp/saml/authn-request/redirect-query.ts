// Splits an HTTP-Redirect query string, keeping the raw (still URL-encoded) values: the signature
// covers `SAMLRequest=…&RelayState=…&SigAlg=…` exactly as those octets appeared in the URL (SAML
// bindings §3.4.4.1), not a re-encoding of the decoded values. A parameter given twice is refused:
// which copy was signed would be ambiguous.
import { SamlError } from "../errors.ts";

const NAMES = ["SAMLRequest", "RelayState", "SigAlg", "Signature"] as const;
type Name = (typeof NAMES)[number];

export interface RedirectQuery {
  samlRequest: string;
  relayState?: string;
  sigAlg?: string;
  signature?: string;
  /** The octets the signature covers, when SigAlg is present. */
  signedOctets?: string;
}

function decodeComponent(raw: string, name: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch (cause) {
    throw new SamlError("SAML_REQUEST_MALFORMED", `${name} is not URL-encoded correctly`, { cause });
  }
}

export function splitRedirectQuery(query: string, maxBytes: number): RedirectQuery {
  const text = query.startsWith("?") ? query.slice(1) : query;
  if (text.length > maxBytes) throw new SamlError("SAML_REQUEST_TOO_LARGE", `the query string exceeds ${maxBytes} bytes`);
  const raw = new Map<Name, string>();
  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const name = decodeComponent(rawName, "a parameter name");
    if (!(NAMES as readonly string[]).includes(name)) continue;
    if (rawName !== name) throw new SamlError("SAML_REQUEST_MALFORMED", `the parameter name ${name} is URL-encoded`);
    if (raw.has(name as Name)) throw new SamlError("SAML_REQUEST_MALFORMED", `${name} appears more than once`);
    raw.set(name as Name, eq < 0 ? "" : part.slice(eq + 1));
  }
  const samlRequest = raw.get("SAMLRequest");
  if (samlRequest === undefined || samlRequest === "") throw new SamlError("SAML_REQUEST_MALFORMED", "SAMLRequest is missing");
  const result: RedirectQuery = { samlRequest: decodeComponent(samlRequest, "SAMLRequest") };
  const relayState = raw.get("RelayState");
  if (relayState !== undefined) result.relayState = decodeComponent(relayState, "RelayState");
  const sigAlg = raw.get("SigAlg");
  const signature = raw.get("Signature");
  if ((sigAlg === undefined) !== (signature === undefined)) {
    throw new SamlError("SAML_REQUEST_MALFORMED", "SigAlg and Signature go together");
  }
  if (sigAlg !== undefined && signature !== undefined) {
    result.sigAlg = decodeComponent(sigAlg, "SigAlg");
    result.signature = decodeComponent(signature, "Signature");
    result.signedOctets =
      `SAMLRequest=${samlRequest}` + (relayState === undefined ? "" : `&RelayState=${relayState}`) + `&SigAlg=${sigAlg}`;
  }
  return result;
}

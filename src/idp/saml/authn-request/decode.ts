// Decoding a SAMLRequest's transport encodings, strictly and within limits: base64 (SAML bindings
// §3.5.4: may hold line breaks), raw DEFLATE for HTTP-Redirect (§3.4.4.1: RFC 1951, no zlib
// header) with the inflated size capped before the bytes exist, then UTF-8.
import { inflateRawSync } from "node:zlib";
import { SamlError } from "../errors.ts";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeBase64(text: string, what: string): Buffer {
  const compact = text.replace(/[\t\n\r ]+/g, "");
  const padded = compact.includes("=");
  if (compact.length === 0 || !BASE64.test(compact) || (padded ? compact.length % 4 !== 0 : compact.length % 4 === 1)) {
    throw new SamlError("SAML_REQUEST_MALFORMED", `${what} is not valid base64`);
  }
  return Buffer.from(compact, "base64");
}

export function inflate(bytes: Buffer, maxBytes: number): Buffer {
  try {
    return inflateRawSync(bytes, { maxOutputLength: maxBytes });
  } catch (cause) {
    if (cause instanceof RangeError || (cause as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new SamlError("SAML_REQUEST_TOO_LARGE", `SAMLRequest inflates to more than ${maxBytes} bytes`, { cause });
    }
    throw new SamlError("SAML_REQUEST_MALFORMED", "SAMLRequest is not DEFLATE-compressed data", { cause });
  }
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

export function utf8(bytes: Buffer): string {
  try {
    return UTF8.decode(bytes);
  } catch (cause) {
    throw new SamlError("SAML_REQUEST_MALFORMED", "SAMLRequest is not UTF-8 text", { cause });
  }
}

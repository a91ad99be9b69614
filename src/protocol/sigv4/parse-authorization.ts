// Reads the Authorization header: "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request,
// SignedHeaders=host;x-amz-date, Signature=<64 hex>". Parameters may come in any order, with or
// without spaces after the commas; each must appear exactly once.
import { SigV4Error } from "./errors.ts";
import { ALGORITHM } from "./constants.ts";
import { parseCredential, type ParsedCredential } from "./parse-credential.ts";
import { printable } from "./printable.ts";
import { RecentParses } from "./recent.ts";

export interface AuthorizationParts {
  credential: ParsedCredential;
  signedHeaders: readonly string[];
  signature: string;
}

export function parseAuthorizationHeader(header: string): AuthorizationParts {
  const space = header.indexOf(" ");
  const algorithm = space === -1 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM) {
    throw new SigV4Error("SIGV4_INCOMPLETE_SIGNATURE", `Unsupported AWS 'algorithm': '${printable(algorithm)}'.`);
  }
  let credential: string | undefined;
  let signedHeaders: string | undefined;
  let signature: string | undefined;
  let start = space + 1;
  while (start < header.length) {
    let end = header.indexOf(",", start);
    if (end === -1) end = header.length;
    let from = start;
    while (header.charCodeAt(from) === 0x20) from++;
    if (from < end) {
      const eq = header.indexOf("=", from);
      if (eq === -1 || eq > end) throw incomplete(header);
      const name = header.slice(from, eq);
      const value = header.slice(eq + 1, end).trimEnd();
      if (name === "Credential" && credential === undefined) credential = value;
      else if (name === "SignedHeaders" && signedHeaders === undefined) signedHeaders = value;
      else if (name === "Signature" && signature === undefined) signature = value;
      else throw incomplete(header);
    }
    start = end + 1;
  }
  if (credential === undefined || signedHeaders === undefined || signature === undefined) {
    throw incomplete(header, { credential, signedHeaders, signature });
  }
  return {
    credential: parseCredential(credential, false),
    signedHeaders: parseSignedHeaders(signedHeaders),
    signature,
  };
}

/** Signed-header lists parsed lately (frozen, as they are shared). */
const recentSignedHeaders = new RecentParses<readonly string[]>(256, 512);

/** "host;x-amz-date" → ["host", "x-amz-date"]: lower-case names, no empty entries. */
export function parseSignedHeaders(text: string, presigned = false): readonly string[] {
  return recentSignedHeaders.get(text) ?? recentSignedHeaders.remember(text, Object.freeze(splitSignedHeaders(text, presigned)));
}

function splitSignedHeaders(text: string, presigned: boolean): string[] {
  const names = text.split(";");
  for (const name of names) {
    if (name === "" || name !== name.toLowerCase()) {
      throw new SigV4Error("SIGV4_INCOMPLETE_SIGNATURE", "SignedHeaders must list lower-case header names separated by ';'.", { presigned });
    }
  }
  return names;
}

function incomplete(header: string, present?: { credential?: string | undefined; signedHeaders?: string | undefined; signature?: string | undefined }): SigV4Error {
  const missing: string[] = [];
  if (present) {
    if (present.credential === undefined) missing.push("Authorization header requires 'Credential' parameter.");
    if (present.signature === undefined) missing.push("Authorization header requires 'Signature' parameter.");
    if (present.signedHeaders === undefined) missing.push("Authorization header requires 'SignedHeaders' parameter.");
  }
  const reason = missing.length > 0 ? missing.join(" ") : "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters, each once.";
  // AWS quotes the header back; without its signature, which the caller already has.
  return new SigV4Error("SIGV4_INCOMPLETE_SIGNATURE", `${reason} Authorization=${printable(redactSignature(header))}`);
}

function redactSignature(header: string): string {
  return header.replace(/Signature=[^,\s]*/g, "Signature=…");
}

// Reads a credential "AKID/YYYYMMDD/region/service/aws4_request" (the Credential parameter of the
// Authorization header or X-Amz-Credential). AWS's messages for its malformations are kept.
import { SigV4Error } from "./errors.ts";
import { SCOPE_TERMINATOR } from "./constants.ts";
import type { CredentialScope } from "./types.ts";
import { printable } from "./printable.ts";

export interface ParsedCredential {
  accessKeyId: string;
  scope: CredentialScope;
  /** "date/region/service/aws4_request", as it goes into the string to sign. */
  scopeText: string;
}

const ACCESS_KEY_ID = /^[A-Za-z0-9+=,.@_-]{1,128}$/;
const SCOPE_DATE = /^\d{8}$/;
const SCOPE_NAME = /^[a-z0-9-]{1,64}$/;

/**
 * Credentials parsed lately: a client sends the same credential text all day, so the split and
 * the checks run once for it (only well-formed ones are kept; they are frozen, as they are shared).
 */
const recent = new Map<string, ParsedCredential>();
const RECENT_LIMIT = 1024;
const MAX_REMEMBERED_LENGTH = 1024;

export function parseCredential(text: string, presigned: boolean): ParsedCredential {
  const known = recent.get(text);
  if (known) return known;
  const parsed = parseFresh(text, presigned);
  if (recent.size >= RECENT_LIMIT) recent.clear();
  recent.set(text, parsed);
  return parsed;
}

/**
 * The same, from the still percent-encoded text of X-Amz-Credential, decoded with `decode`. The
 * SDKs encode each credential the same way every time, so the encoded text is remembered too, and
 * a credential seen before is neither decoded nor split again.
 */
const recentEncoded = new Map<string, ParsedCredential>();

export function parseEncodedCredential(encoded: string, decode: (text: string) => string): ParsedCredential {
  const known = recentEncoded.get(encoded);
  if (known) return known;
  const parsed = parseCredential(decode(encoded), true);
  // A valid credential is short, but its encoded text may escape every character: bounded too.
  if (encoded.length > MAX_REMEMBERED_LENGTH) return parsed;
  if (recentEncoded.size >= RECENT_LIMIT) recentEncoded.clear();
  recentEncoded.set(encoded, parsed);
  return parsed;
}

function parseFresh(text: string, presigned: boolean): ParsedCredential {
  const parts = text.split("/");
  if (parts.length !== 5) {
    throw new SigV4Error(
      "SIGV4_INCOMPLETE_SIGNATURE",
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${printable(text)}'`,
      { presigned },
    );
  }
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  if (terminator !== SCOPE_TERMINATOR) {
    throw new SigV4Error("SIGV4_INCOMPLETE_SIGNATURE", `Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}', not '${printable(terminator)}'.`, { presigned });
  }
  if (!ACCESS_KEY_ID.test(accessKeyId)) {
    throw new SigV4Error("SIGV4_UNKNOWN_KEY", "The security token included in the request is invalid.", { presigned });
  }
  if (!SCOPE_DATE.test(date) || !SCOPE_NAME.test(region) || !SCOPE_NAME.test(service)) {
    throw new SigV4Error("SIGV4_INCOMPLETE_SIGNATURE", `Credential scope is malformed: '${printable(parts.slice(1).join("/"))}'.`, { presigned });
  }
  return Object.freeze({ accessKeyId, scope: Object.freeze({ date, region, service }), scopeText: `${date}/${region}/${service}/${SCOPE_TERMINATOR}` });
}

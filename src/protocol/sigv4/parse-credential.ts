// Reads a credential "AKID/YYYYMMDD/region/service/aws4_request" (the Credential parameter of the
// Authorization header or X-Amz-Credential). AWS's messages for its malformations are kept.
import { SigV4Error } from "./errors.ts";
import { SCOPE_TERMINATOR } from "./constants.ts";
import type { CredentialScope } from "./types.ts";
import { printable } from "./printable.ts";
import { decodeQueryComponent } from "./query-pairs.ts";
import { RecentParses } from "./recent.ts";

export interface ParsedCredential {
  accessKeyId: string;
  scope: CredentialScope;
  /** "date/region/service/aws4_request", as it goes into the string to sign. */
  scopeText: string;
}

const ACCESS_KEY_ID = /^[A-Za-z0-9+=,.@_-]{1,128}$/;
const SCOPE_DATE = /^\d{8}$/;
const SCOPE_NAME = /^[a-z0-9-]{1,64}$/;

/** Credentials parsed lately, as decoded text and as sent in a presigned URL (still encoded). */
const recent = new RecentParses<ParsedCredential>(1024, 1024);
const recentEncoded = new RecentParses<ParsedCredential>(1024, 1024);

export function parseCredential(text: string, presigned: boolean): ParsedCredential {
  return recent.get(text) ?? recent.remember(text, parseFresh(text, presigned));
}

/**
 * The same, from the still percent-encoded text of X-Amz-Credential. The SDKs encode a
 * credential the same way every time, so one seen before is neither decoded nor split again.
 */
export function parseEncodedCredential(encoded: string): ParsedCredential {
  return recentEncoded.get(encoded) ?? recentEncoded.remember(encoded, parseCredential(decodeQueryComponent(encoded), true));
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

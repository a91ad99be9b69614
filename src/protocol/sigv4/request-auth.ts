// Finds how a request is signed — Authorization header or presigned query, never both — and
// gathers what verification needs: credential, signed headers, signature, request time, token.
import { SigV4Error } from "./errors.ts";
import { HEADER_DATE, HEADER_SECURITY_TOKEN } from "./constants.ts";
import { parseAmzDate, parseHttpDate, formatAmzDate } from "./amz-date.ts";
import { parseAuthorizationHeader } from "./parse-authorization.ts";
import { hasPresignedParameters, parsePresignedQuery } from "./parse-presigned.ts";
import { headerValue, type HeaderBag } from "./canonical-headers.ts";
import type { ParsedCredential } from "./parse-credential.ts";
import type { RawPair } from "./query-pairs.ts";
import { printable } from "./printable.ts";

export interface RequestAuth {
  presigned: boolean;
  credential: ParsedCredential;
  signedHeaders: readonly string[];
  signature: string;
  /** The request time as it goes into the string to sign (basic ISO 8601). */
  amzDate: string;
  signedAt: Date;
  expiresSeconds: number | undefined;
  sessionToken: string | undefined;
  queryContentSha256: string | undefined;
}

export const MISSING_AUTH_MESSAGE = "Request is missing Authentication Token";

/** Cheap test, headers and query only: does the request claim SigV4 authentication at all? */
export function claimsSigV4(headers: HeaderBag, queryPairs: readonly RawPair[]): boolean {
  return headers["authorization"] !== undefined || hasPresignedParameters(queryPairs);
}

export function readRequestAuth(headers: HeaderBag, queryPairs: readonly RawPair[]): RequestAuth {
  const authorization = headers["authorization"];
  const presigned = hasPresignedParameters(queryPairs);
  if (authorization !== undefined && presigned) {
    throw new SigV4Error(
      "SIGV4_INCOMPLETE_SIGNATURE",
      "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
    );
  }
  if (presigned) {
    const parts = parsePresignedQuery(queryPairs);
    const signedAt = parseAmzDate(parts.amzDate);
    if (!signedAt) throw badDate(parts.amzDate, true);
    return {
      presigned: true,
      credential: parts.credential,
      signedHeaders: parts.signedHeaders,
      signature: parts.signature,
      amzDate: parts.amzDate,
      signedAt,
      expiresSeconds: parts.expiresSeconds,
      sessionToken: parts.sessionToken,
      queryContentSha256: parts.contentSha256,
    };
  }
  if (authorization === undefined) throw new SigV4Error("SIGV4_MISSING_AUTH", MISSING_AUTH_MESSAGE);
  if (typeof authorization !== "string") {
    throw new SigV4Error("SIGV4_INCOMPLETE_SIGNATURE", "The request must carry exactly one Authorization header.");
  }
  const parts = parseAuthorizationHeader(authorization);
  const { amzDate, signedAt } = headerTime(headers, authorization);
  return {
    presigned: false,
    credential: parts.credential,
    signedHeaders: parts.signedHeaders,
    signature: parts.signature,
    amzDate,
    signedAt,
    expiresSeconds: undefined,
    sessionToken: headerValue(headers, HEADER_SECURITY_TOKEN),
    queryContentSha256: undefined,
  };
}

function headerTime(headers: HeaderBag, authorization: string): { amzDate: string; signedAt: Date } {
  const amz = headerValue(headers, HEADER_DATE);
  if (amz !== undefined) {
    const signedAt = parseAmzDate(amz);
    if (!signedAt) throw badDate(amz, false);
    return { amzDate: amz, signedAt };
  }
  const date = headerValue(headers, "date");
  const signedAt = date === undefined ? undefined : parseHttpDate(date);
  if (!signedAt) {
    throw new SigV4Error(
      "SIGV4_INCOMPLETE_SIGNATURE",
      `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${printable(authorization.replace(/Signature=[^,\s]*/g, "Signature=…"))}`,
    );
  }
  return { amzDate: formatAmzDate(signedAt), signedAt };
}

function badDate(text: string, presigned: boolean): SigV4Error {
  return new SigV4Error(
    "SIGV4_INCOMPLETE_SIGNATURE",
    `Date must be in ISO-8601 'basic format'. Got '${printable(text, 40)}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    { presigned },
  );
}

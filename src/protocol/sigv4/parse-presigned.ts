// Reads the SigV4 parameters of a presigned URL (X-Amz-Algorithm, -Credential, -Date, -Expires,
// -SignedHeaders, -Signature, and -Security-Token when temporary), each exactly once.
import { SigV4Error } from "./errors.ts";
import {
  ALGORITHM,
  MAX_PRESIGN_EXPIRES_SECONDS,
  QUERY_ALGORITHM,
  QUERY_CREDENTIAL,
  QUERY_DATE,
  QUERY_EXPIRES,
  QUERY_SECURITY_TOKEN,
  QUERY_SIGNATURE,
  QUERY_SIGNED_HEADERS,
} from "./constants.ts";
import { decodeQueryComponent, type RawPair } from "./query-pairs.ts";
import { parseEncodedCredential, type ParsedCredential } from "./parse-credential.ts";
import { parseSignedHeaders } from "./parse-authorization.ts";
import { printable } from "./printable.ts";

export interface PresignedParts {
  credential: ParsedCredential;
  signedHeaders: readonly string[];
  signature: string;
  amzDate: string;
  expiresSeconds: number;
  sessionToken: string | undefined;
  contentSha256: string | undefined;
}

const REQUIRED_MESSAGE =
  "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.";

/** True when the query carries any presigned-URL authentication parameter. */
export function hasPresignedParameters(pairs: readonly RawPair[]): boolean {
  return pairs.some((pair) => pair.name === QUERY_ALGORITHM || pair.name === QUERY_CREDENTIAL || pair.name === QUERY_SIGNATURE);
}

/** Each SigV4 parameter's slot in the fixed-size array below is its index here. */
const SLOT_NAMES = [QUERY_ALGORITHM, QUERY_CREDENTIAL, QUERY_DATE, QUERY_EXPIRES, QUERY_SIGNED_HEADERS, QUERY_SIGNATURE, QUERY_SECURITY_TOKEN];
const CREDENTIAL_SLOT = SLOT_NAMES.indexOf(QUERY_CREDENTIAL);

/** The parameters by the length of their names (two share length 15), each with its slot. */
const BY_LENGTH = new Map<number, Array<readonly [string, number]>>();
SLOT_NAMES.forEach((name, slot) => BY_LENGTH.set(name.length, [...(BY_LENGTH.get(name.length) ?? []), [name, slot]]));

/**
 * The slot of a SigV4 parameter; -1 for any other name. Chosen by length first, so a name is
 * compared in full with one constant at most, not with each in turn.
 */
function slotOf(name: string): number {
  const candidates = BY_LENGTH.get(name.length);
  if (candidates === undefined) return -1;
  for (const [candidate, slot] of candidates) if (name === candidate) return slot;
  return -1;
}

export function parsePresignedQuery(pairs: readonly RawPair[]): PresignedParts {
  const found: Array<string | undefined> = [undefined, undefined, undefined, undefined, undefined, undefined, undefined];
  let contentSha256: string | undefined;
  for (const pair of pairs) {
    const slot = slotOf(pair.name);
    if (slot === -1) {
      // Presigners hoist x-amz-content-sha256 into the query in either case.
      if (pair.name.length === 20 && pair.name.toLowerCase() === "x-amz-content-sha256") contentSha256 = decodeQueryComponent(pair.value);
      continue;
    }
    if (found[slot] !== undefined) throw new SigV4Error("SIGV4_INCOMPLETE_SIGNATURE", `${pair.name} must appear only once.`, { presigned: true });
    // The credential is decoded only when it was not seen before (parseEncodedCredential).
    found[slot] = slot === CREDENTIAL_SLOT ? pair.value : decodeQueryComponent(pair.value);
  }
  const [algorithm, credential, amzDate, expires, signedHeaders, signature, sessionToken] = found;

  if (algorithm === undefined || credential === undefined || amzDate === undefined || expires === undefined || signedHeaders === undefined || signature === undefined) {
    throw new SigV4Error("SIGV4_INCOMPLETE_SIGNATURE", REQUIRED_MESSAGE, { presigned: true });
  }
  if (algorithm !== ALGORITHM) {
    throw new SigV4Error("SIGV4_INCOMPLETE_SIGNATURE", `X-Amz-Algorithm only supports "${ALGORITHM}", not "${printable(algorithm)}".`, { presigned: true });
  }
  if (!/^\d{1,7}$/.test(expires)) {
    throw new SigV4Error("SIGV4_INCOMPLETE_SIGNATURE", "X-Amz-Expires should be a number", { presigned: true });
  }
  const expiresSeconds = Number(expires);
  if (expiresSeconds > MAX_PRESIGN_EXPIRES_SECONDS) {
    throw new SigV4Error("SIGV4_INCOMPLETE_SIGNATURE", `X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGN_EXPIRES_SECONDS}`, { presigned: true });
  }
  return {
    credential: parseEncodedCredential(credential),
    signedHeaders: parseSignedHeaders(signedHeaders, true),
    signature,
    amzDate,
    expiresSeconds,
    sessionToken,
    contentSha256,
  };
}

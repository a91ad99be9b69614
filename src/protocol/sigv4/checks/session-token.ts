// Check: the credential and the session token belong together. A lookup that found nothing is an
// unknown key, or an invalid token when one came along; temporary credentials need their token,
// long-term keys must come without one, and expired temporary credentials are refused.
import { SigV4Error } from "../errors.ts";
import type { CredentialRecord } from "../types.ts";

const INVALID = "The security token included in the request is invalid.";

export function checkCredential<C extends CredentialRecord>(record: C | undefined, sessionToken: string | undefined, presigned: boolean): C {
  if (record === undefined) {
    throw new SigV4Error(sessionToken === undefined ? "SIGV4_UNKNOWN_KEY" : "SIGV4_INVALID_TOKEN", INVALID, { presigned });
  }
  const temporary = record.sessionToken === "required";
  if (temporary !== (sessionToken !== undefined)) throw new SigV4Error("SIGV4_INVALID_TOKEN", INVALID, { presigned });
  return record;
}

export function checkNotExpired(record: CredentialRecord, now: Date, presigned: boolean): void {
  if (record.expiresAt !== undefined && now.getTime() >= record.expiresAt.getTime()) {
    throw new SigV4Error("SIGV4_EXPIRED_TOKEN", "The security token included in the request is expired", { presigned, expiresAt: record.expiresAt });
  }
}

// CSRF protection for the console's forms: a token bound to the session (an HMAC of its access key
// ID under a key derived from the service key), sent in a hidden field and compared in constant
// time. The session cookie is also SameSite=Lax; the token is what makes a cross-site POST fail.
import { deriveKey, hmacSha256, safeEqual } from "../crypto/index.ts";

export const CSRF_FIELD = "csrf";

const keys = new WeakMap<Buffer, Buffer>();

function csrfKey(serviceKey: Buffer): Buffer {
  let key = keys.get(serviceKey);
  if (!key) {
    key = deriveKey(serviceKey, "console csrf");
    keys.set(serviceKey, key);
  }
  return key;
}

export function csrfTokenFor(serviceKey: Buffer, accessKeyId: string): string {
  return hmacSha256(csrfKey(serviceKey), `console csrf\n${accessKeyId}`).toString("base64url");
}

export function csrfMatches(expected: string, posted: unknown): boolean {
  return typeof posted === "string" && posted.length > 0 && safeEqual(posted, expected);
}

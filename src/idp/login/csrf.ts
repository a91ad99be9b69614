// CSRF protection for the login forms: a random value in a SameSite=Strict, HttpOnly cookie and
// its HMAC in a hidden field (double submit, keyed so the field cannot be computed by an attacker).
import { hmacSha256, randomBase64Url, safeEqual } from "../../crypto/index.ts";

export const CSRF_COOKIE = "federa_csrf";

export function newCsrfSecret(): string {
  return randomBase64Url(24);
}

export function csrfTokenFor(key: Buffer, secret: string): string {
  return hmacSha256(key, `csrf\n${secret}`).toString("base64url");
}

export function csrfTokenMatches(key: Buffer, secret: string | undefined, token: unknown): boolean {
  if (!secret || typeof token !== "string") return false;
  return safeEqual(token, csrfTokenFor(key, secret));
}

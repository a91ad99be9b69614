// Small authenticated values carried by the browser: base64url(JSON) "." base64url(HMAC-SHA256).
// They hold no secret; the HMAC only stops a client from forging or editing them.
import { hmacSha256, safeEqual } from "../../crypto/index.ts";

export function seal(key: Buffer, purpose: string, value: unknown): string {
  const body = Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${body}.${mac(key, purpose, body)}`;
}

/** The value, or undefined when the token is missing, forged, or for another purpose. */
export function unseal<T>(key: Buffer, purpose: string, token: unknown): T | undefined {
  if (typeof token !== "string" || token.length > 16_384) return undefined;
  const dot = token.indexOf(".");
  if (dot <= 0) return undefined;
  const body = token.slice(0, dot);
  if (!safeEqual(token.slice(dot + 1), mac(key, purpose, body))) return undefined;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as T;
  } catch {
    return undefined;
  }
}

function mac(key: Buffer, purpose: string, body: string): string {
  return hmacSha256(key, `${purpose}\n${body}`).toString("base64url");
}

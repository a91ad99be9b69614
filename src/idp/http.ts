// HTTP helpers for the IdP's pages: security headers with a per-response nonce, cookies.
import type { Request, Response } from "express";
import { parse as parseCookie, serialize as serializeCookie, type SerializeOptions } from "cookie";
import { randomBase64Url } from "../crypto/index.ts";

export function newNonce(): string {
  return randomBase64Url(16);
}

/** Sends an HTML page with a strict CSP: only this response's nonce'd style and script run. */
export function sendPage(res: Response, status: number, body: string, nonce: string, formActions: string[] = []): void {
  const actions = ["'self'", ...new Set(formActions.map(originOf).filter((o): o is string => o !== undefined))].join(" ");
  res
    .status(status)
    .set({
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      Pragma: "no-cache",
      "Content-Security-Policy": `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; form-action ${actions}; frame-ancestors 'none'; base-uri 'none'`,
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    })
    .send(body);
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function readCookies(req: Request): Record<string, string | undefined> {
  const header = req.headers.cookie;
  return header ? parseCookie(header) : {};
}

export function appendCookie(res: Response, name: string, value: string, options: SerializeOptions): void {
  res.append("Set-Cookie", serializeCookie(name, value, { path: "/", httpOnly: true, ...options }));
}

/** A form field as a string, or undefined (arrays and objects from a crafted body are refused). */
export function field(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

export function queryParam(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === "string" ? value : undefined;
}

// The console session: the role session's access key ID and session token in an HttpOnly,
// SameSite=Lax cookie that expires with the credentials. The token is a JWE that only federa can
// open (it holds the secret key), so the cookie needs no server-side state.
import type { Request, Response } from "express";
import { appendCookie, readCookies } from "../idp/index.ts";

export const CONSOLE_COOKIE = "federa_console";

export interface ConsoleCredentials {
  accessKeyId: string;
  sessionToken: string;
}

export function setConsoleSession(res: Response, credentials: ConsoleCredentials & { expiration: Date }, secure: boolean): void {
  appendCookie(res, CONSOLE_COOKIE, `${credentials.accessKeyId}.${credentials.sessionToken}`, { sameSite: "lax", secure, expires: credentials.expiration });
}

export function readConsoleSession(req: Request): ConsoleCredentials | undefined {
  const value = readCookies(req)[CONSOLE_COOKIE];
  if (!value || value.length > 8192) return undefined;
  const dot = value.indexOf(".");
  if (dot !== 20) return undefined;
  return { accessKeyId: value.slice(0, dot), sessionToken: value.slice(dot + 1) };
}

export function clearConsoleSession(res: Response, secure: boolean): void {
  appendCookie(res, CONSOLE_COOKIE, "", { sameSite: "lax", secure, expires: new Date(0) });
}

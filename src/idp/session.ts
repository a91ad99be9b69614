// IdP sessions: a random cookie value (HttpOnly, SameSite=Lax, Secure on https) whose SHA-256 is
// the stored key, so a second sign-on within the session asks no password. Sign-out deletes it.
import type { Request, Response } from "express";
import { randomBase64Url, randomXmlId, sha256 } from "../crypto/index.ts";
import type { IdpSessionRecord, IdpSessionRepository } from "../store/index.ts";
import { appendCookie, readCookies } from "./http.ts";

export const SESSION_COOKIE = "federa_idp_session";

export interface SessionManager {
  start(res: Response, user: { username: string; dn: string }, now: Date): Promise<IdpSessionRecord>;
  current(req: Request, now: Date): Promise<IdpSessionRecord | undefined>;
  end(req: Request, res: Response): Promise<void>;
}

export function createSessionManager(repo: IdpSessionRepository, minutes: number, secure: boolean): SessionManager {
  const hash = (value: string) => sha256(value).toString("hex");
  return {
    async start(res, user, now) {
      const value = randomBase64Url(32);
      const record: IdpSessionRecord = {
        idHash: hash(value),
        username: user.username,
        userDn: user.dn,
        authnInstant: now,
        expiresAt: new Date(now.getTime() + minutes * 60_000),
        sessionIndex: randomXmlId(),
      };
      await repo.create(record);
      appendCookie(res, SESSION_COOKIE, value, { sameSite: "lax", secure, expires: record.expiresAt });
      return record;
    },
    async current(req, now) {
      const value = readCookies(req)[SESSION_COOKIE];
      if (!value || value.length > 128) return undefined;
      return repo.get(hash(value), now);
    },
    async end(req, res) {
      const value = readCookies(req)[SESSION_COOKIE];
      if (value && value.length <= 128) await repo.delete(hash(value));
      appendCookie(res, SESSION_COOKIE, "", { sameSite: "lax", secure, expires: new Date(0) });
    },
  };
}

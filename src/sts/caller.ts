// Who signed a request: resolves an access key to its secret and principal. Long-term keys come
// from IAM (root or a user); temporary keys (ASIA…) from the stateless session token that came
// with the request. What it answers is handed to every handler as the caller.
import type { CredentialLookup, CredentialRecord } from "../protocol/index.ts";
import type { RequestPrincipal } from "../policy/index.ts";
import type { IamService, UserRecord } from "../iam/index.ts";
import { assumedRoleArn, rootArn, type Clock } from "../shared/index.ts";
import type { SessionClaims, SessionTokens } from "./session-token.ts";

export interface Caller extends CredentialRecord {
  accountId: string;
  /** The caller's ARN as GetCallerIdentity reports it. */
  arn: string;
  /** aws:userid: the account id for root, AIDA… for users, AROA…:<session> for role sessions. */
  userId: string;
  principal: RequestPrincipal;
  /** The session's claims, for role sessions. */
  session?: SessionClaims;
  userName?: string;
}

export function createCredentialLookup(iam: IamService, tokens: SessionTokens, clock: Clock): CredentialLookup<Caller> {
  return async (accessKeyId, sessionToken) => {
    if (accessKeyId.startsWith("ASIA")) {
      if (!sessionToken) return undefined;
      let claims: SessionClaims;
      try {
        // Expiry is judged by SigV4 verification, after the signature (expiresAt below).
        claims = await tokens.open(sessionToken, accessKeyId, clock.now(), { ignoreExpiry: true });
      } catch {
        return undefined;
      }
      const arn = assumedRoleArn(claims.accountId, claims.roleName, claims.roleSessionName);
      const userId = `${claims.roleId}:${claims.roleSessionName}`;
      return {
        accessKeyId,
        secretAccessKey: claims.secretAccessKey,
        sessionToken: "required",
        expiresAt: new Date(claims.expiresAt),
        accountId: claims.accountId,
        arn,
        userId,
        principal: { type: "assumed-role", arn, accountId: claims.accountId, roleArn: claims.roleArn, userId },
        session: claims,
      };
    }
    const key = await iam.findAccessKey(accessKeyId);
    if (!key || key.status !== "Active") return undefined;
    if (key.userName === null) {
      const arn = rootArn(key.accountId);
      return {
        accessKeyId,
        secretAccessKey: key.secretAccessKey,
        accountId: key.accountId,
        arn,
        userId: key.accountId,
        principal: { type: "root", arn, accountId: key.accountId, userId: key.accountId },
      };
    }
    const user = await iam.repo.get<UserRecord>(key.accountId, "user", key.userName.toLowerCase());
    if (!user) return undefined;
    return {
      accessKeyId,
      secretAccessKey: key.secretAccessKey,
      accountId: key.accountId,
      arn: user.arn,
      userId: user.userId,
      userName: user.userName,
      principal: { type: "user", arn: user.arn, accountId: key.accountId, userId: user.userId, username: user.userName },
    };
  };
}

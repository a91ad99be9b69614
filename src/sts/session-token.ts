// Temporary credentials, stateless: the session token is a JWE (dir, A256GCM) under a key derived
// from the service key, carrying the secret access key and everything the session is: role,
// session name, expiry, session policy, tags, source identity. Any instance that shares the
// service key verifies it; nothing is stored. (ARCHITECTURE.md, "Temporary credentials".)
import { createDirJwe, deriveKey, randomBase32, randomSecretAccessKey } from "../crypto/index.ts";
import { FederaError } from "../shared/index.ts";

export interface SessionClaims {
  /** The temporary access key ID (ASIA…). */
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  roleArn: string;
  roleId: string;
  roleName: string;
  roleSessionName: string;
  /** Milliseconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
  /** Session policy (inline JSON) and managed session policy ARNs, intersected with the role's. */
  sessionPolicy?: string;
  sessionPolicyArns?: string[];
  tags?: Record<string, string>;
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
  /** How the session was made, e.g. the SAML provider's ARN and the NameID. */
  federation?: { provider: string; subject: string; subjectType: string; issuer: string };
}

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export type SessionTokenErrorCode = "STS_TOKEN_INVALID" | "STS_TOKEN_EXPIRED";

export class SessionTokenError extends FederaError {
  declare readonly code: SessionTokenErrorCode;
  constructor(code: SessionTokenErrorCode, message: string) {
    super(code, message, { status: 403 });
  }
}

const MAX_TOKEN_LENGTH = 16_384;

export interface SessionTokens {
  mint(claims: Omit<SessionClaims, "accessKeyId" | "secretAccessKey">): Promise<TemporaryCredentials>;
  /**
   * The claims of a token, if it is authentic, for this access key, and not expired at `now` (with
   * ignoreExpiry, expired claims too: SigV4 verification refuses them after the signature check).
   */
  open(token: string, accessKeyId: string, now: Date, options?: { ignoreExpiry?: boolean }): Promise<SessionClaims>;
}

export function createSessionTokens(serviceKey: Buffer): SessionTokens {
  const jwe = createDirJwe(deriveKey(serviceKey, "sts session token"), "federa-sts");
  const invalid = () => new SessionTokenError("STS_TOKEN_INVALID", "The security token included in the request is invalid.");
  return {
    async mint(claims) {
      const full: SessionClaims = { ...claims, accessKeyId: "ASIA" + randomBase32(16), secretAccessKey: randomSecretAccessKey() };
      const sessionToken = jwe.seal(JSON.stringify(full));
      return { accessKeyId: full.accessKeyId, secretAccessKey: full.secretAccessKey, sessionToken, expiration: new Date(full.expiresAt) };
    },
    async open(token, accessKeyId, now, options = {}) {
      if (token.length > MAX_TOKEN_LENGTH) throw invalid();
      const plaintext = jwe.open(token);
      if (!plaintext) throw invalid();
      let claims: SessionClaims;
      try {
        claims = JSON.parse(plaintext.toString("utf8")) as SessionClaims;
      } catch {
        throw invalid();
      }
      if (claims.accessKeyId !== accessKeyId) throw invalid();
      if (!options.ignoreExpiry && claims.expiresAt <= now.getTime()) throw new SessionTokenError("STS_TOKEN_EXPIRED", "The security token included in the request is expired");
      return claims;
    },
  };
}

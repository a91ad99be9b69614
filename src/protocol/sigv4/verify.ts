// verifySigV4: the whole check of one request, as a pipeline of small named checks. Cheap checks
// run first (form, host signed, scope, time, payload hash), then the credential lookup, then the
// signature (signing key cached per day), then what only a verified request may learn (token
// expiry, S3's declared body hash).
import { splitRawQuery } from "./query-pairs.ts";
import { readRequestAuth } from "./request-auth.ts";
import { payloadHash, checkDeclaredBodyHash } from "./payload-hash.ts";
import { canonicalRequest, stringToSign } from "./canonical-request.ts";
import { SigningKeyCache } from "./signing-key-cache.ts";
import { checkHostSigned } from "./checks/host-signed.ts";
import { checkScopeDate, checkScopeRegion, checkScopeService } from "./checks/scope.ts";
import { checkPresignedWindow, checkSkew } from "./checks/request-time.ts";
import { checkCredential, checkNotExpired } from "./checks/session-token.ts";
import { checkSignature } from "./checks/signature.ts";
import type { ChunkChainSeed, CredentialLookup, CredentialRecord, SignedRequest, VerifiedSignature, VerifyOptions } from "./types.ts";

const defaultKeyCache = new SigningKeyCache();

export interface VerifyInternals {
  /** A signing-key cache of one's own (tests, benchmarks); the module's shared cache otherwise. */
  keyCache?: SigningKeyCache;
}

export async function verifySigV4<C extends CredentialRecord>(
  request: SignedRequest,
  lookup: CredentialLookup<C>,
  options: VerifyOptions & VerifyInternals,
): Promise<VerifiedSignature<C>> {
  const s3 = options.s3 === true;
  const queryPairs = splitRawQuery(request.rawQuery);
  const auth = readRequestAuth(request.headers, queryPairs);
  const { presigned, credential } = auth;

  checkHostSigned(auth.signedHeaders, presigned);
  checkScopeDate(credential.scope, auth.amzDate, presigned);
  checkScopeService(credential.scope, options.expectedService, presigned);
  checkScopeRegion(credential.scope, options.expectedRegion, presigned);
  if (presigned) checkPresignedWindow(auth.signedAt, auth.amzDate, auth.expiresSeconds ?? 0, options.now);
  else checkSkew(auth.signedAt, auth.amzDate, options.now);
  const payload = payloadHash({
    headers: request.headers,
    bodySha256Hex: request.bodySha256Hex,
    presigned,
    queryContentSha256: auth.queryContentSha256,
    s3,
  });

  const record = checkCredential(await lookup(credential.accessKeyId, auth.sessionToken), auth.sessionToken, presigned);

  const { date, region, service } = credential.scope;
  const signingKey = (options.keyCache ?? defaultKeyCache).key(record.secretAccessKey, date, region, service);
  const canonical = canonicalRequest({
    method: request.method,
    rawPath: request.rawPath,
    rawQuery: request.rawQuery,
    queryPairs,
    headers: request.headers,
    signedHeaders: auth.signedHeaders,
    payloadHash: payload.hashed,
    s3,
  });
  const expected = signingKey.hex(stringToSign(auth.amzDate, credential.scopeText, canonical));
  checkSignature(expected, auth.signature, presigned);

  checkNotExpired(record, options.now, presigned);
  checkDeclaredBodyHash(payload.signing, request.bodySha256Hex);

  const chain: ChunkChainSeed = { amzDate: auth.amzDate, scope: credential.scopeText, seedSignature: auth.signature, signingKey };
  return new Verified<C>(
    {
      credential: record,
      accessKeyId: credential.accessKeyId,
      scope: credential.scope,
      signedAt: auth.signedAt,
      presigned,
      signedHeaders: auth.signedHeaders,
      sessionToken: auth.sessionToken,
      payload: payload.signing,
      signature: auth.signature,
    },
    chain,
  );
}

/**
 * A verified signature. The chunk chain's seed holds the signing key: it is a getter, not an own
 * property, so it never shows up when a verified signature is logged or serialised (and every
 * such object has one shape, where defining a non-enumerable property per request did not).
 */
interface Verified<C extends CredentialRecord> extends Omit<VerifiedSignature<C>, "chain"> {}
class Verified<C extends CredentialRecord> implements VerifiedSignature<C> {
  readonly #chain: ChunkChainSeed;

  constructor(fields: Omit<VerifiedSignature<C>, "chain">, chain: ChunkChainSeed) {
    Object.assign(this, fields);
    this.#chain = chain;
  }

  get chain(): ChunkChainSeed {
    return this.#chain;
  }
}

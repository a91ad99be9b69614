// Data keys for an integrated service (S3's SSE-KMS), asked for in-process as the service's caller,
// as AWS services call KMS on a principal's behalf: the same authorization as the API (key policy,
// IAM policies, grants, session policies) with kms:ViaService set to the service, the encryption
// context bound and checked, the key's state enforced (Disabled → DisabledException, pending
// deletion → KMSInvalidStateException). Failures are KMS's own errors; the service maps them to its
// wire. Each call is a CloudTrail event of its own, as AWS records it beside the service's: the
// caller's identity invoked by the service ("s3.amazonaws.com"), the key, the encryption context.
import { randomKeyMaterial, randomUuid } from "../../crypto/index.ts";
import { isAwsError, type ApiCallRecord } from "../../protocol/index.ts";
import type { Caller } from "../../sts/index.ts";
import { kmsError } from "../errors.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { awsManagedKey, viaServiceOf } from "../engine/aws-managed.ts";
import type { KmsContext, KmsDeps } from "../engine/context.ts";
import { checkEncryptionContext, type EncryptionContext } from "../engine/encryption-context.ts";
import { loadKey } from "../engine/keys.ts";
import { resolveKey, type ResolvedKey } from "../engine/resolve.ts";
import { invalidCiphertext } from "../engine/ciphertext.ts";
import { settleKey } from "../engine/settle.ts";
import { requireDataKeyWrapping, requireEnabled } from "../engine/states.ts";
import { requireKeyUsage } from "../engine/key-usage.ts";
import { openSymmetric, parseSymmetricBlob, sealSymmetric } from "../engine/symmetric.ts";
import { keyResource } from "../operations/operation.ts";

/** A principal's request to an integrated service, which calls KMS on its behalf. */
export interface ServiceCaller {
  caller: Caller;
  /** The service's Region: keys are resolved and used there. */
  region: string;
  sourceIp: string;
  secureTransport: boolean;
  now: Date;
  requestId: string;
  /** The integrated service ("s3"): kms:ViaService <service>.<region>.amazonaws.com, and its AWS managed key alias/aws/<service>. */
  service: string;
}

export interface GeneratedDataKey {
  /** 32 bytes (AES_256): the caller zeroes it when done. */
  plaintext: Buffer;
  /** The data key under the KMS key: what Decrypt takes back. */
  ciphertextBlob: Buffer;
  keyArn: string;
}

export interface DecryptedDataKey {
  plaintext: Buffer;
  keyArn: string;
}

const DATA_KEY_BYTES = 32;
const KEY_GONE = "The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.";
const SYMMETRIC = "SYMMETRIC_DEFAULT";

/** The request context the engine's checks read, as SigV4 would have established it for the service's call. */
function contextOf(who: ServiceCaller, operation: string): KmsContext {
  return {
    service: "kms",
    operation,
    caller: who.caller,
    params: {},
    flatParams: new Map(),
    requestId: who.requestId,
    now: who.now,
    region: who.region,
    sourceIp: who.sourceIp,
    secureTransport: who.secureTransport,
    headers: {},
    signature: undefined,
  };
}

/**
 * Runs a KMS call made for the service and reports it to the trail, allowed or refused: the
 * service is what invoked it (AWS writes the service's name as the source and user agent too).
 */
async function recorded<T>(deps: KmsDeps, who: ServiceCaller, operation: string, requestParameters: Record<string, unknown>, keyOf: (out: T) => string, call: () => Promise<T>): Promise<T> {
  const report = deps.onServiceCall;
  if (!report) return call();
  const record: ApiCallRecord<Caller> = {
    service: "kms",
    operation,
    caller: who.caller,
    requestId: randomUuid(),
    time: who.now,
    region: who.region,
    sourceIp: who.sourceIp,
    userAgent: "",
    secureTransport: who.secureTransport,
    trail: { readOnly: true, requestParameters, responseElements: null },
    invokedBy: `${who.service}.amazonaws.com`,
  };
  try {
    const out = await call();
    record.trail.resources = keyResource(keyOf(out));
    report(record);
    return out;
  } catch (thrown) {
    if (isAwsError(thrown)) {
      record.error = { code: thrown.code, message: thrown.message, status: thrown.status };
      report(record);
    }
    throw thrown;
  }
}

function conditionsOf(who: ServiceCaller) {
  return { "kms:ViaService": viaServiceOf(who.service, who.region), "kms:EncryptionAlgorithm": SYMMETRIC };
}


/**
 * GenerateDataKey (AES_256) under the key the request named (key id, key ARN, alias name or alias
 * ARN), or, when it named none, under the service's AWS managed key (made on first use), as the
 * caller: kms:GenerateDataKey through the service.
 */
export async function generateDataKeyFor(deps: KmsDeps, who: ServiceCaller, keyId: string | undefined, context: EncryptionContext): Promise<GeneratedDataKey> {
  const requestParameters = { ...(keyId === undefined ? {} : { keyId }), encryptionContext: context, keySpec: "AES_256" };
  return recorded(deps, who, "GenerateDataKey", requestParameters, (made) => made.keyArn, () => generate(deps, who, keyId, context));
}

async function generate(deps: KmsDeps, who: ServiceCaller, keyId: string | undefined, context: EncryptionContext): Promise<GeneratedDataKey> {
  checkEncryptionContext(context);
  const ctx = contextOf(who, "GenerateDataKey");
  const resolved: ResolvedKey =
    keyId === undefined ? { key: await awsManagedKey(deps, who.caller.accountId, who.region, who.service) } : await resolveKey(deps, ctx, keyId);
  const { key, requestAlias } = resolved;
  await authorizeKey(deps, ctx, key, "kms:GenerateDataKey", {
    ...(requestAlias === undefined ? {} : { requestAlias }),
    encryptionContext: context,
    conditions: conditionsOf(who),
  });
  requireEnabled(key);
  requireDataKeyWrapping(key, "GenerateDataKey");
  const plaintext = randomKeyMaterial(DATA_KEY_BYTES);
  const ciphertextBlob = await sealSymmetric(deps, key, plaintext, context);
  return { plaintext, ciphertextBlob, keyArn: key.arn };
}

/**
 * Decrypt of a data key that generateDataKeyFor made, with the same encryption context, as the
 * caller: kms:Decrypt through the service. A blob that does not open is InvalidCiphertextException;
 * one whose key no longer exists is AccessDeniedException, as AWS KMS answers it.
 */
export async function decryptDataKeyFor(deps: KmsDeps, who: ServiceCaller, blob: Buffer, context: EncryptionContext): Promise<DecryptedDataKey> {
  const requestParameters = { encryptionContext: context, encryptionAlgorithm: SYMMETRIC };
  return recorded(deps, who, "Decrypt", requestParameters, (opened) => opened.keyArn, () => decrypt(deps, who, blob, context));
}

async function decrypt(deps: KmsDeps, who: ServiceCaller, blob: Buffer, context: EncryptionContext): Promise<DecryptedDataKey> {
  const ctx = contextOf(who, "Decrypt");
  const parts = parseSymmetricBlob(blob);
  const stored = await loadKey(deps.repo, parts.keyId);
  const key = stored && (await settleKey(deps, stored, who.now));
  // KMS's words when the key a data key names is gone (deleted, or of another Region): S3 passes them on.
  if (!key || key.region !== who.region) throw kmsError("AccessDeniedException", KEY_GONE);
  await authorizeKey(deps, ctx, key, "kms:Decrypt", { encryptionContext: context, conditions: conditionsOf(who) });
  requireEnabled(key);
  requireKeyUsage(key, "ENCRYPT_DECRYPT", "Decrypt");
  // A symmetric ciphertext that names an asymmetric key can only be a forged one.
  if (key.keySpec !== SYMMETRIC) throw invalidCiphertext();
  return { plaintext: await openSymmetric(deps, key, parts, context), keyArn: key.arn };
}

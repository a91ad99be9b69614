// Decrypt: a symmetric ciphertext names its key, so KeyId is optional (when given and it names
// another key: IncorrectKeyException); RSA ciphertexts need KeyId and EncryptionAlgorithm. The
// encryption context must be exactly the one used to encrypt.
import type { DecryptResponse } from "@aws-sdk/client-kms";
import { rsaOaepDecrypt } from "../../crypto/index.ts";
import { readGrantTokens } from "../api/grant-tokens.ts";
import { readEncryptionContext } from "../api/key-input.ts";
import { optionalBlob, optionalEnum, optionalString } from "../api/params.ts";
import { kmsError } from "../errors.ts";
import { authorizeKey, type KeyAuthorization } from "../engine/authorize.ts";
import { invalidCiphertext } from "../engine/ciphertext.ts";
import type { KmsContext, KmsDeps } from "../engine/context.ts";
import { ENCRYPTION_ALGORITHMS, checkEncryptionAlgorithm } from "../engine/encryption-algorithm.ts";
import type { EncryptionContext } from "../engine/encryption-context.ts";
import { loadKey } from "../engine/keys.ts";
import { settleKey } from "../engine/settle.ts";
import { backingKeyMaterial } from "../engine/material.ts";
import { resolveKey, type ResolvedKey } from "../engine/resolve.ts";
import { requireEnabled } from "../engine/states.ts";
import { requireKeyUsage } from "../engine/key-usage.ts";
import { openSymmetric, parseSymmetricBlob } from "../engine/symmetric.ts";
import { ignoresCiphertext, readDryRun, stopIfDryRun } from "../engine/dry-run.ts";
import type { KmsKey } from "../model/types.ts";
import type { JsonObject } from "../../protocol/index.ts";
import type { ContextValue } from "../../policy/index.ts";
import { keyResource, type KmsOperation } from "./operation.ts";
import { keyMaterialId } from "../model/key-material-id.ts";

export const CIPHERTEXT_MAX = 6144;

export interface Opened {
  key: KmsKey;
  plaintext: Buffer;
  algorithm: string;
  /** The key material id (AWS's 64 hex digits) of a symmetric ciphertext's backing key. */
  keyMaterialId?: string;
}

const incorrectKey = () => kmsError("IncorrectKeyException", "The key ID in the request does not identify a CMK that can perform this operation.");

/** The key a ciphertext names, when the request named none: stored and of this Region, or InvalidCiphertextException. */
async function ciphertextKey(deps: KmsDeps, ctx: KmsContext, keyId: string): Promise<KmsKey> {
  const stored = await loadKey(deps.repo, keyId);
  const key = stored && (await settleKey(deps, stored, ctx.now));
  if (!key || key.region !== ctx.region) throw invalidCiphertext();
  return key;
}

/**
 * `action` (kms:Decrypt, kms:ReEncryptFrom) on the key, with the request's alias, encryption
 * context and algorithm; refused "on the resource associated with this ciphertext" when the
 * request named no key.
 */
function authorizeOpening(deps: KmsDeps, ctx: KmsContext, key: KmsKey, action: string, named: ResolvedKey | undefined, context: EncryptionContext | undefined, algorithm: string, destinationKeyId: string | undefined): Promise<void> {
  // Assigned member by member: conditional spreads take a slow path in Node 20, on every Decrypt.
  const auth: KeyAuthorization = { conditions: sourceConditions(key, algorithm, destinationKeyId) };
  if (named?.requestAlias) auth.requestAlias = named.requestAlias;
  if (context) auth.encryptionContext = context;
  if (!named) auth.deniedTarget = "the resource associated with this ciphertext";
  return authorizeKey(deps, ctx, key, action, auth);
}

/** The opening side's request keys; for ReEncrypt's source also whether it re-encrypts under the same key. */
function sourceConditions(key: KmsKey, algorithm: string, destinationKeyId: string | undefined): Record<string, ContextValue> {
  return destinationKeyId === undefined ? { "kms:EncryptionAlgorithm": algorithm } : { "kms:EncryptionAlgorithm": algorithm, "kms:ReEncryptOnSameKey": key.keyId === destinationKeyId };
}

/**
 * Authorizes `action` and opens a ciphertext (Decrypt, and ReEncrypt's source side). `keyId` is
 * the request's KeyId/SourceKeyId, if any.
 */
export async function openCiphertext(
  deps: KmsDeps,
  ctx: KmsContext,
  action: string,
  blob: Buffer,
  keyIdParam: string | undefined,
  context: EncryptionContext | undefined,
  algorithm: string,
  /** ReEncrypt: the destination key (kms:ReEncryptOnSameKey). */
  destinationKeyId?: string,
): Promise<Opened> {
  const named = keyIdParam === undefined ? undefined : await resolveKey(deps, ctx, keyIdParam);
  // With SYMMETRIC_DEFAULT (the default) AWS reads the blob as a symmetric ciphertext, which no
  // ciphertext of an asymmetric key is: InvalidCiphertextException.
  if (named && named.key.keySpec !== "SYMMETRIC_DEFAULT" && algorithm === "SYMMETRIC_DEFAULT") throw invalidCiphertext();
  if (named && named.key.keySpec !== "SYMMETRIC_DEFAULT") {
    const key = named.key;
    await authorizeOpening(deps, ctx, key, action, named, undefined, algorithm, destinationKeyId);
    requireEnabled(key);
    requireKeyUsage(key, "ENCRYPT_DECRYPT", "Decrypt");
    checkEncryptionAlgorithm(key, algorithm);
    if (context) throw kmsError("InvalidKeyUsageException", "EncryptionContext is not supported for asymmetric KMS keys.");
    const material = await backingKeyMaterial(deps, key.keyId, key.currentBackingKeyId ?? "");
    const plaintext = material ? rsaOaepDecrypt(material, algorithm as "RSAES_OAEP_SHA_1" | "RSAES_OAEP_SHA_256", blob) : undefined;
    if (!plaintext) throw invalidCiphertext();
    return { key, plaintext, algorithm };
  }
  const parts = parseSymmetricBlob(blob);
  if (named && named.key.keyId !== parts.keyId) throw incorrectKey();
  const key = named?.key ?? (await ciphertextKey(deps, ctx, parts.keyId));
  await authorizeOpening(deps, ctx, key, action, named, context, algorithm, destinationKeyId);
  requireEnabled(key);
  if (key.keySpec !== "SYMMETRIC_DEFAULT" || key.keyUsage !== "ENCRYPT_DECRYPT") throw incorrectKey();
  checkEncryptionAlgorithm(key, algorithm);
  const plaintext = await openSymmetric(deps, key, parts, context);
  return { key, plaintext, algorithm, keyMaterialId: keyMaterialId(key.keyId, parts.backingKeyId) };
}

/**
 * A dry run with IGNORE_CIPHERTEXT (Decrypt, ReEncrypt's source side): the caller's permission for
 * `action` on the key the request names (KeyId, or else the key a well-formed ciphertext names),
 * the key's state, usage and algorithm; the ciphertext itself is not opened.
 */
export async function checkWithoutCiphertext(
  deps: KmsDeps,
  ctx: KmsContext,
  action: string,
  blob: Buffer | undefined,
  keyIdParam: string | undefined,
  context: EncryptionContext | undefined,
  algorithm: string,
  destinationKeyId?: string,
): Promise<void> {
  const named = keyIdParam === undefined ? undefined : await resolveKey(deps, ctx, keyIdParam);
  if (!named && !blob) throw invalidCiphertext();
  const key = named?.key ?? (await ciphertextKey(deps, ctx, parseSymmetricBlob(blob!).keyId));
  await authorizeOpening(deps, ctx, key, action, named, context, algorithm, destinationKeyId);
  requireEnabled(key);
  requireKeyUsage(key, "ENCRYPT_DECRYPT", action.slice(4));
  checkEncryptionAlgorithm(key, algorithm);
}

/** CiphertextBlob: required, except in a dry run that ignores the ciphertext (then optional). */
export function readCiphertextBlob(params: JsonObject, ignoreCiphertext: boolean): Buffer | undefined {
  return optionalBlob(params, "CiphertextBlob", { required: !ignoreCiphertext, max: CIPHERTEXT_MAX });
}

export const decrypt: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<DecryptResponse> {
    const p = ctx.params;
    const dryRun = readDryRun(p);
    const ignoreCiphertext = ignoresCiphertext(p, dryRun);
    const blob = readCiphertextBlob(p, ignoreCiphertext);
    const keyId = optionalString(p, "KeyId", { min: 1, max: 2048 });
    const context = readEncryptionContext(p);
    const algorithm = optionalEnum(p, "EncryptionAlgorithm", ENCRYPTION_ALGORITHMS) ?? "SYMMETRIC_DEFAULT";
    readGrantTokens(p);
    if (p["Recipient"] !== undefined) throw kmsError("UnsupportedOperationException", "Recipient (Nitro Enclaves attestation) is not supported by federa.");
    if (ignoreCiphertext) {
      await checkWithoutCiphertext(deps, ctx, "kms:Decrypt", blob, keyId, context, algorithm);
      stopIfDryRun(dryRun);
    }
    // Otherwise AWS checks the whole request, the ciphertext included, before it answers a dry run.
    const opened = await openCiphertext(deps, ctx, "kms:Decrypt", blob!, keyId, context, algorithm);
    stopIfDryRun(dryRun);
    const out: DecryptResponse = { KeyId: opened.key.arn, Plaintext: opened.plaintext, EncryptionAlgorithm: opened.algorithm as DecryptResponse["EncryptionAlgorithm"] };
    if (opened.keyMaterialId) out.KeyMaterialId = opened.keyMaterialId;
    return out;
  },
  trail: (params, output) => ({
    requestParameters: {
      ...(params["KeyId"] ? { keyId: params["KeyId"] } : {}),
      encryptionAlgorithm: params["EncryptionAlgorithm"] ?? "SYMMETRIC_DEFAULT",
      ...(params["EncryptionContext"] ? { encryptionContext: params["EncryptionContext"] } : {}),
    },
    responseElements: null,
    resources: keyResource((output as DecryptResponse | undefined)?.KeyId),
  }),
};

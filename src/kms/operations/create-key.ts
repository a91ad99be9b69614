// CreateKey: a customer managed key of any spec and usage, with the default key policy unless one
// is given (then validated, with the lockout safety check), tags, and its first backing key (or
// none yet: EXTERNAL keys wait in PendingImport).
import type { CreateKeyResponse } from "@aws-sdk/client-kms";
import { generateHmacKey, generateKeyPairMaterial, generateMlDsaKey, generateMlKemKey, isMlDsaKeySpec, isMlKemKeySpec, randomKeyMaterial, randomUuid } from "../../crypto/index.ts";
import { optionalBoolean, optionalEnum, optionalString } from "../api/params.ts";
import { readTags, requestTagConditions } from "../api/tags.ts";
import type { ContextValue } from "../../policy/index.ts";
import { refuseCustomKeyStore } from "../api/custom-key-store.ts";
import { kmsError, validationError } from "../errors.ts";
import { authorizeAccount } from "../engine/authorize.ts";
import { defaultKeyPolicy } from "../engine/default-policy.ts";
import { checkKeyPolicy, checkLockout, POLICY_MEMBER_MAX, readKeyPolicyText } from "../engine/key-policy.ts";
import { keyRow } from "../engine/keys.ts";
import { wrapBackingKey } from "../engine/material.ts";
import { isPostQuantum, KEY_SPECS, usagesOf } from "../model/algorithms.ts";
import { keyArn } from "../model/arn.ts";
import { keyMetadata } from "../model/metadata.ts";
import type { AsymmetricKeySpec, HmacKeySpec, KeySpec, KeyUsage, KmsKey } from "../model/types.ts";
import { keyResource, type KmsOperation } from "./operation.ts";
import { trailShape } from "../api/trail-values.ts";
import type { KmsBackingKeyRow } from "../../store/index.ts";

const USAGES = ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT", "ENCAPSULATE_DECAPSULATE"] as const;
/** Key specs of AWS's enum that federa does not make: SM2 (China Regions only). */
const UNMADE_SPECS = ["SM2"] as const;
/** The deprecated CustomerMasterKeySpec's enum: the specs before Ed25519 and the post-quantum ones, and SM2. */
const LEGACY_SPECS = [...KEY_SPECS.filter((s) => s !== "ECC_NIST_EDWARDS25519" && !isPostQuantum(s)), "SM2" as const];
const ORIGINS = ["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"] as const;
const XKS_KEY_ID = /^[a-zA-Z0-9-_.]+$/;

const isUnmade = (spec: string): spec is (typeof UNMADE_SPECS)[number] => (UNMADE_SPECS as readonly string[]).includes(spec);

export const createKey: KmsOperation = {
  readOnly: false,
  async run(deps, ctx): Promise<CreateKeyResponse> {
    const p = ctx.params;
    const policyMember = optionalString(p, "Policy", { min: 1, max: POLICY_MEMBER_MAX });
    const policyText = policyMember === undefined ? undefined : readKeyPolicyText(policyMember);
    const description = optionalString(p, "Description", { max: 8192 }) ?? "";
    const requestedSpec = optionalEnum(p, "KeySpec", [...KEY_SPECS, ...UNMADE_SPECS]);
    const legacySpec = optionalEnum(p, "CustomerMasterKeySpec", LEGACY_SPECS);
    const origin = optionalEnum(p, "Origin", ORIGINS) ?? "AWS_KMS";
    const bypass = optionalBoolean(p, "BypassPolicyLockoutSafetyCheck") ?? false;
    const multiRegion = optionalBoolean(p, "MultiRegion") ?? false;
    const tags = readTags(p, "Tags");
    const xksKeyId = optionalString(p, "XksKeyId", { min: 1, max: 128 });
    if (xksKeyId !== undefined && !XKS_KEY_ID.test(xksKeyId)) throw validationError("xksKeyId", xksKeyId, "Member must satisfy regular expression pattern: ^[a-zA-Z0-9-_.]+$");
    if (requestedSpec && legacySpec) {
      throw kmsError("ValidationException", "You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec parameter is deprecated. Use KeySpec parameter instead.");
    }
    const spec = requestedSpec ?? legacySpec ?? "SYMMETRIC_DEFAULT";
    const requestedUsage = optionalEnum(p, "KeyUsage", USAGES) ?? (spec === "SYMMETRIC_DEFAULT" ? "ENCRYPT_DECRYPT" : undefined);
    if (requestedUsage === undefined) throw kmsError("ValidationException", "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.");
    if (isUnmade(spec)) throw kmsError("UnsupportedOperationException", "KeySpec SM2 is supported only in China Regions.");
    const keySpec: KeySpec = spec;
    const usage = requestedUsage as KeyUsage;
    if (!usagesOf(keySpec).includes(usage)) {
      throw kmsError("ValidationException", `KeyUsage ${usage} is not compatible with KeySpec ${keySpec}`);
    }
    refuseCustomKeyStore(p);
    if (xksKeyId !== undefined) throw kmsError("ValidationException", "XksKeyId is valid only with Origin EXTERNAL_KEY_STORE and a CustomKeyStoreId.");
    if (multiRegion) throw kmsError("UnsupportedOperationException", "federa does not support multi-Region keys.");
    if (origin === "EXTERNAL_KEY_STORE") throw kmsError("UnsupportedOperationException", "federa does not support external key stores.");
    if (origin === "AWS_CLOUDHSM") throw kmsError("UnsupportedOperationException", "CloudHSM key stores are not configured in this federa.");
    if (origin === "EXTERNAL" && keySpec !== "SYMMETRIC_DEFAULT" && !keySpec.startsWith("HMAC_") && !keySpec.startsWith("RSA_") && !keySpec.startsWith("ECC_")) {
      throw kmsError("UnsupportedOperationException", `KeySpec ${keySpec} is not supported for Origin EXTERNAL.`);
    }

    const accountId = ctx.caller.accountId;
    const keyId = randomUuid();
    const arn = keyArn(ctx.region, accountId, keyId);
    const keyFacts: Record<string, ContextValue> = {
      "kms:KeySpec": keySpec,
      "kms:KeyUsage": usage,
      "kms:CustomerMasterKeySpec": keySpec,
      "kms:CustomerMasterKeyUsage": usage,
      "kms:KeyOrigin": origin,
      "kms:MultiRegion": false,
    };
    // The bypass flag only when the request has it: AWS's policies test its absence with Null.
    const conditions: Record<string, ContextValue> = { ...keyFacts };
    if (p["BypassPolicyLockoutSafetyCheck"] !== undefined) conditions["kms:BypassPolicyLockoutSafetyCheck"] = bypass;
    if (tags.length > 0) Object.assign(conditions, requestTagConditions(tags));
    await authorizeAccount(deps, ctx, "kms:CreateKey", conditions);
    if (tags.length > 0) await authorizeAccount(deps, ctx, "kms:TagResource", conditions);
    let policy = defaultKeyPolicy(accountId);
    if (policyText !== undefined) {
      const compiled = await checkKeyPolicy(deps, policyText);
      // As a later PutKeyPolicy without the bypass flag would be.
      if (!bypass) await checkLockout(deps, ctx, compiled, arn, keyFacts);
      policy = policyText;
    }

    const now = ctx.now;
    const key: KmsKey = {
      keyId,
      arn,
      accountId,
      region: ctx.region,
      description,
      keySpec,
      keyUsage: usage,
      origin,
      keyManager: "CUSTOMER",
      state: origin === "EXTERNAL" ? "PendingImport" : "Enabled",
      creationDate: now.getTime(),
      policy,
      tags,
      rotation: { enabled: false, periodDays: 365, onDemandCount: 0 },
    };
    let backing: KmsBackingKeyRow | undefined;
    if (origin === "AWS_KMS") {
      let material: Buffer;
      if (keySpec === "SYMMETRIC_DEFAULT") material = randomKeyMaterial(32);
      else if (keySpec.startsWith("HMAC_")) material = generateHmacKey(keySpec as HmacKeySpec);
      else if (isMlDsaKeySpec(keySpec) || isMlKemKeySpec(keySpec)) {
        const generated = isMlDsaKeySpec(keySpec) ? generateMlDsaKey(keySpec) : generateMlKemKey(keySpec);
        material = generated.seed;
        key.publicKey = generated.publicKeyDer.toString("base64");
      } else {
        const pair = await generateKeyPairMaterial(keySpec as AsymmetricKeySpec);
        material = pair.privateKeyDer;
        key.publicKey = pair.publicKeyDer.toString("base64");
      }
      backing = await wrapBackingKey(deps, keyId, material, now);
      key.currentBackingKeyId = backing.backingKeyId;
    }
    await deps.repo.transaction(async (tx) => {
      await tx.putKey(keyRow(key));
      if (backing) await tx.addBackingKey(backing);
    });
    return { KeyMetadata: keyMetadata(key) };
  },
  trail(params, output) {
    const o = output as CreateKeyResponse | undefined;
    const requestParameters: Record<string, unknown> = {};
    for (const name of ["Policy", "Description", "KeySpec", "CustomerMasterKeySpec", "KeyUsage", "Origin", "BypassPolicyLockoutSafetyCheck", "MultiRegion", "Tags"]) {
      if (params[name] !== undefined) requestParameters[name.charAt(0).toLowerCase() + name.slice(1)] = params[name];
    }
    const resources = keyResource(o?.KeyMetadata?.Arn);
    return {
      requestParameters,
      responseElements: o?.KeyMetadata ? { keyMetadata: trailShape(o.KeyMetadata) } : null,
      ...(resources ? { resources } : {}),
    };
  },
};

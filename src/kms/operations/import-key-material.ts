// ImportKeyMaterial: the customer's key material, wrapped to GetParametersForImport's public key,
// becomes the key's material; a key pending import becomes Enabled. The token must be this key's
// latest (InvalidImportTokenException) and at most 24 hours old (ExpiredImportTokenException).
// Material that does not unwrap is InvalidCiphertextException; material of the wrong length (an
// asymmetric key's: anything but a PKCS#8 DER private key of its spec), IncorrectKeyMaterialException.
// ImportType EXISTING_KEY_MATERIAL (the default once the key has material) takes back only material
// imported before; NEW_KEY_MATERIAL on a key that has material stages it for RotateKeyOnDemand
// (engine/imported.ts). ExpirationModel KEY_MATERIAL_EXPIRES (the default) needs ValidTo, at most
// 365 days ahead; KEY_MATERIAL_DOES_NOT_EXPIRE forbids it. ImportType, KeyMaterialDescription and
// KeyMaterialId are for symmetric encryption keys only. Cross-account use: no.
import type { ImportKeyMaterialResponse } from "@aws-sdk/client-kms";
import { unwrapImportedMaterial } from "../../crypto/index.ts";
import { optionalBlob, optionalEnum, optionalString, requiredBlob } from "../api/params.ts";
import { kmsError, validationError } from "../errors.ts";
import { AwsError, type JsonObject } from "../../protocol/index.ts";
import { authorizeKey } from "../engine/authorize.ts";
import { invalidCiphertext } from "../engine/ciphertext.ts";
import { importMaterial, MAX_VALID_TO_MS, prepareMaterial, wrappingKeyOf, type ImportRequest } from "../engine/imported.ts";
import { originNotValid } from "../engine/rotation.ts";
import type { ExpirationModel } from "../model/types.ts";
import { requireState } from "../engine/manage.ts";
import type { KmsOperation } from "./operation.ts";
import { keyTrail, requestKey, withKeyArn } from "./own-key.ts";
import { keyMaterialId } from "../model/key-material-id.ts";

const MODELS = ["KEY_MATERIAL_EXPIRES", "KEY_MATERIAL_DOES_NOT_EXPIRE"] as const;
const IMPORT_TYPES = ["NEW_KEY_MATERIAL", "EXISTING_KEY_MATERIAL"] as const;
const DESCRIPTION = /^[a-zA-Z0-9:/_\s.-]+$/;
const MATERIAL_ID = /^[a-f0-9]+$/;

/** A timestamp member: epoch seconds in AWS JSON; ms since the epoch here. */
function optionalTimestamp(params: JsonObject, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) throw new AwsError("SerializationException", `Expected a timestamp for member '${name}'.`);
  return Math.round(value * 1000);
}

export const importKeyMaterial: KmsOperation = {
  readOnly: false,
  async run(deps, ctx): Promise<ImportKeyMaterialResponse> {
    const p = ctx.params;
    const token = requiredBlob(p, "ImportToken", { max: 6144 });
    const encrypted = requiredBlob(p, "EncryptedKeyMaterial", { max: 6144 });
    const validTo = optionalTimestamp(p, "ValidTo");
    const model: ExpirationModel = optionalEnum(p, "ExpirationModel", MODELS) ?? "KEY_MATERIAL_EXPIRES";
    const importType = optionalEnum(p, "ImportType", IMPORT_TYPES);
    const description = optionalString(p, "KeyMaterialDescription", { max: 256 });
    if (description !== undefined && !DESCRIPTION.test(description)) {
      throw validationError("keyMaterialDescription", description, "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_\\s.-]+$");
    }
    const materialId = optionalString(p, "KeyMaterialId", { min: 1, max: 64 });
    if (materialId !== undefined && !MATERIAL_ID.test(materialId)) throw validationError("keyMaterialId", materialId, "Member must satisfy regular expression pattern: ^[a-f0-9]+$");
    if (importType === "NEW_KEY_MATERIAL" && materialId !== undefined) throw kmsError("ValidationException", "You cannot specify a KeyMaterialId when ImportType is NEW_KEY_MATERIAL.");
    if (model === "KEY_MATERIAL_EXPIRES" && validTo === undefined) throw kmsError("ValidationException", "A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES");
    if (model === "KEY_MATERIAL_DOES_NOT_EXPIRE" && validTo !== undefined) throw kmsError("ValidationException", "A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE");
    const now = ctx.now.getTime();
    if (validTo !== undefined && validTo <= now) throw kmsError("ValidationException", "The validTo date must be in the future.");
    if (validTo !== undefined && validTo > now + MAX_VALID_TO_MS) throw kmsError("ValidationException", "The validTo date must be no more than 365 days in the future.");

    const key = await requestKey(deps, ctx, false);
    await authorizeKey(deps, ctx, key, "kms:ImportKeyMaterial", {
      // Each only when the request has it: AWS's policies test ExpirationModel's absence with Null.
      conditions: { ...(p["ExpirationModel"] === undefined ? {} : { "kms:ExpirationModel": model }), ...(validTo === undefined ? {} : { "kms:ValidTo": Math.floor(validTo / 1000) }) },
    });
    if (key.origin !== "EXTERNAL") throw originNotValid(key);
    if (key.keySpec !== "SYMMETRIC_DEFAULT" && (importType !== undefined || description !== undefined || materialId !== undefined)) {
      throw kmsError("ValidationException", "ImportType, KeyMaterialDescription and KeyMaterialId are valid only for symmetric encryption keys.");
    }
    // "Its KeyState must be PendingImport or Enabled" (the ImportKeyMaterial API reference).
    requireState(key, ["Enabled", "PendingImport"]);

    const wrapping = await wrappingKeyOf(deps, key, token, ctx.now);
    const material = unwrapImportedMaterial(wrapping.privateKeyDer, wrapping.algorithm, encrypted);
    wrapping.privateKeyDer.fill(0);
    if (!material) throw invalidCiphertext();
    const prepared = prepareMaterial(key, material);
    const request: ImportRequest = {};
    if (importType !== undefined) request.importType = importType;
    if (materialId !== undefined) request.materialId = materialId;
    if (description !== undefined) request.description = description;
    const outcome = await importMaterial(deps, key.keyId, prepared, validTo === undefined ? { model } : { model, validTo }, ctx.now, request);
    if (!outcome) throw kmsError("NotFoundException", `Key '${key.arn}' does not exist`);
    return withKeyArn({ KeyId: key.arn, KeyMaterialId: keyMaterialId(key.keyId, outcome.backingKeyId) }, key.arn);
  },
  trail: (params, output) => keyTrail(params, output, ["KeyId", "ValidTo", "ExpirationModel", "ImportType", "KeyMaterialDescription", "KeyMaterialId"]),
};

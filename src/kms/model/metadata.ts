// DescribeKey's KeyMetadata (and CreateKey's), from the key document, as AWS KMS writes it.
import type { KeyMetadata } from "@aws-sdk/client-kms";
import { customerMasterKeySpecOf, encapsulationAlgorithms, encryptionAlgorithms, keyAgreementAlgorithms, macAlgorithms, signingAlgorithms } from "./algorithms.ts";
import type { KmsKey } from "./types.ts";
import { keyMaterialId } from "./key-material-id.ts";
import { keyExpiry } from "./imported-materials.ts";

export function keyMetadata(key: KmsKey): KeyMetadata {
  const m: KeyMetadata = {
    AWSAccountId: key.accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: new Date(key.creationDate),
    Enabled: key.state === "Enabled",
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: key.state,
    Origin: key.origin,
    KeyManager: key.keyManager,
    KeySpec: key.keySpec,
    MultiRegion: false,
  };
  const legacySpec = customerMasterKeySpecOf(key.keySpec);
  if (legacySpec) m.CustomerMasterKeySpec = legacySpec as KeyMetadata["CustomerMasterKeySpec"];
  if (key.deletionDate !== undefined && key.state === "PendingDeletion") m.DeletionDate = new Date(key.deletionDate);
  // PendingDeletionWindowInDays is only for the primary key of a multi-Region key waiting for its
  // replicas (PendingReplicaDeletion), which federa does not have: AWS never shows it otherwise.
  // A key waiting for material shows no expiry; ValidTo only with KEY_MATERIAL_EXPIRES.
  if (key.origin === "EXTERNAL" && key.state !== "PendingImport") {
    const expiry = keyExpiry(key);
    m.ExpirationModel = expiry.model ?? "KEY_MATERIAL_DOES_NOT_EXPIRE";
    if (expiry.validTo !== undefined) m.ValidTo = new Date(expiry.validTo);
  }
  if (key.customKeyStoreId) {
    m.CustomKeyStoreId = key.customKeyStoreId;
  }
  const enc = encryptionAlgorithms(key.keySpec, key.keyUsage);
  if (enc) m.EncryptionAlgorithms = enc as KeyMetadata["EncryptionAlgorithms"];
  const sig = signingAlgorithms(key.keySpec, key.keyUsage);
  if (sig) m.SigningAlgorithms = sig as KeyMetadata["SigningAlgorithms"];
  const mac = macAlgorithms(key.keySpec, key.keyUsage);
  if (mac) m.MacAlgorithms = mac as KeyMetadata["MacAlgorithms"];
  const agreement = keyAgreementAlgorithms(key.keyUsage);
  if (agreement) m.KeyAgreementAlgorithms = agreement as KeyMetadata["KeyAgreementAlgorithms"];
  const encapsulation = encapsulationAlgorithms(key.keyUsage);
  if (encapsulation) m.EncapsulationAlgorithms = encapsulation as KeyMetadata["EncapsulationAlgorithms"];
  if (key.currentBackingKeyId && key.keySpec === "SYMMETRIC_DEFAULT") m.CurrentKeyMaterialId = keyMaterialId(key.keyId, key.currentBackingKeyId);
  return m;
}

// A KMS key as federa keeps it: the logical resource (metadata, state, policy, tags, rotation)
// apart from its key material, which lives in backing keys wrapped under the root key.
export type AsymmetricKeySpec = "RSA_2048" | "RSA_3072" | "RSA_4096" | "ECC_NIST_P256" | "ECC_NIST_P384" | "ECC_NIST_P521" | "ECC_SECG_P256K1" | "ECC_NIST_EDWARDS25519";
export type HmacKeySpec = "HMAC_224" | "HMAC_256" | "HMAC_384" | "HMAC_512";

export type KeyState = "Creating" | "Enabled" | "Disabled" | "PendingDeletion" | "PendingImport" | "Unavailable";
export type KeyUsage = "ENCRYPT_DECRYPT" | "SIGN_VERIFY" | "GENERATE_VERIFY_MAC" | "KEY_AGREEMENT" | "ENCAPSULATE_DECAPSULATE";
/** Post-quantum signing keys (FIPS 204). */
export type MlDsaKeySpec = "ML_DSA_44" | "ML_DSA_65" | "ML_DSA_87";
/** Post-quantum key encapsulation keys (FIPS 203). */
export type MlKemKeySpec = "ML_KEM_512" | "ML_KEM_768" | "ML_KEM_1024";
export type KeySpec = "SYMMETRIC_DEFAULT" | AsymmetricKeySpec | HmacKeySpec | MlDsaKeySpec | MlKemKeySpec;
export type Origin = "AWS_KMS" | "EXTERNAL" | "AWS_CLOUDHSM";
export type KeyManager = "CUSTOMER" | "AWS";
export type ExpirationModel = "KEY_MATERIAL_EXPIRES" | "KEY_MATERIAL_DOES_NOT_EXPIRE";

export interface KmsTag {
  TagKey: string;
  TagValue: string;
}

export interface RotationSettings {
  /** Automatic rotation. */
  enabled: boolean;
  /** RotationPeriodInDays, 90–2560 (365 unless set). */
  periodDays: number;
  /** When automatic rotation happens next (ms since the epoch), while enabled. */
  nextRotationAt?: number;
  /** RotateKeyOnDemand calls so far (at most 25 per key). */
  onDemandCount: number;
}

/** An import in progress: GetParametersForImport's wrapping key, until the token expires. */
export interface PendingImport {
  importTokenId: string;
  wrappingAlgorithm: string;
  wrappingKeySpec: string;
  /** The wrapping private key (PKCS#8 DER), wrapped under the root key, base64. */
  wrappedPrivateKey: string;
  /** ms since the epoch. */
  validUntil: number;
}

export interface KmsKey {
  keyId: string;
  arn: string;
  accountId: string;
  region: string;
  description: string;
  keySpec: KeySpec;
  keyUsage: KeyUsage;
  origin: Origin;
  keyManager: KeyManager;
  state: KeyState;
  /** ms since the epoch. */
  creationDate: number;
  /** PendingDeletion: when the key is deleted (ms since the epoch). */
  deletionDate?: number;
  /** The key policy's text, as stored. */
  policy: string;
  tags: KmsTag[];
  rotation: RotationSettings;
  /** The newest backing key: Encrypt uses it. */
  currentBackingKeyId?: string;
  /** Asymmetric keys: the public key (SubjectPublicKeyInfo DER), base64. */
  publicKey?: string;
  /**
   * Imported material in documents of earlier versions: its expiry, read only by
   * model/imported-materials.ts (which keeps each material's own and works out the key's).
   */
  validTo?: number;
  expirationModel?: ExpirationModel;
  pendingImport?: PendingImport;
  /** AWS managed keys: the integrated service (e.g. "s3"). */
  awsService?: string;
  /** CloudHSM-backed keys (custom key store). */
  customKeyStoreId?: string;
}

/** What a backing key's document holds beside its wrapped material. */
export interface BackingKeyInfo {
  /** How the backing key came to be. */
  rotationType?: "AUTOMATIC" | "ON_DEMAND";
}

export type GrantOperation =
  | "Decrypt"
  | "Encrypt"
  | "GenerateDataKey"
  | "GenerateDataKeyWithoutPlaintext"
  | "ReEncryptFrom"
  | "ReEncryptTo"
  | "Sign"
  | "Verify"
  | "GetPublicKey"
  | "CreateGrant"
  | "RetireGrant"
  | "DescribeKey"
  | "GenerateDataKeyPair"
  | "GenerateDataKeyPairWithoutPlaintext"
  | "GenerateMac"
  | "VerifyMac"
  | "DeriveSharedSecret"
  | "Encapsulate"
  | "Decapsulate";

export interface GrantConstraints {
  EncryptionContextEquals?: Record<string, string>;
  EncryptionContextSubset?: Record<string, string>;
}

/** A grant's document (the store keeps it beside its id, name and retiring principal). */
export interface KmsGrant {
  grantId: string;
  keyId: string;
  /** The key's ARN (ListGrants' KeyId). */
  keyArn: string;
  name?: string;
  granteePrincipal: string;
  retiringPrincipal?: string;
  /** arn:aws:iam::<account>:root of the account that created it. */
  issuingAccount: string;
  operations: GrantOperation[];
  constraints?: GrantConstraints;
  /** ms since the epoch. */
  creationDate: number;
}

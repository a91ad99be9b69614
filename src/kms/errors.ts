// KMS's errors, in AWS's codes and words. Every one is a 400 except KMSInternalException.
import { AwsError } from "../protocol/index.ts";

export type KmsErrorCode =
  | "AccessDeniedException"
  | "AlreadyExistsException"
  | "CustomKeyStoreNotFoundException"
  | "DisabledException"
  | "ExpiredImportTokenException"
  | "IncorrectKeyException"
  | "IncorrectKeyMaterialException"
  | "InvalidAliasNameException"
  | "InvalidArnException"
  | "InvalidCiphertextException"
  | "InvalidGrantIdException"
  | "InvalidGrantTokenException"
  | "InvalidImportTokenException"
  | "InvalidKeyUsageException"
  | "InvalidMarkerException"
  | "KMSInternalException"
  | "KMSInvalidMacException"
  | "KMSInvalidSignatureException"
  | "KMSInvalidStateException"
  | "LimitExceededException"
  | "MalformedPolicyDocumentException"
  | "NotFoundException"
  | "TagException"
  | "UnsupportedOperationException"
  | "ValidationException"
  | "DryRunOperationException";

export function kmsError(code: KmsErrorCode, message: string): AwsError {
  return new AwsError(code, message, { status: code === "KMSInternalException" ? 500 : 400 });
}

/** AWS's model-validation wording: "1 validation error detected: Value … at '…' failed to satisfy constraint: …". */
export function validationError(member: string, value: string | null, constraint: string): AwsError {
  const shown = value === null ? "null" : `'${value}'`;
  return kmsError("ValidationException", `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
}

// KMS's refusals as S3 answers them when it calls KMS for SSE-KMS. AWS S3 passes KMS's error code
// on with a "KMS." prefix and KMS's message (KMS.DisabledException, KMS.KMSInvalidStateException,
// KMS.NotFoundException "Invalid keyId …", all 400), except a refusal of the caller, which is S3's
// own AccessDenied (403) in the words S3 uses:
//   PutObject without kms:GenerateDataKey: "User: <arn> is not authorized to perform:
//     kms:GenerateDataKey on this resource because the resource does not exist in this Region, no
//     resource-based policies allow access, or a resource-based policy explicitly denies access"
//   GetObject without kms:Decrypt: "The ciphertext refers to a customer master key that does not
//     exist, does not exist in this region, or you are not allowed to access."
// A data key that KMS cannot open (InvalidCiphertextException) is a damaged envelope, and
// KMSInternalException is KMS's own failure: both are InternalError, nothing said.
import { AwsError, isAwsError } from "../../protocol/index.ts";
import { BodyError } from "./errors.ts";
import type { SseCaller } from "./types.ts";

export type KmsDataKeyAction = "kms:GenerateDataKey" | "kms:Decrypt";

const DECRYPT_DENIED = "The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.";

function accessDenied(action: KmsDataKeyAction, who: SseCaller): AwsError {
  const message =
    action === "kms:Decrypt"
      ? DECRYPT_DENIED
      : `User: ${who.caller.arn} is not authorized to perform: ${action} on this resource because the resource does not exist in this Region, no resource-based policies allow access, or a resource-based policy explicitly denies access`;
  return new AwsError("AccessDenied", message, { status: 403 });
}

/** The S3 error for a failure of a KMS call made for `who`; anything that is not KMS's is returned as it is. */
export function s3ErrorFromKms(error: unknown, action: KmsDataKeyAction, who: SseCaller): unknown {
  if (!isAwsError(error)) return error;
  switch (error.code) {
    case "AccessDeniedException":
      return accessDenied(action, who);
    case "InvalidCiphertextException":
      return new BodyError("ERR_S3_DATA_KEY", "KMS did not open the envelope's data key", { cause: error });
    case "KMSInternalException":
      return new BodyError("ERR_S3_DATA_KEY", "KMS failed", { cause: error });
    default:
      return new AwsError(`KMS.${error.code}`, error.message, { status: error.status >= 500 ? 500 : 400 });
  }
}

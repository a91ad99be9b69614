// The bodies' own failures. None is the client's fault and none is exposed: the S3 layer answers
// them as InternalError (500), and no plaintext ever comes out of a body that fails to authenticate.
import { FederaError, type FederaErrorOptions } from "../../shared/index.ts";

export type BodyErrorCode =
  | "ERR_S3_BODY_INTEGRITY" // a blob that is missing, has the wrong length, or does not authenticate
  | "ERR_S3_DATA_KEY"; // an envelope whose data key does not open (not KMS's refusal: a damaged envelope)

export class BodyError extends FederaError {
  constructor(code: BodyErrorCode, message: string, options: FederaErrorOptions = {}) {
    super(code, message, { status: 500, ...options, expose: false });
  }
}

export function isBodyError(value: unknown): value is BodyError {
  return value instanceof BodyError;
}

export const integrityError = (blobId: string, what: string): BodyError =>
  new BodyError("ERR_S3_BODY_INTEGRITY", `stored blob ${blobId}: ${what}`, { detail: { blobId } });

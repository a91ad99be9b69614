// IAM's errors, with AWS's codes and statuses (iam 2010-05-08 service model).
import { FederaError } from "../shared/index.ts";

export type IamErrorCode =
  | "NoSuchEntity"
  | "EntityAlreadyExists"
  | "MalformedPolicyDocument"
  | "InvalidInput"
  | "LimitExceeded"
  | "DeleteConflict"
  | "ValidationError"
  | "AccessDenied";

const STATUS: Record<IamErrorCode, number> = {
  NoSuchEntity: 404,
  EntityAlreadyExists: 409,
  MalformedPolicyDocument: 400,
  InvalidInput: 400,
  LimitExceeded: 409,
  DeleteConflict: 409,
  ValidationError: 400,
  AccessDenied: 403,
};

export class IamError extends FederaError {
  declare readonly code: IamErrorCode;
  constructor(code: IamErrorCode, message: string) {
    super(code, message, { status: STATUS[code] });
  }
}

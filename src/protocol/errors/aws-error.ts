// AwsError: what services throw to answer with one of AWS's errors. The protocol's serialiser
// writes its code, message and status as the service's wire protocol does (Query XML, JSON 1.1,
// REST-XML). The message leaves the process as written: it must hold no secret.
import { FederaError } from "../../shared/index.ts";

export interface AwsErrorOptions {
  /** HTTP status; 400 unless given. */
  status?: number;
  /** Query's <Type>: Sender (the caller's fault) or Receiver. Defaults to status < 500. */
  senderFault?: boolean;
  cause?: unknown;
}

export class AwsError extends FederaError {
  readonly senderFault: boolean;

  constructor(code: string, message: string, options: AwsErrorOptions = {}) {
    const status = options.status ?? 400;
    super(code, message, { status, expose: true, cause: options.cause });
    this.senderFault = options.senderFault ?? status < 500;
  }
}

export function isAwsError(value: unknown): value is AwsError {
  return value instanceof AwsError;
}

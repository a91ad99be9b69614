// Typed errors with stable codes. Callers switch on `code`, never on the message.
// `expose` says whether the message may leave the process as written; anything else becomes a
// generic server error at the one place that serialises errors.

export interface FederaErrorOptions {
  status?: number;
  expose?: boolean;
  cause?: unknown;
  /** Details for the log only: never sent to a client. Must hold no secret. */
  detail?: Record<string, unknown>;
}

export class FederaError extends Error {
  readonly code: string;
  readonly status: number;
  readonly expose: boolean;
  readonly detail: Record<string, unknown> | undefined;

  constructor(code: string, message: string, options: FederaErrorOptions = {}) {
    const status = options.status ?? 400;
    // A refusal the client caused (4xx) is answered, never debugged from its stack: capturing one
    // took tens of µs on a request's deep stack (half the time of a refused unsigned AWS call,
    // which makes two). Server errors (5xx) keep theirs.
    const stackTraceLimit = Error.stackTraceLimit;
    if (status < 500) Error.stackTraceLimit = 0;
    try {
      super(message, options.cause === undefined ? undefined : { cause: options.cause });
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.expose = options.expose ?? true;
    this.detail = options.detail;
  }
}

/** A bad option at start-up; the message names the option's path. */
export class ConfigError extends FederaError {
  constructor(message: string, options: FederaErrorOptions = {}) {
    super("ERR_CONFIG", message, { status: 500, ...options });
  }
}

export function isFederaError(value: unknown): value is FederaError {
  return value instanceof FederaError;
}

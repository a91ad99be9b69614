// Reports a call that reached its operation to the dispatcher's `onCall` hook (the audit trail):
// builds the ApiCallRecord, asks the operation for its trail facts, and keeps every failure of the
// hook or of the facts away from the request: it is logged (names and codes only) and dropped.
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import type { Logger } from "../../shared/index.ts";
import type { AwsError } from "../errors/aws-error.ts";
import type { ReachedOperation } from "./run-operation.ts";
import type { ApiCallRecord, OperationTrail, TrailFacts } from "./types.ts";

export type OnCall<C> = (call: ApiCallRecord<C>) => void;

/** What the dispatcher knows of the request, whatever its outcome. */
export interface RequestFacts {
  req: IncomingMessage;
  service: string;
  operation: string;
  requestId: string;
  now: Date;
  sourceIp: string;
  secureTransport: boolean;
}

/** The handler's answer, or the error the client received instead. */
export type Outcome = { output: unknown; error?: undefined } | { output?: undefined; error: AwsError };

export function reportCall<C>(onCall: OnCall<C>, reached: ReachedOperation<C>, facts: RequestFacts, outcome: Outcome, logger: Logger): void {
  const { req } = facts;
  const userAgent = req.headers["user-agent"];
  const record: ApiCallRecord<C> = {
    service: facts.service,
    operation: facts.operation,
    caller: reached.caller,
    requestId: facts.requestId,
    time: facts.now,
    region: reached.region,
    sourceIp: facts.sourceIp,
    userAgent: typeof userAgent === "string" ? userAgent : "",
    secureTransport: facts.secureTransport,
    trail: trailOf(reached, outcome, facts, logger),
  };
  if (facts.secureTransport) record.tls = tlsFacts(req);
  if (outcome.error) record.error = { code: outcome.error.code, message: outcome.error.message, status: outcome.error.status };
  try {
    const returned: unknown = onCall(record);
    // A hook that answers with a promise must not leave its rejection unhandled.
    if (returned instanceof Promise) returned.catch((error: unknown) => hookFailed(logger, facts, "onCall", error));
  } catch (error) {
    hookFailed(logger, facts, "onCall", error);
  }
}

function trailOf<C>(reached: ReachedOperation<C>, outcome: Outcome, facts: RequestFacts, logger: Logger): OperationTrail {
  if (!reached.trail || !reached.params) return {};
  try {
    const where = { region: reached.region, accountId: (reached.caller as { accountId?: string } | undefined)?.accountId };
    const trail = (reached.trail as TrailFacts<unknown>)(reached.params.value, outcome.error ? undefined : outcome.output, where);
    return trail !== null && typeof trail === "object" ? trail : {};
  } catch (error) {
    hookFailed(logger, facts, "trail", error);
    return {};
  }
}

function tlsFacts(req: IncomingMessage): NonNullable<ApiCallRecord<unknown>["tls"]> {
  const socket = req.socket as Partial<TLSSocket>;
  const cipher = socket.getCipher?.();
  const host = req.headers.host;
  return {
    tlsVersion: socket.getProtocol?.() ?? "",
    cipherSuite: cipher?.standardName ?? cipher?.name ?? "",
    clientProvidedHostHeader: typeof host === "string" ? host : "",
  };
}

/** Logs a failing hook by name only: its message could quote a secret it was handed. */
function hookFailed(logger: Logger, facts: RequestFacts, stage: "trail" | "onCall", error: unknown): void {
  const failure = error as { name?: unknown; code?: unknown } | undefined;
  logger.error(
    { event: "aws.trail_hook_failed", stage, requestId: facts.requestId, service: facts.service, operation: facts.operation, errorName: failure?.name, errorCode: failure?.code },
    "the audit hook failed; the request was answered all the same",
  );
}

// Runs a resolved operation: unsigned operations straight away with no caller; every other one
// only after SigV4 verification, with the credential as its caller. Authentication comes before
// "no such operation" (as AWS's), except for requests that carry no signature at all, which are
// told the operation does not exist rather than asked for credentials they may not need.
// With a `reached` record, it notes what the audit trail needs once the operation is reached.
import type { AwsError } from "../errors/aws-error.ts";
import type { CredentialRecord, VerifiedSignature } from "../sigv4/types.ts";
import type { AwsRequestContext, TrailFacts } from "./types.ts";

/** The context fields that do not depend on the operation or its authentication. */
export type BaseContext = Pick<AwsRequestContext<unknown, unknown>, "service" | "now" | "requestId" | "sourceIp" | "secureTransport" | "headers">;

interface RunnableOperation {
  unsigned?: boolean;
  handler: (context: AwsRequestContext<unknown, unknown>) => unknown;
  trail?: TrailFacts<never>;
}

/** Filled in by runOperation once the request has reached its operation (for the audit trail). */
export interface ReachedOperation<C> {
  reached: boolean;
  caller: C | undefined;
  region: string;
  /** The decoded parameters, once they decoded. */
  params: { value: unknown } | undefined;
  /** The operation's trail facts, typed for its own parameters. */
  trail: TrailFacts<never> | undefined;
}

export interface OperationCall<P> {
  name: string;
  /** Undefined when the request names no operation of the service. */
  operation: { unsigned?: boolean } | undefined;
  /** The answer when there is no such operation. */
  error: AwsError | undefined;
  params: () => P;
  flatParams: ReadonlyMap<string, string>;
}

export interface Authentication<C extends CredentialRecord> {
  /** Whether the request carries SigV4 authentication at all. */
  signed: boolean;
  verify: () => Promise<VerifiedSignature<C>>;
  /** The region for unsigned calls. */
  defaultRegion: string;
}

export async function runOperation<C extends CredentialRecord, P>(
  call: OperationCall<P>,
  base: BaseContext,
  auth: Authentication<C>,
  reached?: ReachedOperation<C>,
): Promise<unknown> {
  // Both protocols' operations share this shape; their handler types differ only in params.
  const operation = call.operation as RunnableOperation | undefined;
  if (operation?.unsigned === true) {
    if (reached) note(reached, operation, undefined, auth.defaultRegion);
    const params = call.params();
    if (reached) reached.params = { value: params };
    return operation.handler(handlerContext(base, call, undefined, params, auth.defaultRegion, undefined));
  }
  if (!operation && !auth.signed) throw call.error;
  const signature = await auth.verify();
  if (!operation) throw call.error;
  if (reached) note(reached, operation, signature.credential, signature.scope.region);
  const params = call.params();
  if (reached) reached.params = { value: params };
  return operation.handler(handlerContext(base, call, signature.credential, params, signature.scope.region, signature));
}

/**
 * The handler's context, written out member by member: V8 (Node 20) copies `{ ...base, more }`
 * through a slow path that costs microseconds per request.
 */
function handlerContext<C extends CredentialRecord, P>(
  base: BaseContext,
  call: OperationCall<P>,
  caller: C | undefined,
  params: P,
  region: string,
  signature: VerifiedSignature<C> | undefined,
): AwsRequestContext<unknown, unknown> {
  return {
    service: base.service,
    now: base.now,
    requestId: base.requestId,
    sourceIp: base.sourceIp,
    secureTransport: base.secureTransport,
    headers: base.headers,
    operation: call.name,
    flatParams: call.flatParams,
    caller,
    params,
    region,
    signature,
  };
}

function note<C>(reached: ReachedOperation<C>, operation: RunnableOperation, caller: C | undefined, region: string): void {
  reached.reached = true;
  reached.caller = caller;
  reached.region = region;
  reached.trail = operation.trail;
}

// The AWS API's HTTP entry, without Express: identify the service (SigV4 scope, X-Amz-Target or
// Query Action), read the body within a limit, resolve the operation, verify SigV4 unless the
// operation is declared unsigned, run the registered handler, and answer in the service's
// protocol. Every failure is answered through toAwsError: nothing internal leaves the process.
// With `onCall`, every request that reached its operation is reported after it is answered.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUuid, sha256Hex } from "../../crypto/index.ts";
import { silentLogger, systemClock, type Clock, type Logger } from "../../shared/index.ts";
import { verifySigV4 } from "../sigv4/verify.ts";
import { splitRawQuery } from "../sigv4/query-pairs.ts";
import { claimsSigV4 } from "../sigv4/request-auth.ts";
import type { SigningKeyCache } from "../sigv4/signing-key-cache.ts";
import type { CredentialLookup, CredentialRecord, VerifiedSignature } from "../sigv4/types.ts";
import type { HeaderBag } from "../sigv4/canonical-headers.ts";
import { AwsError } from "../errors/aws-error.ts";
import { toAwsError } from "../errors/to-aws-error.ts";
import { DEFAULT_MAX_BODY_BYTES, readBody } from "../http/read-body.ts";
import { headerBag } from "../http/headers.ts";
import { isSecureTransport, sourceIp, splitTarget } from "../http/client-info.ts";
import { isFormContentType, readQueryParameters } from "../query/parse-form.ts";
import { decodeQueryParams } from "../query/decode-params.ts";
import type { XmlValue } from "../query/xml-writer.ts";
import { parseJsonBody } from "../json/codec.ts";
import { identifyService } from "./identify.ts";
import { resolveJsonOperation, resolveQueryOperation } from "./resolve-operation.ts";
import { runOperation, type Authentication, type ReachedOperation } from "./run-operation.ts";
import { reportCall, type OnCall, type Outcome } from "./report-call.ts";
import { sendError, sendJsonResult, sendQueryResult, type Answering } from "./respond.ts";
import type { ServiceRegistry } from "./registry.ts";
import type { ServiceDefinition } from "./types.ts";

export interface AwsApiOptions<C extends CredentialRecord> {
  /** Resolves access keys (and session tokens) to credentials. */
  lookup: CredentialLookup<C>;
  clock?: Clock;
  logger?: Logger;
  /** Largest Query or JSON body accepted; 1 MiB unless given. */
  maxBodyBytes?: number;
  /** The region reported to handlers of unsigned requests; "us-east-1" unless given. */
  defaultRegion?: string;
  /** Regions accepted in credential scopes when a service names none; any region when undefined. */
  regions?: readonly string[];
  /** A signing-key cache of one's own; the module's shared one otherwise. */
  keyCache?: SigningKeyCache;
  /**
   * Told of every call that reached its operation (the caller verified, or the operation
   * unsigned), allowed or refused, once answered: the audit trail's hook. Not told of SigV4
   * refusals or unknown operations. What it throws is logged and never reaches the client.
   */
  onCall?: OnCall<C>;
}

/** JSON requests have no flat parameters: one empty map for all of them (handlers only read it). */
const NO_FLAT_PARAMS: ReadonlyMap<string, string> = new Map<string, string>();

export type AwsApiHandler = (req: IncomingMessage, res: ServerResponse) => void;

function answeringFor<C>(service: ServiceDefinition<C> | undefined, headers: HeaderBag): Answering {
  if (service) return service.protocol === "json" ? { protocol: "json" } : { protocol: "query", xmlns: service.xmlns };
  return headers["x-amz-target"] !== undefined ? { protocol: "json" } : { protocol: "query", xmlns: undefined };
}

const jsonParams = (body: Buffer) => () => parseJsonBody(body);
const queryParams = (flat: ReadonlyMap<string, string>) => () => decodeQueryParams(flat);

/** No service matched: answer as a Query service would. */
function unidentified(action: string | undefined, version: string | undefined, signed: boolean): AwsError {
  if (action) return new AwsError("InvalidAction", `Could not find operation ${action} for version ${version || "NO_VERSION_SPECIFIED"}`);
  if (!signed) return new AwsError("MissingAuthenticationToken", "Request is missing Authentication Token", { status: 403 });
  return new AwsError("MissingAction", "Missing Action");
}

export function createAwsApiHandler<C extends CredentialRecord>(registry: ServiceRegistry<C>, options: AwsApiOptions<C>): AwsApiHandler {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const defaultRegion = options.defaultRegion ?? "us-east-1";
  const onCall = options.onCall;

  // The request's closures are made by these helpers rather than written inline in `serve`:
  // under tsx an inline arrow function that gets a name is also given it by a defineProperty call,
  // once per request.

  /** SigV4 verification of the request, run only once its operation asks for it. */
  function verifier(req: IncomingMessage, rawPath: string, rawQuery: string, headers: HeaderBag, body: Buffer, now: Date, found: ServiceDefinition<C>): () => Promise<VerifiedSignature<C>> {
    const regions = found.regions ?? options.regions;
    return () =>
      verifySigV4({ method: req.method ?? "GET", rawPath, rawQuery, headers, bodySha256Hex: sha256Hex(body) }, options.lookup, {
        now,
        expectedService: found.signingName ?? found.service,
        ...(regions ? { expectedRegion: regions } : {}),
        ...(options.keyCache ? { keyCache: options.keyCache } : {}),
      });
  }

  async function serve(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const now = clock.now();
    const { rawPath, rawQuery } = splitTarget(req.url);
    const headers = headerBag(req);
    const queryPairs = splitRawQuery(rawQuery);
    const signed = claimsSigV4(headers, queryPairs);
    let service = identifyService(registry, headers, queryPairs);
    let answering = answeringFor(service, headers);
    let operationName = "";
    // Only with a hook: the hot path allocates nothing for the trail.
    const reached: ReachedOperation<C> | undefined = onCall ? { reached: false, caller: undefined, region: defaultRegion, params: undefined, trail: undefined } : undefined;
    let outcome: Outcome | undefined;
    const peer = sourceIp(req);
    const secure = isSecureTransport(req);
    try {
      const body = await readBody(req, maxBodyBytes);
      const contentType = headers["content-type"];
      const form = isFormContentType(typeof contentType === "string" ? contentType : undefined);
      let flat: Map<string, string> | undefined;
      if (!service && answering.protocol === "query") {
        // Unsigned Query calls (AssumeRoleWithSAML) are known only by their Action.
        flat = readQueryParameters(rawQuery, form ? body : undefined);
        const action = flat.get("Action");
        service = action ? registry.byQueryAction(action) : undefined;
        answering = answeringFor(service, headers);
        if (!service) throw unidentified(action, flat.get("Version"), signed);
      }
      if (!service) throw new AwsError("UnknownOperationException", "");

      const found = service;
      const auth: Authentication<C> = { signed, defaultRegion, verify: verifier(req, rawPath, rawQuery, headers, body, now, found) };
      const base = { service: found.service, now, requestId, sourceIp: peer, secureTransport: secure, headers: req.headers };

      if (found.protocol === "query") {
        const params = flat ?? readQueryParameters(rawQuery, form ? body : undefined);
        const resolved = resolveQueryOperation(found, params);
        operationName = resolved.name;
        const call = { name: resolved.name, operation: resolved.operation, error: resolved.operation ? undefined : resolved.error, params: queryParams(params), flatParams: params };
        const result = await runOperation(call, base, auth, reached);
        sendQueryResult(res, operationName, found.xmlns, result as XmlValue, requestId);
        outcome = { output: result };
      } else {
        const target = headers["x-amz-target"];
        const resolved = resolveJsonOperation(found, typeof target === "string" ? target : undefined);
        operationName = resolved.name;
        const call = { name: resolved.name, operation: resolved.operation, error: resolved.operation ? undefined : resolved.error, params: jsonParams(body), flatParams: NO_FLAT_PARAMS };
        const result = await runOperation(call, base, auth, reached);
        sendJsonResult(res, result, requestId);
        outcome = { output: result };
      }
    } catch (thrown) {
      const { error, internal } = toAwsError(thrown, answering.protocol);
      // A client that went away (or was cut off at the body deadline) mid-body is no fault of ours.
      if (internal && !(req.destroyed && !req.complete)) {
        const failure = thrown as { name?: unknown; code?: unknown } | undefined;
        logger.error(
          { event: "aws.unhandled_error", requestId, service: service?.service, operation: operationName, errorName: failure?.name, errorCode: failure?.code },
          "unexpected failure in an AWS API handler",
        );
      }
      sendError(res, answering, error, requestId);
      outcome = { error };
    }
    if (onCall && reached?.reached && service) {
      const facts = { req, service: service.service, operation: operationName, requestId, now, sourceIp: peer, secureTransport: secure };
      reportCall(onCall, reached, facts, outcome ?? { output: undefined }, logger);
    }
  }

  return (req, res) => {
    const requestId = randomUuid();
    serve(req, res, requestId).catch(() => res.destroy());
  };
}

// S3's HTTP entry, streaming and without Express: find what the request addresses (path style or
// <bucket>.localhost), verify its SigV4 signature from the headers alone (the body is checked as
// it streams, see src/protocol's readS3Payload), run it (../dispatch/run.ts), answer, and report
// the call to the audit trail. Every failure goes out through one place: AwsErrors and SigV4
// refusals as S3 spells them, anything else as InternalError, logged by name only.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { randomHex, randomNonce } from "../../crypto/index.ts";
import {
  headerBag,
  headerValue,
  isSecureTransport,
  readQueryParameters,
  readS3Payload,
  sourceIp,
  splitRequestTarget,
  toAwsError,
  verifySigV4,
  type AwsError,
  type HeaderBag,
  type VerifiedSignature,
} from "../../protocol/index.ts";
import type { Caller } from "../../sts/index.ts";
import type { S3Deps, S3RequestOrigin, S3Response } from "../context.ts";
import type { BodyLeases } from "../operations/object/leases.ts";
import { runS3, type S3Progress, type S3Request } from "../dispatch/run.ts";
import { reportS3Call } from "../dispatch/report-call.ts";
import { readAddress } from "./address.ts";
import { sendError, sendResponse, type Answering } from "./respond.ts";

export type S3Handler = (req: IncomingMessage, res: ServerResponse) => void;

function signedOrigin(req: IncomingMessage, signature: VerifiedSignature<Caller>, headers: HeaderBag, secure: boolean): S3RequestOrigin {
  const tls = secure ? (req.socket as Partial<TLSSocket>).getProtocol?.() : undefined;
  return {
    presigned: signature.presigned,
    signedAt: signature.signedAt,
    tlsVersion: tls ? tls.replace(/^TLSv/, "") : undefined,
    // Stopping early (a failed check) must not destroy the request: the error still has to be answered.
    payload: (options) =>
      readS3Payload(req.iterator({ destroyOnReturn: false }), { verified: signature, headers, checkContentMd5: options.checkContentMd5 ?? true, ...(options.requireAlgorithm ? { requireAlgorithm: options.requireAlgorithm } : {}) }),
  };
}

export function createS3Handler(deps: S3Deps, leases: BodyLeases): S3Handler {
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomHex(8).toUpperCase();
    const answering: Answering = { requestId, hostId: randomNonce(48).toString("base64"), head: req.method === "HEAD", resource: "/" };
    const controller = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    const progress: S3Progress = { operation: "", bucket: undefined };
    let request: S3Request | undefined;
    let response: S3Response | undefined;
    let failure: AwsError | undefined;
    const headers = headerBag(req);
    try {
      const now = deps.clock.now();
      const method = req.method ?? "GET";
      const { rawPath, rawQuery } = splitRequestTarget(req.url);
      const address = readAddress(headerValue(headers, "host"), rawPath);
      answering.resource = `/${address.bucket ?? ""}${address.key !== undefined ? `/${address.key}` : ""}`;
      const signature = await verifySigV4({ method, rawPath, rawQuery, headers }, deps.lookup, {
        now,
        s3: true,
        expectedService: "s3",
        ...(deps.keyCache ? { keyCache: deps.keyCache } : {}),
      });
      const secure = isSecureTransport(req);
      request = {
        requestId,
        hostId: answering.hostId,
        now,
        method,
        bucketName: address.bucket,
        key: address.key,
        // Decoded (form semantics, the first value of a repeated name), SigV4's own presigned
        // parameters (signature, credential, security token) left out: they reach no operation or event.
        query: readQueryParameters(rawQuery, undefined),
        headers,
        caller: signature.credential,
        region: signature.scope.region,
        regionMustMatch: true,
        presigned: signature.presigned,
        origin: signedOrigin(req, signature, headers, secure),
        sourceIp: sourceIp(req),
        secureTransport: secure,
        signal: controller.signal,
      };
      response = await runS3(deps, leases, request, progress);
      await sendResponse(res, response, answering);
    } catch (thrown) {
      const { error, internal } = toAwsError(thrown, "rest-xml");
      failure = error;
      if (internal && !controller.signal.aborted) {
        const cause = thrown as { name?: unknown; code?: unknown } | undefined;
        deps.logger.error({ event: "s3.unhandled_error", requestId, operation: progress.operation, errorName: cause?.name, errorCode: cause?.code }, "unexpected failure in an S3 operation");
      }
      if (!req.complete && !req.destroyed) {
        // Refused before its body was read through: read the rest away (so that the client, still
        // sending, is not reset before it reads the answer) and close the connection afterwards.
        answering.close = true;
        req.resume();
      }
      sendError(res, error, answering);
    }
    // Calls whose caller was verified and whose operation is known; as CloudTrail, not requests that failed authentication.
    if (request && progress.operation !== "") {
      reportS3Call(deps, { request, progress, host: headerValue(headers, "host") ?? "", userAgent: headerValue(headers, "user-agent") ?? "", ...(response ? { response } : {}), ...(failure ? { error: failure } : {}) });
    }
  }

  return (req, res) => {
    serve(req, res).catch(() => res.destroy());
  };
}
